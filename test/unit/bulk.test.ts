import * as assert from 'node:assert/strict';
import {
  backoffDelay,
  MaybeAppliedError,
  type RetryOptions,
  retryTransient,
  runBulk,
  type ServerWait,
  SharedPause,
} from '../../src/locks/run/bulk';
import { MAX_SERVER_WAIT_MS, RegistryError } from '../../src/registry/errors';
import { VirtualClock } from '../support/clock';

const noSleep = (): Promise<void> => Promise.resolve();

suite('runBulk', () => {
  test('reports every item, retries transient failures and never exceeds the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const attempts = new Map<number, number>();
    const items = Array.from({ length: 50 }, (_, i) => i);
    // Each attempt takes 1 ms of virtual time: the workers overlap as they would on the wire.
    const clock = new VirtualClock();
    const report = await runBulk(
      items,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await clock.sleep(1);
        running--;
        const n = (attempts.get(i) ?? 0) + 1;
        attempts.set(i, n);
        if (i % 10 === 0 && n < 3) {
          throw new RegistryError('throttled', '429', { status: 429 });
        }
        if (i === 7) {
          throw new RegistryError('locked', '405', { status: 405 });
        }
        return i % 2 === 0 ? 'changed' : 'unchanged';
      },
      { concurrency: 4, sleep: noSleep },
    );
    assert.ok(peak <= 4, `peak ${peak}`);
    assert.equal(report.outcomes.length, 50);
    assert.equal(report.changed + report.unchanged + report.failed + report.cancelled, 50);
    assert.equal(report.failed, 1);
    assert.equal(report.outcomes[7].status, 'failed');
    assert.equal(report.outcomes[7].error?.kind, 'locked');
    assert.equal(report.outcomes[7].attempts, 1, 'non-transient errors are not retried');
    assert.equal(report.outcomes[10].status, 'changed');
    assert.equal(report.outcomes[10].attempts, 3);
  });

  test('gives up after maxAttempts and cancels the rest when aborted', async () => {
    const failing = await runBulk([1], () => Promise.reject(new RegistryError('server', '503', { status: 503 })), {
      concurrency: 1,
      maxAttempts: 3,
      sleep: noSleep,
    });
    assert.equal(failing.outcomes[0].status, 'failed');
    assert.equal(failing.outcomes[0].attempts, 3);

    const controller = new AbortController();
    const report = await runBulk(
      Array.from({ length: 20 }, (_, i) => i),
      (i) => {
        if (i === 3) {
          controller.abort();
        }
        return Promise.resolve('changed' as const);
      },
      { concurrency: 1, signal: controller.signal, sleep: noSleep },
    );
    assert.equal(report.changed, 4);
    assert.equal(report.cancelled, 16);
  });

  test("the first item's first attempt runs alone (its sign-in serves the rest), then the run fans out", async () => {
    let running = 0;
    const concurrentAtStart: number[] = [];
    // How many items were in flight when item 0's attempt ended.
    let peak = 0;
    const clock = new VirtualClock();
    await runBulk(
      Array.from({ length: 20 }, (_, i) => i),
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await clock.sleep(2);
        if (i === 0) {
          concurrentAtStart.push(running);
        }
        running--;
        return 'changed';
      },
      { concurrency: 8, sleep: noSleep },
    );
    assert.deepEqual(concurrentAtStart, [1]);
    assert.equal(peak, 8);
  });

  test('a run cancelled before it starts reports every item cancelled (the warm-up gate opens without an attempt)', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const report = await runBulk(['a', 'b', 'c'], () => {
      calls++;
      return Promise.resolve('changed' as const);
    }, { concurrency: 2, signal: controller.signal, sleep: noSleep });
    assert.equal(calls, 0);
    assert.equal(report.cancelled, 3);
  });

  test('backs off exponentially with jitter, capped', () => {
    assert.equal(backoffDelay(1, 1000, 30000, () => 0), 500);
    assert.equal(backoffDelay(1, 1000, 30000, () => 1), 1000);
    assert.equal(backoffDelay(3, 1000, 30000, () => 1), 4000);
    assert.equal(backoffDelay(10, 1000, 30000, () => 1), 30000);
  });
});

function throttled(retryAfterMs?: number): RegistryError {
  return new RegistryError('throttled', '429', retryAfterMs === undefined ? { status: 429 } : { status: 429, retryAfterMs });
}

