/**
 * Applies one change to one item: reads its current attributes fresh, sends only the flags
 * that differ (a PATCH never clobbers the others), and shows what the registry answered.
 */
import { effectiveChange, isEmptyChange, type LockAttributes, type LockChange } from '../../registry/attributes';
import { type ManifestInfo, type RepositoryInfo, type TagInfo, targetLabel } from '../../registry/models';
import { type CallOptions } from '../../registry/registryClient';
import { type Services } from '../../services';
import { type LockableNode, registryOf, targetOf } from '../../tree/nodes';
import { type ChangeHistory } from './history';

export interface Applied {
  readonly node: LockableNode;
  readonly before: LockAttributes;
  /** The registry's answer (after the change, or the fresh read when nothing had to change). */
  readonly info: RepositoryInfo | TagInfo | ManifestInfo;
  /** What was sent; empty when the item already was in the wanted state. */
  readonly sent: LockChange;
}

export async function applyToNode(
  services: Services,
  history: ChangeHistory,
  node: LockableNode,
  change: LockChange,
  options: CallOptions = {},
): Promise<Applied> {
  const registry = registryOf(node);
  const client = await services.explorer.clientFor(registry);
  const target = targetOf(node);
  const current = await client.read(target, options);
  const sent = effectiveChange(current.attributes, change);
  if (isEmptyChange(sent)) {
    services.explorer.applyUpdate(node, current);
    return { node, before: current.attributes, info: current, sent };
  }
  const info = await client.update(target, sent, options);
  services.log.info(`changed ${registry.config.loginServer}/${describeTarget(node)}: ${JSON.stringify(sent)}`);
  services.explorer.applyUpdate(node, info);
  history.record({ loginServer: registry.config.loginServer, target, change: sent });
  return { node, before: current.attributes, info, sent };
}

export function describeTarget(node: LockableNode): string {
  return targetLabel(targetOf(node));
}
