/**
 * The pacing HttpClient against the sandbox's own token buckets (test/sandbox/limits.ts), on a
 * virtual clock: a bulk run at concurrency 8 with the SDK's retry-after-Retry-After behaviour,
 * minutes of simulated time in a fraction of a second. Figures are counts, not timings.
 */
import * as assert from 'node:assert/strict';
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse, createPipelineRequest } from '@azure/core-rest-pipeline';
import { type PacerClock, pacedHttpClient, rateCategory } from '../../src/registry/pacing';
import { RateLimiter } from '../sandbox/limits';

/** Timers on a virtual clock; `run` advances it timer by timer, letting promise chains settle in between. */
class VirtualTime implements PacerClock {
  private time = 0;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: PipelineRequest['abortSignal']): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        return;
      }
      const timer = { at: this.time + ms, seq: this.seq++, fire: resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
    });
  }

  async run(until: () => boolean): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (!until() && this.timers.length > 0) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) {
        break;
      }
      this.time = Math.max(this.time, next.at);
      next.fire();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

interface Served {
  time: number;
  status: number;
}

/** A registry whose writes are limited by `limiter` (one identity), answering after `latencyMs`. */
function registry(clock: VirtualTime, limiter: RateLimiter, latencyMs: number, served: Served[], remaining?: () => number): HttpClient {
  return {
    async sendRequest(request): Promise<PipelineResponse> {
      await clock.sleep(latencyMs / 2, undefined);
      const decision = limiter.take('r', 'me', rateCategory(request.method, request.url));
      const status = decision.kind === 'throttle' ? 429 : 200;
      served.push({ time: clock.now(), status });
      await clock.sleep(latencyMs / 2, undefined);
      const headers = createHttpHeaders(decision.kind === 'throttle' ? { 'retry-after': String(decision.retryAfterSec) } : {});
      if (remaining) {
        headers.set('x-ms-ratelimit-remaining-calls-per-second', String(remaining()));
      }
      return { request, status, headers, bodyAsText: '{}' };
    },
  };
}

