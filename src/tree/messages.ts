/**
 * Message nodes: an info line ("No tags.") or an error with one recovery action (sign in,
 * enter credentials, open settings, or retry), worded for the registry the node belongs to.
 */
import * as vscode from 'vscode';
import { describeError, type RecoveryAction } from '../errorText';
import { type RegistryError } from '../registry/errors';
import { type MessageNode, type Node, type RegistryNode, registryOf } from './nodes';

export function infoNode(parent: Node | undefined, text: string): MessageNode {
  return { kind: 'message', parent, text, severity: 'info' };
}

export function errorNode(parent: Node | undefined, error: RegistryError): MessageNode {
  const registry = parent ? registryOfNode(parent) : undefined;
  const where = registry?.config.loginServer ?? vscode.l10n.t('the registry');
  const text = describeError(error, where);
  const action = text.actions.find((a) => a !== 'showLog' && a !== 'whyProtected') ?? 'retry';
  return {
    kind: 'message',
    parent,
    text: text.message,
    severity: 'error',
    error,
    action: actionCommand(action, parent, registry),
  };
}

export function registryOfNode(node: Node): RegistryNode | undefined {
  switch (node.kind) {
    case 'registry':
      return node;
    case 'loadMore':
      return registryOfNode(node.parent);
    case 'message':
      return node.parent ? registryOfNode(node.parent) : undefined;
    default:
      return registryOf(node);
  }
}

function actionCommand(action: RecoveryAction, parent: Node | undefined, registry: RegistryNode | undefined): MessageNode['action'] {
  switch (action) {
    case 'signIn':
      return { command: 'acrLocks.signIn', title: vscode.l10n.t('Sign In'), arguments: [registry] };
    case 'enterCredentials':
      return { command: 'acrLocks.enterCredentials', title: vscode.l10n.t('Enter Credentials'), arguments: [registry] };
    case 'openSettings':
      return { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['acrLocks.registries'] };
    default:
      return { command: 'acrLocks.refresh', title: vscode.l10n.t('Retry'), arguments: [parent] };
  }
}
