/** A message node's row: its words, an error or info icon, and the one action it offers as a command. */
import * as vscode from 'vscode';
import { MANAGE_TRUST_COMMAND } from '../../../workspaceTrust';
import { type MessageAction, type MessageNode } from '../../nodes';
import { messageDetail, messageText } from './messageText';

function actionCommand(action: MessageAction): vscode.Command {
  switch (action.kind) {
    case 'signIn':
      return { command: 'acrLocks.signIn', title: vscode.l10n.t('Sign In'), arguments: [action.registry] };
    case 'enterCredentials':
      return { command: 'acrLocks.enterCredentials', title: vscode.l10n.t('Enter Credentials'), arguments: [action.registry] };
    case 'openSettings':
      return { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['acrLocks.registries'] };
    case 'retry':
      return { command: 'acrLocks.refresh', title: vscode.l10n.t('Retry'), arguments: [action.node] };
    case 'manageTrust':
      return { command: MANAGE_TRUST_COMMAND, title: vscode.l10n.t('Manage Workspace Trust') };
  }
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const text = messageText(node);
  const detail = messageDetail(node);
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.iconPath =
    node.severity === 'error' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('info');
  if (node.action) {
    const command = actionCommand(node.action);
    item.description = command.title;
    item.command = command;
    item.tooltip = `${detail}\n\n${vscode.l10n.t('Click: {0}', command.title)}`;
  } else {
    item.tooltip = detail;
  }
  item.accessibilityInformation = { label: detail };
  return item;
}
