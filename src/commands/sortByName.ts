import { writeSortOrder } from '../tree/vscode/settings';
import { type Command } from './support/command';

/** Sort by Name in the view's "…" menu, shown while tags are sorted by last update (its title says so). */
export const sortByName: Command = {
  id: 'acrLocks.sortByName',
  run: async () => writeSortOrder('name'),
};
