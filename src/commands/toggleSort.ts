import { readSortOrder, writeSortOrder } from '../tree/vscode/settings';
import { type Command } from './support/command';

/** Sort tags and manifests by name ↔ by last update (newest first); setting `acrLocks.sortOrder`. */
export const toggleSort: Command = {
  id: 'acrLocks.toggleSort',
  run: async () => writeSortOrder(readSortOrder() === 'name' ? 'lastUpdated' : 'name'),
};
