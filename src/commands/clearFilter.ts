import { type Command } from './command';
import { explorerView } from './explorerSupport';

export const clearFilter: Command = {
  id: 'acrLocks.clearFilter',
  run: async (context) => explorerView(context.services).setFilter(''),
};