/** `items` PATCHes at `concurrency`, each retried after Retry-After on 429 (as the SDK's throttling retry does). */
async function bulk(clock: VirtualTime, client: HttpClient, items: number, concurrency: number): Promise<{ done: number }> {
  let next = 0;
  const state = { done: 0 };
  const worker = async (): Promise<void> => {
    while (next < items) {
      next++;
      for (;;) {
        const response = await client.sendRequest(createPipelineRequest({ url: 'https://r.azurecr.io/acr/v1/big/_tags/t', method: 'PATCH' }));
        if (response.status !== 429) {
          break;
        }
        await clock.sleep(Number(response.headers.get('retry-after') ?? '1') * 1000, undefined);
      }
      state.done++;
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  await clock.run(() => state.done >= items);
  await Promise.all(workers);
  return state;
}

function after(served: readonly Served[], fromMs: number): { accepted: number; throttled: number; seconds: number } {
  const later = served.filter((s) => s.time >= fromMs);
  const last = later.at(-1)?.time ?? fromMs;
  return { accepted: later.filter((s) => s.status === 200).length, throttled: later.filter((s) => s.status === 429).length, seconds: (last - fromMs) / 1000 };
}

const NO_LIMITS = { read: 0, write: 0, delete: 0, signIn: 0 };

suite('pacing HttpClient (virtual clock, sandbox token buckets)', () => {
  for (const [name, perMinute] of [
    ['Standard (1,000 writes/min per identity)', 1000],
    ['Premium (2,000 writes/min per identity)', 2000],
  ] as const) {
    test(`${name}: after the first minute ≥ 90 % of the limit, ≤ 5 % of requests throttled`, async () => {
      const clock = new VirtualTime();
      const limiter = new RateLimiter({ registry: NO_LIMITS, identity: { ...NO_LIMITS, write: perMinute } }, 0, () => clock.now());
      const served: Served[] = [];
      const client = pacedHttpClient(registry(clock, limiter, 20, served), clock);
      // The burst (one minute's allowance) plus three minutes at the limit.
      const items = perMinute * 4;
      await bulk(clock, client, items, 8);
      const sustained = after(served, 60_000);
      const ratePerMinute = (sustained.accepted / sustained.seconds) * 60;
      const throttledShare = sustained.throttled / (sustained.accepted + sustained.throttled);
      assert.ok(ratePerMinute >= 0.9 * perMinute, `${ratePerMinute.toFixed(0)}/min of ${perMinute}/min`);
      assert.ok(throttledShare <= 0.05, `${(throttledShare * 100).toFixed(1)} % of requests after the first minute were 429`);
    });
  }

  test('a burst smaller than the concurrency (6,000/min, burst 10, 16 workers): 1,000 writes at ≥ 90 % of the limit', async () => {
    const clock = new VirtualTime();
    const limiter = new RateLimiter({ registry: NO_LIMITS, identity: { ...NO_LIMITS, write: 6000 } }, 10, () => clock.now());
    const served: Served[] = [];
    await bulk(clock, pacedHttpClient(registry(clock, limiter, 20, served), clock), 1000, 16);
    const seconds = clock.now() / 1000;
    assert.ok(seconds <= (1000 - 10) / 100 / 0.9, `${seconds.toFixed(1)} s for 990 writes beyond the burst at 100/s`);
  });

  test('without pacing the same run (retrying after each Retry-After) meets far more 429s', async () => {
    const clock = new VirtualTime();
    const limiter = new RateLimiter({ registry: NO_LIMITS, identity: { ...NO_LIMITS, write: 1000 } }, 0, () => clock.now());
    const served: Served[] = [];
    await bulk(clock, registry(clock, limiter, 20, served), 4000, 8);
    const sustained = after(served, 60_000);
    const share = sustained.throttled / (sustained.accepted + sustained.throttled);
    assert.ok(share > 0.2, `${(share * 100).toFixed(1)} % of requests after the first minute were 429`);
  });

  test('sends without delay until the registry first throttles; categories are paced separately', async () => {
    const clock = new VirtualTime();
    const limiter = new RateLimiter({ registry: NO_LIMITS, identity: { ...NO_LIMITS, write: 60 } }, 5, () => clock.now());
    const served: Served[] = [];
    const client = pacedHttpClient(registry(clock, limiter, 20, served), clock);
    await bulk(clock, client, 5, 1);
    assert.equal(clock.now(), 100, 'five writes, 20 ms each, no waits');
    assert.equal(client.pacer('write').requestsPerSecond, Number.POSITIVE_INFINITY);
    await bulk(clock, client, 10, 2);
    assert.ok(Number.isFinite(client.pacer('write').requestsPerSecond));
    assert.equal(client.pacer('read').requestsPerSecond, Number.POSITIVE_INFINITY);
    assert.equal(rateCategory('GET', 'https://r.azurecr.io/oauth2/token'), 'signIn');
    assert.equal(rateCategory('DELETE', 'https://r.azurecr.io/v2/x/manifests/sha256:1'), 'delete');
  });

  test('X-Ms-Ratelimit-Remaining-Calls-Per-Second caps the rate; a wait ends with the request\'s abort signal', async () => {
    const clock = new VirtualTime();
    const limiter = new RateLimiter({ registry: NO_LIMITS, identity: NO_LIMITS }, 0, () => clock.now());
    const client = pacedHttpClient(registry(clock, limiter, 20, [], () => 2), clock);
    const pending = client.sendRequest(createPipelineRequest({ url: 'https://r.azurecr.io/acr/v1/big/_tags/t', method: 'DELETE' }));
    await clock.run(() => false);
    await pending;
    assert.equal(client.pacer('delete').requestsPerSecond, 2);
    const controller = new AbortController();
    const first = client.sendRequest(createPipelineRequest({ url: 'https://r.azurecr.io/acr/v1/big/_tags/u', method: 'DELETE', abortSignal: controller.signal }));
    const second = client
      .sendRequest(createPipelineRequest({ url: 'https://r.azurecr.io/acr/v1/big/_tags/v', method: 'DELETE', abortSignal: controller.signal }))
      .then(
        () => 'sent',
        (error: unknown) => (error instanceof Error ? error.name : String(error)),
      );
    controller.abort();
    await clock.run(() => false);
    await first;
    assert.equal(await second, 'AbortError', 'the second request waited for its slot and was cancelled there');
  });
});
