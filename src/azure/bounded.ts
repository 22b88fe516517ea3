/** Runs `worker` over `items` with at most `limit` at a time; stops starting new ones once `signal` aborts. */
export async function forEachBounded<T>(items: readonly T[], limit: number, worker: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++];
      if (item !== undefined) {
        await worker(item);
      }
    }
  });
  await Promise.all(lanes);
}
