/** Retries one request on transient failures (429, 5xx, resets) with the bulk runner's backoff. */
import { abortableSleep, backoffDelay, isTransient } from '../../registry/bulk';
import { toRegistryError } from '../../registry/errors';

export async function withRetry<T>(work: () => Promise<T>, signal?: AbortSignal, maxAttempts = 6, baseDelayMs = 500): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (thrown: unknown) {
      const error = toRegistryError(thrown);
      if (!isTransient(error) || attempt >= maxAttempts || signal?.aborted) {
        throw error;
      }
      await abortableSleep(backoffDelay(attempt, baseDelayMs, 10_000), signal);
    }
  }
}
