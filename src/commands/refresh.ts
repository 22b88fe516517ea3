import { type Command } from './support/command';

/** Refresh: the clicked node (inline on registries and repositories), or the whole view. */
export const refresh: Command = {
  id: 'acrLocks.refresh',
  run: async (context, node) => context.services.explorer.refresh(node),
};
