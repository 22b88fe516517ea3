import { type Command } from './command';

/** Explorer commands (refresh, filter, sort, registries, credentials), one file each. */
export const explorerCommands: readonly Command[] = [
  { id: 'acrLocks.refresh', run: async (context, node) => context.services.explorer.refresh(node) },
];
