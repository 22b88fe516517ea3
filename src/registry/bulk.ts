/**
 * Runs one operation over many items with bounded concurrency, backing off when the registry
 * throttles (429, after the SDK's own Retry-After retries) or fails transiently (5xx, resets),
 * and reports every item: changed, unchanged, failed (with the reason) or cancelled. Nothing is
 * skipped silently: the outcomes always add up to the number of items.
 */
import { RegistryError, toRegistryError } from './errors';

export type ItemResult = 'changed' | 'unchanged';

export interface BulkOutcome<T> {
  readonly item: T;
  readonly status: ItemResult | 'failed' | 'cancelled';
  readonly error?: RegistryError;
  readonly attempts: number;
}

export interface BulkReport<T> {
  readonly outcomes: readonly BulkOutcome<T>[];
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly cancelled: number;
}

export interface BulkOptions<T> {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Attempts per item, the first included. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onProgress?: (done: number, total: number, outcome: BulkOutcome<T>) => void;
  /** Injectable for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const TRANSIENT = new Set<RegistryError['kind']>(['throttled', 'server', 'unreachable']);

export function isTransient(error: RegistryError): boolean {
  return TRANSIENT.has(error.kind);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export interface RetryOptions {
  readonly signal?: AbortSignal;
  /** Attempts, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * One call retried on transient failures (429 after the SDK's own retries, 5xx, resets) with
 * exponential backoff; other failures and the last attempt's are thrown as RegistryErrors.
 * An aborted signal ends it before the next attempt with a 'cancelled' error.
 */
export async function retryTransient<R>(work: () => Promise<R>, options: RetryOptions): Promise<R> {
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) {
      throw new RegistryError('cancelled', 'The operation was cancelled.');
    }
    try {
      return await work();
    } catch (thrown: unknown) {
      const error = toRegistryError(thrown);
      if (!isTransient(error) || attempt >= options.maxAttempts || options.signal?.aborted) {
        throw error;
      }
      await sleep(backoffDelay(attempt, options.baseDelayMs, options.maxDelayMs), options.signal);
    }
  }
}

export async function runBulk<T>(
  items: readonly T[],
  work: (item: T, signal: AbortSignal | undefined) => Promise<ItemResult>,
  options: BulkOptions<T>,
): Promise<BulkReport<T>> {
  const retry: RetryOptions = {
    signal: options.signal,
    maxAttempts: options.maxAttempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    sleep: options.sleep,
  };
  const outcomes: BulkOutcome<T>[] = new Array<BulkOutcome<T>>(items.length);
  let next = 0;
  let done = 0;

  async function runOne(item: T): Promise<BulkOutcome<T>> {
    let attempts = 0;
    try {
      const status = await retryTransient(
        () => {
          attempts++;
          return work(item, options.signal);
        },
        retry,
      );
      return { item, status, attempts };
    } catch (thrown: unknown) {
      const error = toRegistryError(thrown);
      if (error.kind === 'cancelled' || options.signal?.aborted) {
        return { item, status: 'cancelled', attempts };
      }
      return { item, status: 'failed', error, attempts };
    }
  }

  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      const outcome = await runOne(items[index]);
      outcomes[index] = outcome;
      done++;
      options.onProgress?.(done, items.length, outcome);
    }
  }

  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  const count = (status: BulkOutcome<T>['status']): number => outcomes.filter((o) => o.status === status).length;
  return {
    outcomes,
    changed: count('changed'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    cancelled: count('cancelled'),
  };
}
