import { type Command } from './support/command';

export const clearFilter: Command = {
  id: 'acrLocks.clearFilter',
  run: async (context) => context.services.explorer.setFilter(''),
};
