/**
 * Pacing to the registry's rate limits. ACR limits requests per minute per registry and per
 * identity, by category (reads, writes, deletes, sign-in), with token buckets: a burst, then 429
 * with Retry-After. A bulk run that simply retries after each 429 keeps hitting the empty bucket;
 * this HttpClient wrapper learns each category's sustainable rate instead and spaces requests to
 * it, so a long run stays near the limit with few rejected requests.
 *
 * It sits below the SDK's retry policy, so it sees every attempt on the wire. Per category:
 * - until the first 429, requests are not delayed (free);
 * - after it, for MEASURE_MS, neither (measuring): once the bucket is empty the registry accepts
 *   about its refill rate, and that accepted rate becomes the first estimate;
 * - discovery: paced, growing DISCOVERY_GROWTH per second of sending until a 429;
 * - steady: each 429 cuts the rate by CUT (at most once per CUT_INTERVAL_MS), which then grows
 *   STEADY_GROWTH per second up to CEILING_FACTOR × the rate before the cut, probing for the limit;
 * - after CALM_MS without a 429 pacing ends;
 * - `X-Ms-Ratelimit-Remaining-Calls-Per-Second`, where the registry sends it, caps the rate.
 * Waits honour the request's abort signal.
 */
import type { HttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { sleep } from '../util/abort';

export type RateCategory = 'read' | 'write' | 'delete' | 'signIn';

/** After the first 429, the registry's acceptance is measured this long before pacing starts. */
const MEASURE_MS = 5_000;
/** Growth per second of sending while discovering the limit, and once it is known. */
const DISCOVERY_GROWTH = 0.05;
const STEADY_GROWTH = 0.002;
/** A 429 cuts the rate to this share, at most once per CUT_INTERVAL_MS (in-flight 429s come in clusters). */
const CUT = 0.9;
const CUT_INTERVAL_MS = 2_000;
/** Growth stops at this multiple of the rate before the last cut. */
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

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, signal),
};

type Phase = 'free' | 'measuring' | 'discovery' | 'steady';

/** One category's learnt rate. */
export class RatePacer {
  private phase: Phase = 'free';
  /** Requests per second while pacing. */
  private rate = Number.POSITIVE_INFINITY;
  private nextAt = 0;
  private measureStart = 0;
  private acceptedWhileMeasuring = 0;
  private lastCut = Number.NEGATIVE_INFINITY;
  private lastLimited = Number.NEGATIVE_INFINITY;
  private lastGrowth = 0;
  private ceiling = Number.POSITIVE_INFINITY;

  constructor(private readonly now: () => number) {}

  /** The current rate in requests per second (Infinity when not pacing). */
  get requestsPerSecond(): number {
    return this.phase === 'discovery' || this.phase === 'steady' ? this.rate : Number.POSITIVE_INFINITY;
  }

  /** Reserves the next send slot; returns how long to wait for it (ms). */
  reserve(): number {
    const now = this.now();
    this.advance(now);
    if (this.phase !== 'discovery' && this.phase !== 'steady') {
      return 0;
    }
    const active = Math.min(1000, now - this.lastGrowth);
    if (active > 0) {
      const growth = this.phase === 'discovery' ? DISCOVERY_GROWTH : STEADY_GROWTH;
      this.rate = Math.min(Math.max(this.rate, this.ceiling), this.rate * (1 + (growth * active) / 1000));
      this.lastGrowth = now;
    }
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.rate;
    return at - now;
  }

  /** An answer from the registry (every attempt, 429s included). */
  answered(status: number, remainingPerSecond: number | undefined): void {
    const now = this.now();
    this.advance(now);
    if (status === 429) {
      this.throttled(now);
    } else if (this.phase === 'measuring') {
      this.acceptedWhileMeasuring++;
    }
    if (remainingPerSecond !== undefined && remainingPerSecond > 0 && remainingPerSecond < this.requestsPerSecond) {
      this.pace(remainingPerSecond, now, 'steady');
      this.lastLimited = now;
    }
  }

  /** Ends the measurement (its accepted rate is the first estimate) and a pacing calm for long. */
  private advance(now: number): void {
    if (this.phase === 'measuring' && now - this.measureStart >= MEASURE_MS) {
      this.pace((this.acceptedWhileMeasuring / (now - this.measureStart)) * 1000, now, 'discovery');
    } else if (this.phase !== 'free' && now - this.lastLimited > CALM_MS) {
      this.phase = 'free';
      this.rate = Number.POSITIVE_INFINITY;
      this.ceiling = Number.POSITIVE_INFINITY;
    }
  }

  private throttled(now: number): void {
    this.lastLimited = now;
    if (this.phase === 'free') {
      // A burst just emptied the bucket: measure what the registry accepts before pacing.
      this.phase = 'measuring';
      this.measureStart = now;
      this.acceptedWhileMeasuring = 0;
      return;
    }
    if (this.phase === 'measuring' || now - this.lastCut < CUT_INTERVAL_MS) {
      return;
    }
    this.lastCut = now;
    this.ceiling = this.rate * CEILING_FACTOR;
    this.pace(this.rate * CUT, now, 'steady');
  }

  private pace(rate: number, now: number, phase: Phase): void {
    this.rate = Math.max(MIN_RATE, rate);
    this.phase = phase;
    this.lastGrowth = now;
    this.nextAt = Math.min(Math.max(this.nextAt, now), now + 1000 / this.rate);
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
