/**
 * The one retry layer of every registry request (the SDK's own retry policy is turned off in
 * registryClient.ts): transient failures (429, 5xx, resets) are retried after what the server
 * asked for (`Retry-After`, capped at MAX_SERVER_WAIT_MS) or an exponential backoff with jitter.
 * A RegistryClient call retries by itself (up to CALL_RETRY, waits shared by every call of the
 * client); a bulk run or a listing asks it for one attempt (`retry: false`) and retries in its
 * own loop here, with the run's shared pause and its stop after repeated failures
 * (src/locks/run/bulk.ts). Either way each attempt is one request on the wire.
 */
import { cancelledError, MAX_SERVER_WAIT_MS, RegistryError, toRegistryError } from './errors';
import { isAbortError, sleep } from '../util/abort';

/** A wait before the next attempt: what the server asked for (capped) or our own backoff. */
export interface ServerWait {
  readonly ms: number;
  readonly reason: 'throttled' | 'server' | 'backoff';
  /** The server's own Retry-After, when it asked for more than MAX_SERVER_WAIT_MS. */
  readonly requestedMs?: number;
  /** The HTTP status of the failure waited after (429, 503, …), when it had one. */
  readonly status?: number;
}

/** A transient failure as given up on: with the number of requests made (the message can say whether it was retried). */
function givenUp(error: RegistryError, attempts: number): RegistryError {
  if (!isTransient(error)) {
    return error;
  }
  const counted = new RegistryError(error.kind, error.message, { ...error.details, attempts });
  counted.stack = error.stack;
  return counted;
}

const TRANSIENT = new Set<RegistryError['kind']>(['throttled', 'server', 'unreachable']);

/** Failures worth another attempt: throttled (429), server (5xx), unreachable (resets, timeouts). */
export function isTransient(error: RegistryError): boolean {
  return TRANSIENT.has(error.kind);
}

/** The server's wanted wait in ms (429/503 Retry-After), when the error carries one. */
export function retryAfterOf(error: RegistryError): number | undefined {
  const value = error.details.retryAfterMs;
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The wait between attempts: cut short by the signal (the attempt loop then ends as cancelled). */
async function waitBetweenAttempts(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (thrown: unknown) {
    if (!isAbortError(thrown)) {
      throw thrown;
    }
  }
}

export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** The wait before retrying after `error` on attempt `attempt`: the server's (capped) or our backoff. */
export function waitAfter(error: RegistryError, attempt: number, baseMs: number, maxMs: number): ServerWait {
  const asked = retryAfterOf(error);
  const status = error.details.status === undefined ? {} : { status: error.details.status };
  if (asked !== undefined && (error.kind === 'throttled' || error.kind === 'server')) {
    return asked > MAX_SERVER_WAIT_MS
      ? { ms: MAX_SERVER_WAIT_MS, reason: error.kind, requestedMs: asked, ...status }
      : { ms: asked, reason: error.kind, ...status };
  }
  return { ms: backoffDelay(attempt, baseMs, maxMs), reason: 'backoff', ...status };
}

/**
 * A pause shared by the workers of one run: a server-requested wait delays every worker's next
 * attempt, not only the one that was told.
 */
export class SharedPause {
  private until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Extends the pause; true when it now lasts longer than before (worth reporting). */
  extend(ms: number): boolean {
    const until = this.now() + ms;
    if (until <= this.until) {
      return false;
    }
    this.until = until;
    return true;
  }

  remaining(): number {
    return Math.max(0, this.until - this.now());
  }
}

export interface RetryOptions {
  readonly signal?: AbortSignal;
  /**
   * A server-asked wait longer than MAX_SERVER_WAIT_MS: false (default) waits the cap and
   * retries (a bulk run); true fails at once with the error, which carries the asked wait in
   * `details.retryAfterMs` (a single call: the user decides).
   */
  readonly failOverlongWait?: boolean;
  /** Attempts, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onWait?: (wait: ServerWait) => void;
  /** Shared with other callers (a bulk run's workers). */
  readonly pause?: SharedPause;
  /** Each attempt's failure or success, for run-wide accounting. */
  readonly onAttempt?: (error: RegistryError | undefined) => void;
  /** Checked before each retry: true ends the retries with the last error. */
  readonly stop?: () => boolean;
}

/** What a RegistryClient call does by itself: 4 attempts (the SDK's former default of 1 + 3 retries), 1 s, 2 s, 4 s apart (with jitter). */
export const CALL_RETRY = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000, failOverlongWait: true } as const;

/**
 * One call retried on transient failures (429, 5xx, resets): waits what
 * the server asked for (capped at MAX_SERVER_WAIT_MS) or backs off exponentially; other failures
 * and the last attempt's are thrown as RegistryErrors. An aborted signal ends it before the next
 * attempt (and cuts a wait short) with a 'cancelled' error.
 */
export async function retryTransient<R>(work: () => Promise<R>, options: RetryOptions): Promise<R> {
  const wait = options.sleep ?? waitBetweenAttempts;
  let last: RegistryError | undefined;
  for (let attempt = 1; ; attempt++) {
    const paused = options.pause?.remaining() ?? 0;
    if (paused > 0) {
      await wait(paused, options.signal);
    }
    if (options.signal?.aborted) {
      throw cancelledError();
    }
    if (last && options.stop?.()) {
      // The run stopped while this call waited to retry.
      throw last;
    }
    let result: R;
    try {
      result = await work();
    } catch (thrown: unknown) {
      const error = toRegistryError(thrown);
      last = error;
      options.onAttempt?.(error);
      if (!isTransient(error) || attempt >= options.maxAttempts || options.signal?.aborted || options.stop?.()) {
        throw givenUp(error, attempt);
      }
      if (options.failOverlongWait && (retryAfterOf(error) ?? 0) > MAX_SERVER_WAIT_MS) {
        throw givenUp(error, attempt);
      }
      const next = waitAfter(error, attempt, options.baseDelayMs, options.maxDelayMs);
      if (next.reason !== 'backoff' && options.pause) {
        if (options.pause.extend(next.ms)) {
          options.onWait?.(next);
        }
      } else {
        options.onWait?.(next);
        await wait(next.ms, options.signal);
      }
      continue;
    }
    options.onAttempt?.(undefined);
    return result;
  }
}

