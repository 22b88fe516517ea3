/**
 * Plain-words text for registry failures, with the action that fits. Used by tree error nodes
 * and by commands, so a failure reads the same everywhere. Never includes tokens or passwords.
 */
import * as vscode from 'vscode';
import { type RegistryError } from './registry/errors';

export type RecoveryAction = 'retry' | 'signIn' | 'enterCredentials' | 'openSettings' | 'whyProtected' | 'showLog';

export interface ErrorText {
  readonly message: string;
  readonly actions: readonly RecoveryAction[];
}

export function describeError(error: RegistryError, where: string): ErrorText {
  const status = error.details.status;
  switch (error.kind) {
    case 'unreachable':
      return {
        message: vscode.l10n.t('Cannot reach {0}: check the login server and your network or proxy.', where),
        actions: ['retry', 'openSettings'],
      };
    case 'certificate':
      return {
        message: vscode.l10n.t(
          "The certificate of {0} is not trusted. Install its CA certificate (or set NODE_EXTRA_CA_CERTS) and retry.",
          where,
        ),
        actions: ['retry', 'showLog'],
      };
    case 'signInRequired':
      return { message: vscode.l10n.t('Sign in to Azure to open {0}.', where), actions: ['signIn', 'openSettings'] };
    case 'credentialsRejected':
      return {
        message: vscode.l10n.t('{0} rejected the credentials. Enter the user name and password again.', where),
        actions: ['enterCredentials', 'openSettings'],
      };
    case 'missingPermission': {
      const missing = (error.details.missing ?? [])
        .map((s) => (s.type === 'registry' && s.name === 'catalog' ? vscode.l10n.t('catalog listing') : `${s.actions.join(', ')}`))
        .join('; ');
      return {
        message: missing
          ? vscode.l10n.t('Missing permission on {0}: {1}. Ask for a role or token scope that grants it.', where, missing)
          : vscode.l10n.t('Missing permission on {0}. Ask for a role or token scope that grants it.', where),
        actions: ['enterCredentials', 'openSettings'],
      };
    }
    case 'forbidden':
      return {
        message: vscode.l10n.t('{0} refused access (403): a firewall rule or network restriction may block this machine.', where),
        actions: ['retry'],
      };
    case 'notFound':
      return { message: vscode.l10n.t('{0} no longer exists. Refresh to see the current content.', where), actions: ['retry'] };
    case 'locked':
      return {
        message: vscode.l10n.t('{0} is locked: a lock on it, its manifest or its repository disallows this operation.', where),
        actions: ['whyProtected'],
      };
    case 'throttled':
      return {
        message: vscode.l10n.t('The registry is throttling requests (429). Wait a moment and retry.'),
        actions: ['retry'],
      };
    case 'server':
      return {
        message: vscode.l10n.t('The registry failed to answer ({0}). Retry in a moment.', String(status ?? '5xx')),
        actions: ['retry', 'showLog'],
      };
    case 'badResponse':
      return { message: vscode.l10n.t('The registry sent an answer that could not be read.'), actions: ['showLog'] };
    case 'cancelled':
      return { message: vscode.l10n.t('Cancelled.'), actions: [] };
    case 'untrustedDomain': // worded by the arch branch (one-time confirmation)
    case 'crossOrigin':
    case 'unknown':
      return {
        message: vscode.l10n.t('The request to {0} failed{1}. See the log for details.', where, status ? ` (${status})` : ''),
        actions: ['retry', 'showLog'],
      };
  }
}
