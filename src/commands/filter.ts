import * as vscode from 'vscode';
import { type Command, UserCancelled } from './command';
import { explorerView } from './explorerSupport';

/** Filter repositories, tags and manifests by text (substring) or glob (`v1.*`, `team/*`). */
export const filter: Command = {
  id: 'acrLocks.filter',
  run: async (context) => {
    const view = explorerView(context.services);
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Repositories and Tags'),
      prompt: vscode.l10n.t('Text to match, or a glob with * and ? (for example v1.* or team/*). Empty clears the filter.'),
      value: view.activeFilter(),
    });
    if (text === undefined) {
      throw new UserCancelled();
    }
    await view.setFilter(text);
  },
};
