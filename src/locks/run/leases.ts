/**
 * One bulk run per repository at a time (per engine): a run that decides from a listing which
 * tags are "unchanged" must not overlap another run on the same repository, or it would report
 * tags as already as wanted that the other run is changing. A second run waits (cancellable).
 */

interface Queue {
  /** Resolves when the last holder or waiter so far has released. */
  tail: Promise<void>;
  /** Holders and waiters. */
  count: number;
}

export class RepositoryLeases {
  private readonly queues = new Map<string, Queue>();

  static key(loginServer: string, repository: string): string {
    return JSON.stringify([loginServer, repository]);
  }

  isBusy(key: string): boolean {
    return this.queues.has(key);
  }

  /**
   * Resolves with a release function once every earlier holder of `key` released it; rejects
   * with `onAbort()`'s error when `signal` aborts first (the queue then skips this caller).
   */
  async acquire(key: string, signal: AbortSignal | undefined, onAbort: () => Error): Promise<() => void> {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), count: 0 };
    this.queues.set(key, queue);
    const previous = queue.tail;
    let open = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      open = resolve;
    });
    // The next in line starts once this caller and every earlier one are done.
    queue.tail = previous.then(() => mine);
    queue.count++;
    let released = false;
    const release = (): void => {
      if (released) {
        return;
      }
      released = true;
      queue.count--;
      if (queue.count === 0 && this.queues.get(key) === queue) {
        this.queues.delete(key);
      }
      open();
    };
    if (signal?.aborted) {
      release();
      throw onAbort();
    }
    await new Promise<void>((resolve, reject) => {
      const aborted = (): void => {
        release();
        reject(onAbort());
      };
      signal?.addEventListener('abort', aborted, { once: true });
      void previous.then(() => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      });
    });
    return release;
  }
}
