/** Latency, ACR's rate limits (429 + Retry-After, limits.ts) and injected 5xx / connection resets. */
import { mulberry32 } from '../support/random';
import { type LimitCategory, type RateLimits, type Sku, RateLimiter, SKU_LIMITS, UNLIMITED, isSku } from './limits';

export { TokenBucket } from './limits';

export interface FaultSettings {
  /** Added to every request, in ms. */
  latencyMs: number;
  /** 0..1: share of requests answered 503/500 or reset. */
  faultRate: number;
  /** What a fault is: 0 (default) a mix of 503, 500 and connection resets; 500 or 503 always that status. */
  faultStatus: 0 | 500 | 503;
  /** ACR's limits of that service tier (limits.ts); 'none' (default) = unlimited unless set below. */
  sku: Sku | 'none';
  /**
   * Per-minute limits per registry (GET/HEAD/OPTIONS; PUT/PATCH/POST; DELETE; `/oauth2/*`) and per
   * identity within a registry; 0 = the sku's figure (unlimited without a sku).
   */
  readLimitPerMin: number;
  writeLimitPerMin: number;
  deleteLimitPerMin: number;
  signInLimitPerMin: number;
  identityReadLimitPerMin: number;
  identityWriteLimitPerMin: number;
  identityDeleteLimitPerMin: number;
  /** Capacity of every bucket; 0 (default) = one minute's allowance. A small burst makes any client faster than the limit meet 429s at once. */
  limitBurst: number;
}

export const DEFAULT_FAULTS: FaultSettings = {
  latencyMs: 0,
  faultRate: 0,
  faultStatus: 0,
  sku: 'none',
  readLimitPerMin: 0,
  writeLimitPerMin: 0,
  deleteLimitPerMin: 0,
  signInLimitPerMin: 0,
  identityReadLimitPerMin: 0,
  identityWriteLimitPerMin: 0,
  identityDeleteLimitPerMin: 0,
  limitBurst: 0,
};

const LIMIT_KEYS = [
  'sku',
  'readLimitPerMin',
  'writeLimitPerMin',
  'deleteLimitPerMin',
  'signInLimitPerMin',
  'identityReadLimitPerMin',
  'identityWriteLimitPerMin',
  'identityDeleteLimitPerMin',
  'limitBurst',
] as const satisfies readonly (keyof FaultSettings)[];

export type FaultDecision =
  | { kind: 'none'; remainingPerSecond?: number }
  | { kind: 'throttle'; retryAfterSec: number; scope: 'registry' | 'identity' }
  | { kind: 'reset' }
  | { kind: 'error'; status: 500 | 503 };

/** Deterministic PRNG (mulberry32, the tests' one: test/support/random.ts) so fault patterns are reproducible. */
export const seededRandom: (seed: number) => () => number = mulberry32;

/** The limits in force: explicit figures over the sku's. */
export function effectiveLimits(settings: FaultSettings): RateLimits {
  const base = settings.sku === 'none' ? UNLIMITED : SKU_LIMITS[settings.sku];
  const pick = (explicit: number, preset: number): number => (explicit > 0 ? explicit : preset);
  return {
    registry: {
      read: pick(settings.readLimitPerMin, base.registry.read),
      write: pick(settings.writeLimitPerMin, base.registry.write),
      delete: pick(settings.deleteLimitPerMin, base.registry.delete),
      signIn: pick(settings.signInLimitPerMin, base.registry.signIn),
    },
    identity: {
      read: pick(settings.identityReadLimitPerMin, base.identity.read),
      write: pick(settings.identityWriteLimitPerMin, base.identity.write),
      delete: pick(settings.identityDeleteLimitPerMin, base.identity.delete),
      signIn: base.identity.signIn,
    },
  };
}

export class FaultInjector {
  private settings: FaultSettings;
  private readonly random: () => number;
  private limiter: RateLimiter;

  constructor(
    settings: Partial<FaultSettings>,
    seed: number,
    /** The sandbox's clock (control.advanceClock moves bucket refills too). */
    private readonly clock: () => number = Date.now,
  ) {
    this.settings = { ...DEFAULT_FAULTS, ...settings };
    validateFaults(this.settings);
    this.random = seededRandom(seed);
    this.limiter = this.newLimiter();
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  /** Changing any limit (or the sku, or the burst) starts every bucket full again. */
  update(partial: Partial<FaultSettings>): void {
    const next = { ...this.settings, ...partial };
    validateFaults(next);
    const limitsChanged = LIMIT_KEYS.some((key) => next[key] !== this.settings[key]);
    this.settings = next;
    if (limitsChanged) {
      this.limiter = this.newLimiter();
    }
  }

  private newLimiter(): RateLimiter {
    return new RateLimiter(effectiveLimits(this.settings), this.settings.limitBurst, this.clock);
  }

  /** Decides the fate of one request of `identity` to `registry` (undefined: no such registry, no limits). */
  decide(request: { category: LimitCategory; registry: string | undefined; identity: string }): FaultDecision {
    if (this.settings.faultRate > 0 && this.random() < this.settings.faultRate) {
      if (this.settings.faultStatus !== 0) {
        return { kind: 'error', status: this.settings.faultStatus };
      }
      const pick = this.random();
      return pick < 1 / 3 ? { kind: 'reset' } : { kind: 'error', status: pick < 2 / 3 ? 503 : 500 };
    }
    if (request.registry === undefined) {
      return { kind: 'none' };
    }
    const limit = this.limiter.take(request.registry, request.identity, request.category);
    if (limit.kind === 'throttle') {
      return { kind: 'throttle', retryAfterSec: limit.retryAfterSec, scope: limit.scope };
    }
    return limit.kind === 'allowed' ? { kind: 'none', remainingPerSecond: limit.remainingPerSecond } : { kind: 'none' };
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
  check([0, 500, 503].includes(settings.faultStatus), 'faultStatus must be 0 (a mix), 500 or 503');
  check(settings.sku === 'none' || isSku(settings.sku), "sku must be 'basic', 'standard', 'premium' or 'none'");
  for (const key of LIMIT_KEYS) {
    if (key !== 'sku' && key !== 'limitBurst') {
      check(Number.isInteger(settings[key]) && settings[key] >= 0, `${key} must be an integer >= 0 (0 = the sku's figure; unlimited without a sku)`);
    }
  }
  check(Number.isInteger(settings.limitBurst) && settings.limitBurst >= 0, 'limitBurst must be an integer >= 0 (0 = one minute of the limit)');
}
