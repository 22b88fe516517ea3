/**
 * The tree side of a change: the engine (src/locks) reads, sends only what differs and verifies
 * the answer; this shows the registry's answer on the node and logs what was sent.
 */
import { type LockAttributes, type LockChange } from '../../locks/attributes';
import { targetLabel } from '../../registry/models';
import { type RegistryClient } from '../../registry/registryClient';
import { type ChangeResult } from '../../locks/apply';
import { type LockItem } from '../../locks/engine';
import { type Services } from '../../services';
import { type LockableNode, type ManifestGroupNode, registryOf, type RegistryNode, targetOf } from '../../tree/nodes';

export function describeTarget(node: LockableNode): string {
  return targetLabel(targetOf(node));
}

export function clientFor(services: Services, registry: RegistryNode): Promise<RegistryClient> {
  return services.connections.clientFor(registry.config);
}

export function clientOf(services: Services, node: LockableNode | ManifestGroupNode): Promise<RegistryClient> {
  return clientFor(services, registryOf(node));
}

/** A node as an item of an engine run. */
export interface NodeItem extends LockItem {
  readonly node: LockableNode;
}

export async function nodeItems(services: Services, nodes: readonly LockableNode[]): Promise<NodeItem[]> {
  const items: NodeItem[] = [];
  for (const node of nodes) {
    items.push({ node, client: await clientOf(services, node), target: targetOf(node) });
  }
  return items;
}

/** Shows an engine result on the node (and every node of the same target) and logs what was sent. */
export function showResult(services: Services, node: LockableNode, result: ChangeResult): void {
  if (result.status === 'changed') {
    services.log.info(`changed ${registryOf(node).config.loginServer}/${describeTarget(node)}: ${JSON.stringify(result.sent)}`);
  }
  if (result.info) {
    services.explorer.applyUpdate(node, result.info);
  }
}

/** One change to one node; `known`: its attributes as just read (the engine then sends without reading again). */
export async function applyToNode(services: Services, node: LockableNode, change: LockChange, known?: LockAttributes): Promise<ChangeResult> {
  const result = await services.engine.apply(await clientOf(services, node), targetOf(node), change, known ? { known } : {});
  showResult(services, node, result);
  return result;
}
