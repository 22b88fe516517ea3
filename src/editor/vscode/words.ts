/** The editor features' words and icons: one short word per state, with the tree's icon. */
import * as vscode from 'vscode';
import { presentationOf, STATE_PRESENTATION, tagPresentation } from '../../tree/lockPresentation';
import { type ReferenceStatus, type StatusWord } from '../status';

export function statusWord(word: StatusWord): string {
  switch (word) {
    case 'locked':
      return vscode.l10n.t('locked');
    case 'deleteProtected':
      return vscode.l10n.t('delete-protected');
    case 'floating':
      return vscode.l10n.t('floating tag');
    case 'unlocked':
      return vscode.l10n.t('unlocked');
    case 'notFound':
      return vscode.l10n.t('not found');
    case 'unknown':
      return vscode.l10n.t('lock state unknown');
  }
}

/** The codicon the tree shows for the same item (its state's icon; `question`/`warning` when absent or unread). */
export function statusIcon(status: ReferenceStatus): string {
  if (status.word === 'notFound') {
    return 'question';
  }
  if (status.word === 'unknown') {
    return 'warning';
  }
  if (status.tag) {
    return tagPresentation(status.tag.attributes, status.manifest?.attributes).icon;
  }
  return status.manifest ? presentationOf(status.manifest.attributes).icon : STATE_PRESENTATION.unlocked.icon;
}

/** Lens title: `$(lock) locked`. */
export function lensTitle(status: ReferenceStatus): string {
  return `$(${statusIcon(status)}) ${statusWord(status.word)}`;
}
