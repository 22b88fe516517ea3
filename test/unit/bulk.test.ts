import * as assert from 'node:assert/strict';
import { backoffDelay, runBulk } from '../../src/registry/bulk';
import { RegistryError } from '../../src/registry/errors';

const noSleep = (): Promise<void> => Promise.resolve();

suite('runBulk', () => {
  test('reports every item, retries transient failures and never exceeds the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const attempts = new Map<number, number>();
    const items = Array.from({ length: 50 }, (_, i) => i);
    const report = await runBulk(
      items,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1));
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

  test('backs off exponentially with jitter, capped', () => {
    assert.equal(backoffDelay(1, 1000, 30000, () => 0), 500);
    assert.equal(backoffDelay(1, 1000, 30000, () => 1), 1000);
    assert.equal(backoffDelay(3, 1000, 30000, () => 1), 4000);
    assert.equal(backoffDelay(10, 1000, 30000, () => 1), 30000);
  });
});
