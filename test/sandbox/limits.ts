/**
 * ACR's request-rate limits (container-registry-skus, 2026): per minute, per registry and per
 * identity, for reads, writes, deletes and sign-in, enforced with token buckets (a burst, then
 * 429 with a counting-down Retry-After).
 */
import { type AuthSettings, decodeBasic } from './auth';
import { ANONYMOUS_PRINCIPAL } from './users';

export const SKUS = ['basic', 'standard', 'premium'] as const;
export type Sku = (typeof SKUS)[number];

/** GET/HEAD/OPTIONS; PUT/PATCH/POST; DELETE; `/oauth2/*`. */
export type LimitCategory = 'read' | 'write' | 'delete' | 'signIn';
export const CATEGORIES: readonly LimitCategory[] = ['read', 'write', 'delete', 'signIn'];

/** Requests per minute; 0 = unlimited. */
export type CategoryLimits = Readonly<Record<LimitCategory, number>>;

export interface RateLimits {
  readonly registry: CategoryLimits;
  /** Per identity (token subject) within one registry; ACR has no per-identity sign-in limit. */
  readonly identity: CategoryLimits;
}

const STANDARD: RateLimits = {
  registry: { read: 10_000, write: 2_000, delete: 1_000, signIn: 10_000 },
  identity: { read: 5_000, write: 1_000, delete: 500, signIn: 0 },
};

export const SKU_LIMITS: Readonly<Record<Sku, RateLimits>> = {
  basic: STANDARD,
  standard: STANDARD,
  premium: {
    registry: { read: 20_000, write: 4_000, delete: 4_000, signIn: 20_000 },
    identity: { read: 10_000, write: 2_000, delete: 2_000, signIn: 0 },
  },
};

export const UNLIMITED: RateLimits = {
  registry: { read: 0, write: 0, delete: 0, signIn: 0 },
  identity: { read: 0, write: 0, delete: 0, signIn: 0 },
};

export function isSku(value: string): value is Sku {
  return (SKUS as readonly string[]).includes(value);
}

export function categoryOf(method: string, path: string): LimitCategory {
  if (path.startsWith('/oauth2/')) {
    return 'signIn';
  }
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    return 'read';
  }
  return method === 'DELETE' ? 'delete' : 'write';
}

/**
 * Who a request counts against: the subject of a valid bearer token (admin user, token user,
 * the AAD identity), the user name of Basic credentials, else anonymous (one identity).
 */
export function identityOf(authorization: string | undefined, auth: Pick<AuthSettings, 'issuer'>, registry: string): string {
  const header = authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer?.[1]) {
    const result = auth.issuer.verify(bearer[1].trim());
    return result.ok && result.claims.registry === registry ? result.claims.sub : ANONYMOUS_PRINCIPAL.name;
  }
  return decodeBasic(header)?.username || ANONYMOUS_PRINCIPAL.name;
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

  private refill(): void {
    const time = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + (time - this.updated) * (this.perMinute / 60_000));
    this.updated = time;
  }

  /** 0 when a token is available, else the whole seconds until one is (counts down as time passes). */
  wait(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - this.tokens) / (this.perMinute / 60_000) / 1000));
  }

  /** Tokens left now (fractional). */
  remaining(): number {
    this.refill();
    return this.tokens;
  }

  consume(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** wait(), and takes the token when there is one. */
  take(): number {
    const wait = this.wait();
    if (wait === 0) {
      this.tokens -= 1;
    }
    return wait;
  }
}

export type LimitDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'allowed'; readonly remainingPerSecond: number }
  | { readonly kind: 'throttle'; readonly retryAfterSec: number; readonly scope: 'registry' | 'identity' };

/** One bucket per (registry, category) and per (registry, identity, category), created on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: RateLimits,
    private readonly burst: number,
    private readonly clock: () => number = Date.now,
  ) {}

  private bucket(key: string, perMinute: number): TokenBucket | undefined {
    if (perMinute <= 0) {
      return undefined;
    }
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(perMinute, this.clock, this.burst);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Takes a token from the registry's and the identity's bucket, or neither (429). */
  take(registry: string, identity: string, category: LimitCategory): LimitDecision {
    const perRegistry = this.bucket(`${registry}\n${category}`, this.limits.registry[category]);
    const perIdentity = this.bucket(`${registry}\n${category}\n${identity}`, this.limits.identity[category]);
    if (!perRegistry && !perIdentity) {
      return { kind: 'none' };
    }
    const registryWait = perRegistry?.wait() ?? 0;
    const identityWait = perIdentity?.wait() ?? 0;
    if (registryWait > 0 || identityWait > 0) {
      return { kind: 'throttle', retryAfterSec: Math.max(registryWait, identityWait), scope: identityWait >= registryWait ? 'identity' : 'registry' };
    }
    perRegistry?.consume();
    perIdentity?.consume();
    const remaining = Math.min(perRegistry?.remaining() ?? Number.POSITIVE_INFINITY, perIdentity?.remaining() ?? Number.POSITIVE_INFINITY);
    return { kind: 'allowed', remainingPerSecond: Math.max(0, remaining) / 60 };
  }
}
