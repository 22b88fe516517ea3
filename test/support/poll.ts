// The one bounded polling helper of the tests: wait for a condition instead of sleeping a fixed
// time. Used in plain Node (unit, sandbox), in the extension host (suite) and by the UI tests.

export interface PollOptions {
  /** Gives up after this long; default 5,000 ms. */
  readonly timeoutMs?: number;
  /** Pause between two checks; default 50 ms. */
  readonly intervalMs?: number;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `check` until it returns without throwing, and returns its value; after `timeoutMs` the
 * last failure is thrown, prefixed with `what` (the check runs at least once, and once more at
 * the deadline).
 */
export async function eventually<T>(check: () => T | Promise<T>, what: string, options: PollOptions = {}): Promise<T> {
  const { timeoutMs = 5_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = Date.now() >= deadline;
    try {
      return await check();
    } catch (error) {
      if (last) {
        const reason = error instanceof Error ? error.message : String(error);
        const failure = new Error(`${what}: ${reason} (gave up after ${timeoutMs} ms)`);
        failure.stack = `${failure.message}\n${error instanceof Error ? error.stack ?? '' : ''}`;
        throw failure;
      }
    }
    await pause(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

/** Waits until `predicate` is true; throws `timed out … waiting for <what>` after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, options: PollOptions = {}): Promise<void> {
  await eventually(async () => {
    if (!(await predicate())) {
      throw new Error('the condition is still false');
    }
  }, `timed out waiting for ${what}`, options);
}
