/**
 * Runs one operation over many items with bounded concurrency, retrying each item when the
 * registry throttles (429) or fails transiently (5xx, resets) — the run's work sends its requests
 * with `retry: false`, so this is the only retry of a bulk run (src/registry/retry.ts) —
 * and reports every item: changed, unchanged, failed (with the reason), cancelled, "may have been
 * applied" (cancelled while its change was on the wire) or not attempted (the run stopped after
 * several consecutive registry-wide failures). Nothing is skipped silently: the outcomes always
 * add up to the number of items.
 *
 * Waits the server asks for (`RegistryError.details.retryAfterMs`) are honoured up to
 * MAX_SERVER_WAIT_MS, shared by every worker of the run (one 429 pauses them all), reported through
 * `onWait` and cut short by the run's signal.
 */
import { RegistryError, toRegistryError } from '../../registry/errors';
import { type RetryOptions, retryTransient, type ServerWait, SharedPause } from '../../registry/retry';

// The retry primitives live with the registry client (its one retry layer); the runner uses them.
export { backoffDelay, isTransient, retryAfterOf, type RetryOptions, retryTransient, type ServerWait, SharedPause, waitAfter } from '../../registry/retry';

export type ItemResult = 'changed' | 'unchanged';

/** A work result that carries a value for the report (e.g. the registry's answer). */
export interface ItemDone<V> {
  readonly status: ItemResult;
  readonly value: V;
}

export type OutcomeStatus = ItemResult | 'failed' | 'cancelled' | 'maybeApplied' | 'notAttempted';

export interface BulkOutcome<T, V = undefined> {
  readonly item: T;
  readonly status: OutcomeStatus;
  readonly error?: RegistryError;
  readonly attempts: number;
  readonly value?: V;
}

export interface BulkReport<T, V = undefined> {
  readonly outcomes: readonly BulkOutcome<T, V>[];
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Cancelled while the item's change was being sent: the registry may have applied it. */
  readonly maybeApplied: number;
  /** Never started because the run stopped (see `stopped`). */
  readonly notAttempted: number;
  /** Set when the run stopped early after consecutive registry-wide failures. */
  readonly stopped?: { readonly failures: number; readonly error: RegistryError };
}

export interface BulkOptions<T, V = undefined> {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Attempts per item, the first included. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Consecutive registry-wide failures (5xx, unreachable, …) after which the run stops; default 5. */
  readonly maxConsecutiveFailures?: number;
  readonly onProgress?: (done: number, total: number, outcome: BulkOutcome<T, V>) => void;
  /** A wait the run makes before retrying (shared waits are reported once per extension). */
  readonly onWait?: (wait: ServerWait) => void;
  /** Injectable for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Thrown by work that was cancelled after it had sent its change (e.g. an aborted PATCH): the
 * registry may have applied it, so the item is reported as "may have been applied", not as cancelled.
 */
export class MaybeAppliedError extends RegistryError {
  constructor(message: string) {
    super('cancelled', message);
    this.name = 'MaybeAppliedError';
  }
}

/** Failures that say the registry as a whole is failing, not this one item. */
const REGISTRY_WIDE = new Set<RegistryError['kind']>(['server', 'unreachable', 'certificate', 'signInRequired', 'credentialsRejected']);

export function isRegistryWide(error: RegistryError): boolean {
  return REGISTRY_WIDE.has(error.kind);
}

function isDone<V>(result: ItemResult | ItemDone<V>): result is ItemDone<V> {
  return typeof result === 'object';
}

export async function runBulk<T, V = undefined>(
  items: readonly T[],
  work: (item: T, signal: AbortSignal | undefined) => Promise<ItemResult | ItemDone<V>>,
  options: BulkOptions<T, V>,
): Promise<BulkReport<T, V>> {
  const maxConsecutive = options.maxConsecutiveFailures ?? 5;
  let consecutive = 0;
  let stopped: { failures: number; error: RegistryError } | undefined;
  const retry: RetryOptions = {
    signal: options.signal,
    maxAttempts: options.maxAttempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    sleep: options.sleep,
    onWait: options.onWait,
    pause: new SharedPause(options.now),
    onAttempt: (error) => {
      if (!error || !isRegistryWide(error)) {
        consecutive = 0;
        return;
      }
      consecutive++;
      if (consecutive >= maxConsecutive && !stopped) {
        stopped = { failures: consecutive, error };
      }
    },
    stop: () => stopped !== undefined,
  };
  const outcomes: BulkOutcome<T, V>[] = new Array<BulkOutcome<T, V>>(items.length);
  let next = 0;
  let done = 0;

  // The first item's first attempt goes alone: its sign-in (401 → token → retry) leaves the
  // scope's token with the client, so the other workers reuse it instead of each signing in.
  let firstAttemptDone: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));

  async function runOne(item: T): Promise<BulkOutcome<T, V>> {
    let attempts = 0;
    try {
      const result = await retryTransient(() => {
        attempts++;
        const attempt = work(item, options.signal);
        void attempt.then(firstAttemptDone, firstAttemptDone);
        return attempt;
      }, retry);
      return isDone(result) ? { item, status: result.status, value: result.value, attempts } : { item, status: result, attempts };
    } catch (thrown: unknown) {
      const error = toRegistryError(thrown);
      if (error instanceof MaybeAppliedError) {
        return { item, status: 'maybeApplied', error, attempts };
      }
      if (error.kind === 'cancelled' || options.signal?.aborted) {
        return { item, status: 'cancelled', attempts };
      }
      return { item, status: 'failed', error, attempts };
    }
  }

  function record(index: number, outcome: BulkOutcome<T, V>): void {
    // An item that ends without any attempt (cancelled first) opens the gate too.
    firstAttemptDone();
    outcomes[index] = outcome;
    done++;
    options.onProgress?.(done, items.length, outcome);
  }

  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (stopped) {
        record(index, { item, status: 'notAttempted', attempts: 0 });
        continue;
      }
      record(index, await runOne(item));
    }
  }

  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, (_, index) => (index === 0 ? worker() : firstAttempt.then(worker))));
  const count = (status: OutcomeStatus): number => outcomes.filter((o) => o.status === status).length;
  return {
    outcomes,
    changed: count('changed'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    maybeApplied: count('maybeApplied'),
    notAttempted: count('notAttempted'),
    ...(stopped ? { stopped } : {}),
  };
}
