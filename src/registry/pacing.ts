/**
 * Pacing to the registry's rate limits. ACR limits requests per minute per registry and per
 * identity, by category (reads, writes, deletes, sign-in), with token buckets: a burst, then 429
 * with Retry-After. A bulk run that simply retries after each 429 keeps hitting the empty bucket;
 * this HttpClient wrapper learns each category's sustainable rate instead and spaces requests to
 * it, so a long run stays near the limit with few rejected requests.
 *
 * It sits below the SDK's retry policy, so it sees every attempt on the wire. Per category:
 * - until the first 429, requests are not delayed;
 * - on a 429 the rate becomes MARGIN × the rate the registry accepted over the last WINDOW_MS
 *   (once the bucket is empty the registry accepts exactly its refill rate); within the first
 *   second of a throttled episode, before that figure means anything, the rate is halved at most
 *   every HALVING_MS;
 * - without 429s the rate grows by GROWTH_PER_SECOND per second of sending (up to CEILING_FACTOR ×
 *   the last estimate), probing for the limit, and pacing ends after CALM_MS without a 429;
 * - `X-Ms-Ratelimit-Remaining-Calls-Per-Second`, where the registry sends it, caps the rate.
 * Waits honour the request's abort signal.
 */
import type { HttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';

export type RateCategory = 'read' | 'write' | 'delete' | 'signIn';

const WINDOW_MS = 5_000;
const MARGIN = 0.95;
const HALVING_MS = 500;
const EPISODE_GAP_MS = 10_000;
const GROWTH_PER_SECOND = 0.001;
const CEILING_FACTOR = 1.25;
const CALM_MS = 5 * 60_000;
/** Requests per second below which pacing never goes. */
const MIN_RATE = 0.5;
const REMAINING_HEADER = 'x-ms-ratelimit-remaining-calls-per-second';

export function rateCategory(method: string, url: string): RateCategory {
  if (new URL(url).pathname.startsWith('/oauth2/')) {
    return 'signIn';
  }
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD' || upper === 'OPTIONS') {
    return 'read';
  }
  return upper === 'DELETE' ? 'delete' : 'write';
}

export interface PacerClock {
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError when `signal` aborts first. */
  sleep(ms: number, signal: PipelineRequest['abortSignal']): Promise<void>;
}

class AbortError extends Error {
  constructor() {
    super('The operation was aborted while waiting for the registry rate limit.');
    this.name = 'AbortError';
  }
}

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortError());
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new AbortError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort);
    }),
};

/** One category's learnt rate. */
export class RatePacer {
  /** Requests per second; Infinity = not pacing. */
  private rate = Number.POSITIVE_INFINITY;
  private nextAt = 0;
  private accepted: number[] = [];
  private episodeStart = Number.NEGATIVE_INFINITY;
  private lastThrottle = Number.NEGATIVE_INFINITY;
  /** The last 429 or remaining-calls cap. */
  private lastLimited = Number.NEGATIVE_INFINITY;
  private lastHalving = Number.NEGATIVE_INFINITY;
  private lastGrowth = 0;
  private burstEpisode = false;
  /** Growth stops here: a little above the last estimate (the registry's limit rarely rises). */
  private ceiling = Number.POSITIVE_INFINITY;

  constructor(private readonly now: () => number) {}

  /** The current rate in requests per second (Infinity when not pacing). */
  get requestsPerSecond(): number {
    return this.rate;
  }

  /** Reserves the next send slot; returns how long to wait for it (ms). */
  reserve(): number {
    const now = this.now();
    if (!Number.isFinite(this.rate)) {
      return 0;
    }
    if (now - this.lastLimited > CALM_MS) {
      this.rate = Number.POSITIVE_INFINITY;
      return 0;
    }
    const active = Math.min(1000, now - this.lastGrowth);
    if (active > 0) {
      this.rate = Math.min(Math.max(this.rate, this.ceiling), this.rate * (1 + (GROWTH_PER_SECOND * active) / 1000));
      this.lastGrowth = now;
    }
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.rate;
    return at - now;
  }

  /** An answer from the registry (every attempt, 429s included). */
  answered(status: number, remainingPerSecond: number | undefined): void {
    const now = this.now();
    if (status === 429) {
      this.throttled(now);
    } else {
      this.accepted.push(now);
      this.prune(now);
    }
    if (remainingPerSecond !== undefined && remainingPerSecond > 0 && remainingPerSecond < this.rate) {
      this.setRate(remainingPerSecond, now);
      this.lastLimited = now;
    }
  }

  private throttled(now: number): void {
    if (now - this.lastThrottle > EPISODE_GAP_MS) {
      this.episodeStart = now;
      // Throttled while not pacing: a burst just emptied the bucket, and what was accepted so far says nothing of the refill rate.
      this.burstEpisode = !Number.isFinite(this.rate);
    }
    this.lastThrottle = now;
    this.lastLimited = now;
    this.prune(now);
    if (!this.burstEpisode || now - this.episodeStart >= 1000) {
      // The bucket is empty: what the registry accepted lately is what it refills.
      const since = Math.max(this.burstEpisode ? this.episodeStart : Number.NEGATIVE_INFINITY, now - WINDOW_MS);
      const count = this.accepted.filter((t) => t > since).length;
      if (count > 0) {
        const estimate = (count / (now - since)) * 1000;
        this.ceiling = estimate * CEILING_FACTOR;
        this.setRate(estimate * MARGIN, now);
        return;
      }
    }
    if (now - this.lastHalving >= HALVING_MS) {
      const windowRate = (this.accepted.length / WINDOW_MS) * 1000;
      this.setRate(Math.min(this.rate, windowRate) / 2, now);
      this.lastHalving = now;
    }
  }

  private setRate(rate: number, now: number): void {
    this.rate = Math.max(MIN_RATE, rate);
    this.lastGrowth = now;
    this.nextAt = Math.min(this.nextAt, now + 1000 / this.rate);
  }

  private prune(now: number): void {
    const cutoff = now - WINDOW_MS;
    let drop = 0;
    while (drop < this.accepted.length && (this.accepted[drop] ?? 0) <= cutoff) {
      drop++;
    }
    if (drop > 0) {
      this.accepted = this.accepted.slice(drop);
    }
  }
}

function remainingPerSecond(response: PipelineResponse): number | undefined {
  const raw = response.headers.get(REMAINING_HEADER);
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

export interface PacedHttpClient extends HttpClient {
  /** The pacer of a category (tests, diagnostics). */
  pacer(category: RateCategory): RatePacer;
}

/** Wraps `inner` with one pacer per category; use one per registry and identity (one RegistryClient). */
export function pacedHttpClient(inner: HttpClient, clock: PacerClock = realClock): PacedHttpClient {
  const pacers = new Map<RateCategory, RatePacer>();
  const pacer = (category: RateCategory): RatePacer => {
    let found = pacers.get(category);
    if (!found) {
      found = new RatePacer(() => clock.now());
      pacers.set(category, found);
    }
    return found;
  };
  return {
    pacer,
    async sendRequest(request) {
      const own = pacer(rateCategory(request.method, request.url));
      const wait = own.reserve();
      if (wait > 0) {
        await clock.sleep(wait, request.abortSignal);
      }
      const response = await inner.sendRequest(request);
      own.answered(response.status, remainingPerSecond(response));
      return response;
    },
  };
}
