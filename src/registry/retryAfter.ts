/**
 * The server's wanted wait on 429/503, and a cap on it. A retry that sleeps for whatever
 * `Retry-After` says can be told to wait a day by a hostile or broken registry. ACR's own windows
 * are at most a minute, so a longer wish is taken out of the response (a guard should the SDK's
 * retry policy, off in registryClient.ts, ever be turned on): the call fails at once with
 * `details.retryAfterMs`, and our retry (retry.ts) waits at most MAX_SERVER_WAIT_MS or gives up.
 */
import { type PipelinePolicy, type PipelineResponse } from '@azure/core-rest-pipeline';

/** The longest wait the SDK may sleep on by itself (ACR throttles in one-minute windows). */
export const MAX_SERVER_WAIT_MS = 60_000;

/** Carries a removed, too long wait to the error mapping (errors.ts). */
export const WANTED_WAIT_HEADER = 'x-acrlocks-retry-after-ms';

/** The headers the SDK's throttling strategy reads, in its order (the first two in ms, Retry-After in s or a date). */
const WAIT_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms', 'retry-after'] as const;

interface HeaderSource {
  get(name: string): string | undefined;
}

function parseWait(name: (typeof WAIT_HEADERS)[number], value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const amount = Number(text);
    return Math.round(name === 'retry-after' ? amount * 1000 : amount);
  }
  if (name !== 'retry-after') {
    return undefined;
  }
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}

/** The wait the server asks for in ms, from the first header that parses; undefined when none does. */
export function wantedWaitMs(headers: HeaderSource, nowMs = Date.now()): number | undefined {
  const carried = headers.get(WANTED_WAIT_HEADER);
  if (carried !== undefined && /^\d+$/.test(carried)) {
    return Number(carried);
  }
  for (const name of WAIT_HEADERS) {
    const value = headers.get(name);
    const wait = value === undefined ? undefined : parseWait(name, value, nowMs);
    if (wait !== undefined) {
      return wait;
    }
  }
  return undefined;
}

export function isWaitStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * Position perRetry (between the SDK's retry policy and the wire): a 429/503 asking for more
 * than MAX_SERVER_WAIT_MS loses its wait headers, so the retry policy returns it at once.
 */
export function retryAfterCapPolicy(): PipelinePolicy {
  return {
    name: 'acrLocksRetryAfterCap',
    async sendRequest(request, next): Promise<PipelineResponse> {
      const response = await next(request);
      if (!isWaitStatus(response.status)) {
        return response;
      }
      const wait = wantedWaitMs(response.headers);
      if (wait !== undefined && wait > MAX_SERVER_WAIT_MS) {
        for (const name of WAIT_HEADERS) {
          response.headers.delete(name);
        }
        response.headers.set(WANTED_WAIT_HEADER, String(wait));
      }
      return response;
    },
  };
}
