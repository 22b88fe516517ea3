import * as vscode from 'vscode';
import { type FilterView } from '../tree/explorer';
import { type Command, required } from './support/command';
import { repositoriesText } from '../ui/counts';

/**
 * Filter by repository or tag: text (substring) or a glob (`v1.*`, `team/*`), `repository:tag`
 * (`team/*:v1*`), or a full image reference (`registry/repository:tag`, `repository@sha256:…`). Shows at once what is loaded, then finds the matching tags that are not
 * (bounded, with progress and Cancel: what was found by then stays shown).
 */
function filterIn(id: string, view: FilterView): Command {
  return {
    id,
    run: async (context) => {
      const { explorer, ui } = context.services;
      const text = await required(
        ui.input({
          title: vscode.l10n.t('Filter Repositories and Tags'),
          prompt: vscode.l10n.t('A repository or tag: text or a glob (v1.*, team/*), repository:tag (team/*:v1*), or an image reference as deployment files write it (myregistry.azurecr.io/team/app:1.0, team/app@sha256:…). Empty clears the filter.'),
          placeHolder: 'v1.*   team/*:v1*   myregistry.azurecr.io/team/app:1.0',
          value: explorer.activeFilter(),
        }),
      );
      explorer.setFilter(text, view);
      if (explorer.activeFilter() === '') {
        return;
      }
      await ui.withProgress({ title: vscode.l10n.t('Finding tags matching “{0}”', explorer.activeFilter()), cancellable: true }, async (progress, signal) =>
        explorer.findTags({
          signal,
          onProgress: ({ searched, total, matches }) =>
            progress.report(
              matches === 1
                ? vscode.l10n.t('{0} of {1}, 1 matching tag', searched, repositoriesText(total))
                : vscode.l10n.t('{0} of {1}, {2} matching tags', searched, repositoriesText(total), matches),
            ),
        }),
      );
    },
  };
}

/** From My Registries' title (and the palette): filters My Registries. */
export const filter = filterIn('acrLocks.filter', 'registries');
/** From the Azure view's title: filters the registries it discovered, its message in that view. */
export const azureFilter = filterIn('acrLocks.azureFilter', 'azure');
