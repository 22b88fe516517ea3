/**
 * Words a 405 REGISTRY_DISALLOWED_OPERATION for the node a command acted on: reads the
 * repository, the tag, its manifest and the manifest's other tags (as Why Is This Protected?
 * does) and names each blocking lock and its level, e.g. "team/app:1.1 cannot be deleted: its
 * manifest sha256:3f2a91c has deleteEnabled=false (manifest lock)." Undefined when the node is
 * not lockable, nothing blocks now, or reading fails: the caller then shows the generic text.
 */
import * as vscode from 'vscode';
import { type ErrorText } from '../../errorText';
import { toRegistryError } from '../../registry/errors';
import { type BlockingLevel, explainLock, flagsFalse, type LockExplanation } from '../../locks/explanation';
import { shortDigestWithAlgorithm, targetLabel } from '../../registry/models';
import { analyseProtection, type Operation } from '../../locks/protection';
import { type Services } from '../../services';
import { isLockable, type LockableNode, type Node, targetOf } from '../../tree/nodes';
import { clientOf } from '../lock/apply';

function subjectOf(node: LockableNode): string {
  return targetLabel(targetOf(node), true);
}

function reason(node: LockableNode, blocking: BlockingLevel): string {
  const flags = flagsFalse(blocking.flags);
  const { level, target } = blocking;
  switch (level) {
    case 'repository':
      return node.kind === 'repository'
        ? vscode.l10n.t('it has {0} (repository lock)', flags)
        : vscode.l10n.t('its repository {0} has {1} (repository lock)', target.repository, flags);
    case 'manifest':
      return node.kind === 'manifest'
        ? vscode.l10n.t('it has {0} (manifest lock)', flags)
        : vscode.l10n.t('its manifest {0} has {1} (manifest lock)', target.kind === 'manifest' ? shortDigestWithAlgorithm(target.digest) : '', flags);
    case 'tag':
      return vscode.l10n.t('it has {0} (tag lock)', flags);
    case 'otherTag': {
      const tag = target.kind === 'tag' ? target.tag : '';
      return node.kind === 'manifest'
        ? vscode.l10n.t('its tag {0} has {1} (tag lock)', tag, flags)
        : vscode.l10n.t('tag {0} of the same manifest has {1} (tag lock; deleting the image removes that tag too)', tag, flags);
    }
  }
}

/** The worded message for an explanation (exported for tests). */
export function lockedMessage(node: LockableNode, explanation: LockExplanation): string {
  const subject = subjectOf(node);
  const reasons = explanation.levels.map((l) => reason(node, l)).join('; ');
  switch (explanation.operation) {
    case 'deleteImage':
      return vscode.l10n.t('{0} cannot be deleted: {1}.', subject, reasons);
    case 'deleteRepository':
      return vscode.l10n.t('Repository {0} cannot be deleted: {1}.', subject, reasons);
    case 'untag':
      return vscode.l10n.t('{0} cannot be untagged: {1}.', subject, reasons);
    case 'overwrite':
      return node.kind === 'repository'
        ? vscode.l10n.t('Repository {0} does not accept pushes: {1}.', subject, reasons)
        : vscode.l10n.t('{0} cannot be overwritten: {1}.', subject, reasons);
    case 'pull':
      return vscode.l10n.t('{0} cannot be pulled: {1}.', subject, reasons);
    case 'list':
      return vscode.l10n.t('{0} is hidden from listings: {1}.', subject, reasons);
  }
}

/**
 * The worded text for a 'locked' failure of a command on `node`, with Why Is This Protected?
 * offered; undefined (→ generic text) when there is no single lockable node or reading fails.
 */
export async function explainLocked(
  services: Services,
  node: Node | undefined,
  selected?: readonly Node[],
  operation?: Operation,
): Promise<ErrorText | undefined> {
  if (!node || !isLockable(node) || (selected && selected.length > 1)) {
    return undefined;
  }
  try {
    const read = await services.engine.readProtection(await clientOf(services, node), targetOf(node));
    const explanation = explainLock(analyseProtection(read.input), operation);
    return explanation ? { message: lockedMessage(node, explanation), actions: ['whyProtected'] } : undefined;
  } catch (thrown) {
    const error = toRegistryError(thrown);
    services.log.warn(`could not read the locks to explain a 405: ${error.kind} ${error.details.status ?? ''} ${error.message}`);
    return undefined;
  }
}
