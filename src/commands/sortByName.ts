import { writeSortOrder } from '../tree/settings';
import { type Command } from './command';

/** The view-title sort button while tags are sorted by last update (its icon shows that order): sort by name. */
export const sortByName: Command = {
  id: 'acrLocks.sortByName',
  run: async () => writeSortOrder('name'),
};
