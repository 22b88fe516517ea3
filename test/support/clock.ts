// A virtual clock for code that takes `sleep`/`now` options: time moves only when everything
// that can run has run (the event loop has nothing else queued), and then straight to the next
// wake-up. No test waits for real time, and the order of wake-ups never depends on the machine.

interface Sleeper {
  readonly at: number;
  readonly order: number;
  readonly wake: () => void;
}

export class VirtualClock {
  private time = 0;
  private order = 0;
  private sleepers: Sleeper[] = [];
  private advancing = false;

  /** The virtual time in ms (starts at 0). */
  readonly now = (): number => this.time;

  /**
   * Resolves when the virtual time reaches now + `ms`, or at once when `signal` aborts (as the
   * bulk runner's own wait does: the caller then sees the signal). Time moves by itself: once
   * nothing else is queued, the clock jumps to the earliest wake-up.
   */
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const sleeper: Sleeper = {
        at: this.time + Math.max(0, ms),
        order: this.order++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.schedule();
    });

  /** Sleepers still waiting. */
  get pending(): number {
    return this.sleepers.length;
  }

  private schedule(): void {
    if (this.advancing) {
      return;
    }
    this.advancing = true;
    // setImmediate runs after every promise job queued so far and after pending I/O callbacks:
    // the code under test has done all it can before virtual time moves.
    setImmediate(() => {
      this.advancing = false;
      if (this.sleepers.length === 0) {
        return;
      }
      const at = Math.min(...this.sleepers.map((s) => s.at));
      this.time = Math.max(this.time, at);
      const due = this.sleepers.filter((s) => s.at <= this.time).sort((a, b) => a.at - b.at || a.order - b.order);
      this.sleepers = this.sleepers.filter((s) => s.at > this.time);
      due.forEach((s) => s.wake());
      if (this.sleepers.length > 0) {
        this.schedule();
      }
    });
  }
}
