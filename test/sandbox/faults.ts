/** Latency, token-bucket rate limits (429 + Retry-After) and injected 5xx / connection resets. */

export interface FaultSettings {
  /** Added to every request, in ms. */
  latencyMs: number;
  /** 0..1: share of requests answered 503/500 or reset. */
  faultRate: number;
  /** 0 = unlimited. PUT/PATCH/POST/DELETE. */
  writeLimitPerMin: number;
  /** 0 = unlimited. GET/HEAD/OPTIONS. */
  readLimitPerMin: number;
  /** Bucket capacity of both limits; 0 (default) = one minute's allowance. A small burst makes any client faster than the limit meet 429s at once. */
  limitBurst: number;
}

export type FaultDecision = { kind: 'none' } | { kind: 'throttle'; retryAfterSec: number } | { kind: 'reset' } | { kind: 'error'; status: 500 | 503 };

/** Deterministic PRNG (mulberry32) so fault patterns are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Capacity = one minute's allowance unless a smaller burst is given, refilled continuously. */
export class TokenBucket {
  private tokens: number;
  private updated: number;
  private readonly capacity: number;

  constructor(
    readonly perMinute: number,
    private readonly clock: () => number = Date.now,
    burst = 0,
  ) {
    this.capacity = burst > 0 ? burst : perMinute;
    this.tokens = this.capacity;
    this.updated = clock();
  }

  /** 0 when a token was taken, else the whole seconds until one is available (counts down). */
  take(): number {
    const time = this.clock();
    const rate = this.perMinute / 60000;
    this.tokens = Math.min(this.capacity, this.tokens + (time - this.updated) * rate);
    this.updated = time;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / rate / 1000));
  }
}

export function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

export class FaultInjector {
  private settings: FaultSettings;
  private readonly random: () => number;
  private readBucket: TokenBucket | undefined;
  private writeBucket: TokenBucket | undefined;

  constructor(settings: FaultSettings, seed: number) {
    this.settings = { ...settings };
    this.random = seededRandom(seed);
    this.rebuildBuckets();
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  update(partial: Partial<FaultSettings>): void {
    const next = { ...this.settings, ...partial };
    validateFaults(next);
    const limitsChanged =
      next.readLimitPerMin !== this.settings.readLimitPerMin ||
      next.writeLimitPerMin !== this.settings.writeLimitPerMin ||
      next.limitBurst !== this.settings.limitBurst;
    this.settings = next;
    if (limitsChanged) {
      this.rebuildBuckets();
    }
  }

  private rebuildBuckets(): void {
    const { readLimitPerMin, writeLimitPerMin, limitBurst } = this.settings;
    this.readBucket = readLimitPerMin > 0 ? new TokenBucket(readLimitPerMin, Date.now, limitBurst) : undefined;
    this.writeBucket = writeLimitPerMin > 0 ? new TokenBucket(writeLimitPerMin, Date.now, limitBurst) : undefined;
  }

  /** Decides the fate of one request. OAuth requests are not rate limited (ACR counts them separately). */
  decide(method: string, oauth: boolean): FaultDecision {
    if (this.settings.faultRate > 0 && this.random() < this.settings.faultRate) {
      const pick = this.random();
      return pick < 1 / 3 ? { kind: 'reset' } : { kind: 'error', status: pick < 2 / 3 ? 503 : 500 };
    }
    if (!oauth) {
      const bucket = isWrite(method) ? this.writeBucket : this.readBucket;
      const wait = bucket ? bucket.take() : 0;
      if (wait > 0) {
        return { kind: 'throttle', retryAfterSec: wait };
      }
    }
    return { kind: 'none' };
  }
}

export function validateFaults(settings: FaultSettings): void {
  const check = (ok: boolean, message: string): void => {
    if (!ok) {
      throw new Error(message);
    }
  };
  check(Number.isFinite(settings.latencyMs) && settings.latencyMs >= 0, 'latencyMs must be a number >= 0');
  check(Number.isFinite(settings.faultRate) && settings.faultRate >= 0 && settings.faultRate <= 1, 'faultRate must be between 0 and 1');
  check(Number.isInteger(settings.writeLimitPerMin) && settings.writeLimitPerMin >= 0, 'writeLimitPerMin must be an integer >= 0 (0 = unlimited)');
  check(Number.isInteger(settings.readLimitPerMin) && settings.readLimitPerMin >= 0, 'readLimitPerMin must be an integer >= 0 (0 = unlimited)');
  check(Number.isInteger(settings.limitBurst) && settings.limitBurst >= 0, 'limitBurst must be an integer >= 0 (0 = one minute of the limit)');
}
