import { writeSortOrder } from '../tree/vscode/settings';
import { type Command } from './support/command';

/** Sort by Last Update in the view's "…" menu, shown while tags are sorted by name (its title says so). */
export const sortByLastUpdated: Command = {
  id: 'acrLocks.sortByLastUpdated',
  run: async () => writeSortOrder('lastUpdated'),
};
