// Several engine runs in turn, reported as one (Apply Policy across registries, Protect Deployed
// Images… across policy files): progress runs on across parts, outcomes keep their order, counts
// add up and the first stop is kept.
import * as assert from 'node:assert/strict';
import { type BulkReport } from '../../src/locks/run/bulk';
import { runInTurn } from '../../src/locks/run/inTurn';
import { RegistryError } from '../../src/registry/errors';

function report(items: string[], extra: Partial<BulkReport<string>> = {}): BulkReport<string> {
  return {
    outcomes: items.map((item) => ({ item, status: 'changed' as const, attempts: 1 })),
    changed: items.length, unchanged: 0, failed: 0, cancelled: 0, maybeApplied: 0, notAttempted: 0,
    ...extra,
  };
}

suite('runs in turn, one report', () => {
  test('progress continues from the parts before; outcomes in order; counts summed; the first stop kept', async () => {
    const progress: [number, number][] = [];
    const stop = { failures: 5, error: new RegistryError('server', 'down') };
    const merged = await runInTurn(
      [['a', 'b'], ['c', 'd', 'e']],
      (part) => part.length,
      (done, total) => progress.push([done, total]),
      (part, onProgress) => {
        part.forEach((_, i) => onProgress(i + 1));
        return Promise.resolve(report(part, part.length === 3 ? { failed: 1, stopped: stop } : { unchanged: 2 }));
      },
    );
    assert.deepEqual(progress, [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    assert.deepEqual(merged.outcomes.map((o) => o.item), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(merged.changed, 5);
    assert.equal(merged.unchanged, 2);
    assert.equal(merged.failed, 1);
    assert.equal(merged.stopped, stop);
  });
});