suite('runBulk: waits, stops and in-flight cancellation', () => {
  test("waits what the server asked for (Retry-After), reported once, instead of its own backoff", async () => {
    const slept: number[] = [];
    const waits: ServerWait[] = [];
    let calls = 0;
    const report = await runBulk(
      ['a'],
      () => {
        calls++;
        return calls === 1 ? Promise.reject(throttled(2000)) : Promise.resolve('changed' as const);
      },
      { concurrency: 1, sleep: (ms) => (slept.push(ms), Promise.resolve()), onWait: (w) => waits.push(w), now: () => 0 },
    );
    assert.equal(report.changed, 1);
    assert.deepEqual(slept, [2000]);
    assert.deepEqual(waits, [{ ms: 2000, reason: 'throttled', status: 429 }]);
  });

  test('a Retry-After longer than a minute is capped at MAX_SERVER_WAIT_MS, and the asked wait is reported', async () => {
    const slept: number[] = [];
    const waits: ServerWait[] = [];
    let calls = 0;
    await runBulk(
      ['a'],
      () => (++calls === 1 ? Promise.reject(throttled(100_000_000)) : Promise.resolve('changed' as const)),
      { concurrency: 1, sleep: (ms) => (slept.push(ms), Promise.resolve()), onWait: (w) => waits.push(w), now: () => 0 },
    );
    assert.deepEqual(slept, [MAX_SERVER_WAIT_MS]);
    assert.deepEqual(waits, [{ ms: MAX_SERVER_WAIT_MS, reason: 'throttled', requestedMs: 100_000_000, status: 429 }]);
  });

  test('a cancelled wait ends the run at once: the item is cancelled, the rest too', async () => {
    const controller = new AbortController();
    const report = await runBulk(
      ['a', 'b', 'c'],
      () => Promise.reject(throttled(60_000)),
      {
        concurrency: 1,
        signal: controller.signal,
        sleep: (_ms, signal) => {
          controller.abort();
          return signal?.aborted ? Promise.resolve() : Promise.reject(new Error('the wait must see the abort'));
        },
      },
    );
    assert.deepEqual(report.outcomes.map((o) => o.status), ['cancelled', 'cancelled', 'cancelled']);
  });

  test('one server-asked wait pauses every caller sharing the pause, not only the one told', async () => {
    const pause = new SharedPause(() => 0);
    const slept: string[] = [];
    const waits: ServerWait[] = [];
    let firstFailed: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (firstFailed = resolve));
    let attempt = 0;
    const options = (who: string): RetryOptions => ({
      maxAttempts: 3,
      baseDelayMs: 1,
      maxDelayMs: 1,
      pause,
      onWait: (w) => waits.push(w),
      sleep: (ms) => (slept.push(`${who}:${ms}`), Promise.resolve()),
    });
    const first = retryTransient(() => {
      if (attempt++ === 0) {
        firstFailed();
        return Promise.reject(throttled(5000));
      }
      return Promise.resolve('first');
    }, options('first'));
    await failed;
    const second = retryTransient(() => Promise.resolve('second'), options('second'));
    assert.deepEqual(await Promise.all([first, second]), ['first', 'second']);
    assert.deepEqual(slept.sort(), ['first:5000', 'second:5000'], 'the second caller waited too, before its first attempt');
    assert.equal(waits.length, 1, 'the shared wait is reported once');
  });

  test('after several consecutive registry failures the run stops; the rest is not attempted, by item', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const report = await runBulk(items, () => Promise.reject(new RegistryError('server', '503', { status: 503 })), {
      concurrency: 1,
      maxConsecutiveFailures: 5,
      sleep: noSleep,
    });
    assert.equal(report.stopped?.failures, 5);
    assert.equal(report.stopped?.error.kind, 'server');
    assert.equal(report.outcomes[0].status, 'failed');
    assert.equal(report.outcomes[0].attempts, 5, 'the failing item stops retrying when the run stops');
    assert.deepEqual(report.outcomes.slice(1).map((o) => [o.item, o.status]), items.slice(1).map((i) => [i, 'notAttempted']));
    assert.equal(report.notAttempted, 19);
    assert.equal(report.failed + report.notAttempted, 20);
  });

  test('an item waiting to retry when the run stops makes no further attempt', async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const report = await runBulk(['a', 'b', 'c'], () => {
      attempts++;
      return Promise.reject(new RegistryError('server', '503', { status: 503 }));
      // The first item's first attempt goes alone (warm-up); its retry waits a moment, as a backoff does.
    }, { concurrency: 2, maxConsecutiveFailures: 2, sleep: clock.sleep, now: clock.now });
    assert.equal(attempts, 2, 'the second failure stopped the run; the first item did not retry after it');
    assert.deepEqual(report.outcomes.map((o) => o.status), ['failed', 'failed', 'notAttempted']);
  });

  test('a success in between resets the count: scattered failures never stop the run', async () => {
    let calls = 0;
    const report = await runBulk(
      Array.from({ length: 30 }, (_, i) => i),
      () => (++calls % 4 === 0 ? Promise.resolve('changed' as const) : Promise.reject(new RegistryError('unreachable', 'ECONNRESET'))),
      { concurrency: 1, maxConsecutiveFailures: 5, sleep: noSleep },
    );
    assert.equal(report.stopped, undefined);
    assert.equal(report.changed, 30);
  });

  test('item failures that are not registry-wide (405, 404) never stop the run', async () => {
    const report = await runBulk(Array.from({ length: 10 }, (_, i) => i), () => Promise.reject(new RegistryError('locked', '405', { status: 405 })), {
      concurrency: 2,
      maxConsecutiveFailures: 3,
      sleep: noSleep,
    });
    assert.equal(report.failed, 10);
    assert.equal(report.notAttempted, 0);
  });

  test('work cancelled while its change was on the wire is reported as "may have been applied"', async () => {
    const controller = new AbortController();
    const report = await runBulk(
      ['sent', 'later'],
      (item) => {
        if (item === 'sent') {
          controller.abort();
          return Promise.reject(new MaybeAppliedError('sent: cancelled while the change was being sent'));
        }
        return Promise.resolve('changed' as const);
      },
      { concurrency: 1, signal: controller.signal, sleep: noSleep },
    );
    assert.deepEqual(report.outcomes.map((o) => o.status), ['maybeApplied', 'cancelled']);
    assert.equal(report.maybeApplied, 1);
    assert.equal(report.cancelled, 1);
  });

  test('work can return a value with its status; the report carries it', async () => {
    const report = await runBulk(['a', 'b'], (item) => Promise.resolve({ status: item === 'a' ? ('changed' as const) : ('unchanged' as const), value: item.toUpperCase() }), {
      concurrency: 2,
    });
    assert.deepEqual(report.outcomes.map((o) => [o.status, o.value]), [['changed', 'A'], ['unchanged', 'B']]);
  });
});
