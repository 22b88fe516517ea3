import { type Command } from './support/command';

/** The "Load more…" node: the next page of its parent (one list request), redrawing only that parent. */
export const loadMore: Command = {
  id: 'acrLocks.loadMore',
  run: async (context, node) => {
    if (node?.kind === 'loadMore') {
      await context.services.explorer.loadMore(node);
    }
  },
};
