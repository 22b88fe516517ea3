/** What a message node says (src/tree/nodes.ts MessageText): short in its row, in full in its tooltip. */
import * as vscode from 'vscode';
import { type ConfigProblem } from '../../../config';
import { describeError, loginServerProblemText, rowErrorText } from '../../../errorText';
import { registryOfNode } from '../../messages';
import { type MessageNode } from '../../nodes';

function configProblemText(problem: ConfigProblem): string {
  const entry =
    problem.loginServer !== undefined
      ? vscode.l10n.t('Entry {0} of acrLocks.registries (“{1}”)', String(problem.index + 1), problem.loginServer)
      : vscode.l10n.t('Entry {0} of acrLocks.registries', String(problem.index + 1));
  switch (problem.reason) {
    case 'notObject':
      return vscode.l10n.t('{0} is skipped: each entry is an object with a "loginServer" (for example myregistry.azurecr.io).', entry);
    case 'loginServer':
      return problem.loginServerProblem
        ? vscode.l10n.t('{0} is skipped: {1}', entry, loginServerProblemText(problem.loginServerProblem))
        : vscode.l10n.t('{0} is skipped: the login server is not valid (for example myregistry.azurecr.io).', entry);
    case 'auth':
      return vscode.l10n.t('{0} is skipped: "auth" must be microsoft, azureIdentity, password or anonymous.', entry);
    case 'username':
      return vscode.l10n.t('{0} is skipped: password sign-in needs a "username".', entry);
    case 'cloud':
      return vscode.l10n.t('{0} is skipped: "cloud" must be AzureCloud, AzureChinaCloud, AzureUSGovernment or custom.', entry);
    case 'audience':
      return vscode.l10n.t('{0} is skipped: "audience" must be an https:// address.', entry);
    case 'duplicate':
      return vscode.l10n.t('{0} is skipped: the same login server is listed before it.', entry);
  }
}

function configProblemShort(problem: ConfigProblem): string {
  const entry = String(problem.index + 1);
  switch (problem.reason) {
    case 'notObject':
      return vscode.l10n.t('Settings entry {0} skipped: not an object', entry);
    case 'loginServer':
      return vscode.l10n.t('Settings entry {0} skipped: invalid login server', entry);
    case 'auth':
      return vscode.l10n.t('Settings entry {0} skipped: unknown "auth"', entry);
    case 'username':
      return vscode.l10n.t('Settings entry {0} skipped: no "username"', entry);
    case 'cloud':
      return vscode.l10n.t('Settings entry {0} skipped: unknown "cloud"', entry);
    case 'audience':
      return vscode.l10n.t('Settings entry {0} skipped: "audience" not https', entry);
    case 'duplicate':
      return vscode.l10n.t('Settings entry {0} skipped: duplicate', entry);
  }
}

/** What a message node says in its row: short enough for the side bar (the tooltip has messageDetail). */
export function messageText(node: MessageNode): string {
  const message = node.message;
  switch (message.id) {
    case 'configProblem':
      return configProblemShort(message.problem);
    case 'error':
      return rowErrorText(message.error, true);
    default:
      return messageDetail(node);
  }
}

/** Everything a message node has to say (its tooltip). */
export function messageDetail(node: MessageNode): string {
  const message = node.message;
  switch (message.id) {
    case 'noRepositories':
      return vscode.l10n.t('No repositories.');
    case 'noRepositoryMatch':
      return vscode.l10n.t('No repository or tag matches the filter.');
    case 'searchCut':
      return vscode.l10n.t('Only the first {0} tags were searched. Narrow the filter to find later ones.', message.tags);
    case 'searchIncomplete':
      return message.repositories === 1
        ? vscode.l10n.t('1 repository was not searched (cancelled or over the limit). Narrow the filter, e.g. team/*:v1*.')
        : vscode.l10n.t('{0} repositories were not searched (cancelled or over the limit). Narrow the filter, e.g. team/*:v1*.', message.repositories);
    case 'noTags':
      return vscode.l10n.t('No tags.');
    case 'noTagMatch':
      return vscode.l10n.t('No tag matches the filter.');
    case 'noManifests':
      return vscode.l10n.t('No manifests.');
    case 'noManifestMatch':
      return vscode.l10n.t('No manifest matches the filter.');
    case 'untagged':
      return vscode.l10n.t('Untagged.');
    case 'restricted':
      return vscode.l10n.t('Restricted Mode: trust this workspace to read registries');
    case 'configProblem':
      return configProblemText(message.problem);
    case 'error': {
      const registry = node.parent ? registryOfNode(node.parent) : undefined;
      return describeError(message.error, registry?.config.loginServer ?? vscode.l10n.t('the registry')).message;
    }
  }
}
