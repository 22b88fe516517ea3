import * as vscode from 'vscode';
import { type Command, required } from './command';

/** Filter repositories, tags and manifests by text (substring) or glob (`v1.*`, `team/*`). */
export const filter: Command = {
  id: 'acrLocks.filter',
  run: async (context) => {
    const { explorer, ui } = context.services;
    const text = await required(
      ui.input({
        title: vscode.l10n.t('Filter Repositories and Tags'),
        prompt: vscode.l10n.t('Text to match, or a glob with * and ? (for example v1.* or team/*). Empty clears the filter.'),
        value: explorer.activeFilter(),
      }),
    );
    explorer.setFilter(text);
  },
};
