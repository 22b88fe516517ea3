/** Counts wire requests seen by `RegistryClient`'s observer (every attempt, token calls included). */
import { type RequestObserver } from '../src/registry/policies';

export interface CountSnapshot {
  readonly total: number;
  /** POST /oauth2/exchange + /oauth2/token. */
  readonly token: number;
  /** Answers 401 (the challenge before a token request). */
  readonly unauthorized: number;
  readonly throttled: number;
  /** 5xx answers and connection failures (status 0). */
  readonly failed: number;
  readonly writes: number;
  /** Tag listing requests answered with a page (200). */
  readonly tagListing: number;
}

export class RequestCounter implements RequestObserver {
  private counts: { -readonly [K in keyof CountSnapshot]: number } = RequestCounter.zero();

  private static zero(): { -readonly [K in keyof CountSnapshot]: number } {
    return { total: 0, token: 0, unauthorized: 0, throttled: 0, failed: 0, writes: 0, tagListing: 0 };
  }

  onRequest(method: string, path: string, status: number): void {
    const c = this.counts;
    c.total++;
    if (path.includes('/oauth2/')) {
      c.token++;
    } else if (method === 'PATCH' || method === 'PUT' || method === 'DELETE') {
      c.writes++;
    } else if (status === 200 && /\/_tags(\?|$)/.test(path)) {
      c.tagListing++;
    }
    if (status === 401) {
      c.unauthorized++;
    } else if (status === 429) {
      c.throttled++;
    } else if (status === 0 || status >= 500) {
      c.failed++;
    }
  }

  snapshot(): CountSnapshot {
    return { ...this.counts };
  }

  reset(): void {
    this.counts = RequestCounter.zero();
  }
}

export function diff(after: CountSnapshot, before: CountSnapshot): CountSnapshot {
  return {
    total: after.total - before.total,
    token: after.token - before.token,
    unauthorized: after.unauthorized - before.unauthorized,
    throttled: after.throttled - before.throttled,
    failed: after.failed - before.failed,
    writes: after.writes - before.writes,
    tagListing: after.tagListing - before.tagListing,
  };
}
