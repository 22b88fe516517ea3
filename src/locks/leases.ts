/**
 * One bulk run per repository at a time (per engine): a run that decides from a listing which
 * tags are "unchanged" must not overlap another run on the same repository, or it would report
 * tags as already as wanted that the other run is changing. A second run waits (cancellable).
 */

export class RepositoryLeases {
  private readonly tails = new Map<string, Promise<void>>();

  static key(loginServer: string, repository: string): string {
    return JSON.stringify([loginServer, repository]);
  }

  isBusy(key: string): boolean {
    return this.tails.has(key);
  }

  /**
   * Resolves with a release function once every earlier holder of `key` released it; rejects
   * with `onAbort()`'s error when `signal` aborts first (the queue then skips this caller).
   */
  async acquire(key: string, signal: AbortSignal | undefined, onAbort: () => Error): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    });
    let released = false;
    const releaseOnce = (): void => {
      if (!released) {
        released = true;
        release();
      }
    };
    if (signal?.aborted) {
      void previous.then(releaseOnce);
      throw onAbort();
    }
    await new Promise<void>((resolve, reject) => {
      const aborted = (): void => {
        // Our turn still comes (the queue stays ordered); we hand it on at once.
        void previous.then(releaseOnce);
        reject(onAbort());
      };
      signal?.addEventListener('abort', aborted, { once: true });
      void previous.then(() => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      });
    });
    return releaseOnce;
  }
}
