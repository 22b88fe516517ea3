/** The words the rows (and the lock commands) say for a lock state, a sign-in and a cloud. */
import * as vscode from 'vscode';
import { type RegistryConfig } from '../../../config';
import { type LockAttributes } from '../../../locks/attributes';
import { type CloudName } from '../../../registry/loginServer';
import { type StateWord, stateWords } from '../../lockPresentation';

export function stateWordText(w: StateWord): string {
  switch (w) {
    case 'locked':
      return vscode.l10n.t('locked');
    case 'deleteProtected':
      return vscode.l10n.t('delete-protected');
    case 'writeProtected':
      return vscode.l10n.t('write-protected');
    case 'readBlocked':
      return vscode.l10n.t('pulls blocked');
    case 'hidden':
      return vscode.l10n.t('hidden');
    case 'unlocked':
      return vscode.l10n.t('unlocked');
  }
}

export function stateText(a: LockAttributes): string {
  return stateWords(a).map(stateWordText).join(', ');
}

/** How a registry signs in: in full for the tooltip, or in a few words for the row (`short`). */
export function authLabel(config: RegistryConfig, short = false): string {
  switch (config.auth) {
    case 'microsoft':
      return vscode.l10n.t('Microsoft account');
    case 'azureIdentity':
      return vscode.l10n.t('Azure identity');
    case 'password':
      return short ? vscode.l10n.t('user {0}', config.username ?? '') : vscode.l10n.t('password ({0})', config.username ?? '');
    case 'anonymous':
      return vscode.l10n.t('anonymous');
  }
}

export function cloudLabel(cloud: CloudName): string {
  switch (cloud) {
    case 'AzureCloud':
      return vscode.l10n.t('Azure');
    case 'AzureChinaCloud':
      return vscode.l10n.t('Azure China');
    case 'AzureUSGovernment':
      return vscode.l10n.t('Azure US Government');
    case 'custom':
      return vscode.l10n.t('custom domain');
  }
}
