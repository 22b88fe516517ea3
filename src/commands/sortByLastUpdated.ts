import { writeSortOrder } from '../tree/settings';
import { type Command } from './command';

/** The view-title sort button while tags are sorted by name (its icon shows that order): sort by last update. */
export const sortByLastUpdated: Command = {
  id: 'acrLocks.sortByLastUpdated',
  run: async () => writeSortOrder('lastUpdated'),
};
