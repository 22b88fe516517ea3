/**
 * Unlock for Deletion: clears exactly the locks that block deleting the image (or repository),
 * at every level — repository writeEnabled, manifest and tag write/delete, other tags of the
 * manifest — after one confirmation that names them. Read and list flags are never touched.
 */
import * as vscode from 'vscode';
import { type TargetInfo } from '../locks/client';
import { type LockTarget, targetLabel } from '../registry/models';
import { analyseProtection } from '../locks/protection';
import { type Services } from '../services';
import { isLockable, type LockableNode, type Node, registryOf, targetOf } from '../tree/nodes';
import { type Command, UserCancelled } from './support/command';
import { flagsText } from '../locks/flagsText';
import { clientOf, describeTarget } from './lock/apply';
import { lockTargets } from './lock/targets';
import { whyUri } from './lock/whyUri';

function levelLabel(target: LockTarget): string {
  switch (target.kind) {
    case 'repository':
      return vscode.l10n.t('repository {0}', target.repository);
    case 'manifest':
      return vscode.l10n.t('manifest {0}', targetLabel(target));
    case 'tag':
      return vscode.l10n.t('tag {0}', targetLabel(target));
  }
}

/** A node for a changed target: the clicked node itself, or one the tree matches to its own rows of that target. */
function nodeForTarget(node: LockableNode, target: LockTarget, info: TargetInfo): LockableNode | undefined {
  if (JSON.stringify(targetOf(node)) === JSON.stringify(target)) {
    return node;
  }
  const repository = node.kind === 'repository' ? node : node.repository;
  if (target.kind === 'repository') {
    return repository;
  }
  if (target.kind === 'tag' && info.kind === 'tag') {
    return { kind: 'tag', repository, tag: info, hidden: !info.attributes.listEnabled };
  }
  if (target.kind === 'manifest' && info.kind === 'manifest') {
    return { kind: 'manifest', repository, manifest: info };
  }
  return undefined;
}

async function unlockForDeletion(services: Services, node: LockableNode): Promise<number> {
  const registry = registryOf(node);
  const client = await clientOf(services, node);
  const read = await services.engine.readProtection(client, targetOf(node));
  const report = analyseProtection(read.input);
  if (report.unlockForDeletion.length === 0) {
    void services.ui.info(vscode.l10n.t('Nothing blocks deleting {0}.', describeTarget(node)));
    return 0;
  }
  const action = vscode.l10n.t('Unlock for Deletion');
  const names = report.unlockForDeletion.map((u) => `${levelLabel(u.target)}: ${flagsText(u.change)}`);
  const count = report.unlockForDeletion.length;
  const chosen = await services.ui.confirm(
    count === 1
      ? vscode.l10n.t('Clear the 1 lock that blocks deleting {0}?', describeTarget(node))
      : vscode.l10n.t('Clear {0} locks that block deleting {1}?', count, describeTarget(node)),
    [...names, '', vscode.l10n.t('Read and list flags stay as they are.')].join('\n'),
    action,
  );
  if (chosen !== action) {
    throw new UserCancelled();
  }
  for (const { target, change } of report.unlockForDeletion) {
    // Read fresh, send only what differs, verify the answer (the engine).
    const result = await services.engine.apply(client, target, change);
    services.log.info(`unlock for deletion ${registry.config.loginServer}/${targetLabel(target)}: ${JSON.stringify(result.sent)}`);
    // Every row of the target follows the registry's answer (no reload of the listing).
    const shown = result.info ? nodeForTarget(node, target, result.info) : undefined;
    if (shown && result.info) {
      services.explorer.applyUpdate(shown, result.info);
    }
  }
  services.documents.refresh(whyUri(node));
  await services.why.refresh(node);
  void services.ui.info(
    count === 1
      ? vscode.l10n.t('{0} can now be deleted: cleared 1 lock.', describeTarget(node))
      : vscode.l10n.t('{0} can now be deleted: cleared {1} locks.', describeTarget(node), count),
  );
  return report.unlockForDeletion.length;
}

export const unlockForDeletionCommand: Command = {
  id: 'acrLocks.unlockForDeletion',
  async run(context, node) {
    // From the "why" document's editor title, VS Code passes the document URI.
    const candidate: unknown = node;
    const fromDocument = candidate instanceof vscode.Uri ? context.services.documents.nodeOf(candidate) : undefined;
    const given: Node | undefined = fromDocument ?? (candidate instanceof vscode.Uri ? undefined : node);
    const [target] = given && isLockable(given) ? [given] : await lockTargets(context.services, undefined, undefined, ['tag', 'repository']);
    if (!target) {
      return;
    }
    context.itemCount = await unlockForDeletion(context.services, target);
  },
};
