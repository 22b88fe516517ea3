/**
 * Unlock for Deletion: clears exactly the locks that block deleting the image (or repository),
 * at every level — repository writeEnabled, manifest and tag write/delete, other tags of the
 * manifest — after one confirmation that names them. Read and list flags are never touched.
 */
import * as vscode from 'vscode';
import { type LockTarget, targetLabel } from '../registry/models';
import { analyseProtection } from '../registry/protection';
import { type Services } from '../services';
import { isLockable, type LockableNode, type Node, registryOf, targetOf } from '../tree/nodes';
import { type Command, UserCancelled } from './command';
import { describeChange } from './applyPreset';
import { clientOf, describeTarget } from './lock/apply';
import { lockTargets } from './lock/targets';
import { whyUri } from './whyProtected';

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

/** The tree node a changed target corresponds to, when the clicked node knows it. */
function nodeForTarget(node: LockableNode, target: LockTarget): LockableNode | undefined {
  if (JSON.stringify(targetOf(node)) === JSON.stringify(target)) {
    return node;
  }
  if (target.kind === 'repository') {
    return node.kind === 'repository' ? node : node.repository;
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
  const names = report.unlockForDeletion.map((u) => `${levelLabel(u.target)}: ${describeChange(u.change)}`);
  const chosen = await services.ui.confirm(
    vscode.l10n.t('Clear {0} locks that block deleting {1}?', report.unlockForDeletion.length, describeTarget(node)),
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
    const shown = nodeForTarget(node, target);
    if (shown && result.info) {
      services.explorer.applyUpdate(shown, result.info);
    }
  }
  if (node.kind !== 'repository') {
    services.explorer.refresh(node.repository);
  }
  services.documents.refresh(whyUri(node));
  void services.ui.info(
    vscode.l10n.t('{0} can now be deleted: cleared {1} locks.', describeTarget(node), report.unlockForDeletion.length),
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
