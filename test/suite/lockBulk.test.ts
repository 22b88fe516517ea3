// Lock All Tags… on 1,000 tags against a dedicated sandbox with a write-rate limit (429 +
// Retry-After) and 5 % injected faults: every tag ends locked or is reported by name in the
// summary; none is skipped silently; a second run sends no PATCH. The limit's burst (10) is
// below the bulk concurrency (16), so 429s happen however fast the machine is.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RecordingUi, repositoryNode, useDedicatedSandbox } from './lockSupport';

const SUMMARY = vscode.Uri.from({ scheme: 'acr-locks', path: '/bulk/last-summary.log' });

interface Summary {
  changed: number;
  unchanged: number;
  failed: number;
  cancelled: number;
  maybeApplied: number;
  notAttempted: number;
  total: number;
  named: string[];
}

async function readSummary(): Promise<Summary> {
  const doc = await vscode.workspace.openTextDocument(SUMMARY);
  const text = doc.getText();
  const counts = /(\d+) changed, (\d+) already as wanted, (\d+) failed, (\d+) cancelled, (\d+) may have been applied, (\d+) not attempted \(of (\d+)\)/.exec(text);
  assert.ok(counts, `summary has counts: ${text.slice(0, 300)}`);
  const named = text
    .split('\n')
    .filter((l) => /^(FAILED|CANCELLED|MAYBE APPLIED|NOT ATTEMPTED)\t/.test(l))
    .map((l) => l.split('\t')[1]);
  const [changed, unchanged, failed, cancelled, maybeApplied, notAttempted, total] = counts.slice(1).map(Number);
  return { changed, unchanged, failed, cancelled, maybeApplied, notAttempted, total, named };
}

suite('Lock commands: bulk Lock All Tags… on 1,000 tags', function () {
  this.timeout(400_000);
  const prompts = new RecordingUi();
  const dedicated = useDedicatedSandbox(
    { seed: 'large:1000', writeLimitPerMin: 6000, limitBurst: 10, faultRate: 0.05, faultSeed: 7 },
    prompts,
    { confirmChanges: true, bulkConcurrency: 16 },
  );

  test('every tag ends locked or reported by name; a second run changes nothing', async () => {
    const { sandbox, registry, name } = dedicated.box;
    const node = repositoryNode(registry, 'big');
    prompts.inputText = '';
    const started = Date.now();
    await vscode.commands.executeCommand('acrLocks.lockAllTags', node);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `bulk lock run 1: ${seconds.toFixed(1)} s; 429: ${sandbox.stats.count({ fault: 'throttle' })}, 5xx: ${sandbox.stats.count({ fault: 'error' })}, resets: ${sandbox.stats.count({ fault: 'reset' })}, PATCH 200: ${sandbox.stats.count({ method: 'PATCH', status: 200 })}`,
    );

    const confirm = prompts.asked.at(-1);
    assert.ok(confirm?.message.includes('1000'), `the confirmation names the count: ${confirm?.message ?? '(none)'}`);
    assert.ok(sandbox.stats.count({ fault: 'throttle' }) > 0, 'the write limit was hit (429) and honoured');
    assert.ok(sandbox.stats.count({ fault: 'error' }) + sandbox.stats.count({ fault: 'reset' }) > 0, 'faults were injected');

    const tags = sandbox.control.listTags(name, 'big');
    assert.equal(tags.length, 1000);
    const unlocked = tags.filter((t) => t.changeableAttributes.writeEnabled || t.changeableAttributes.deleteEnabled).map((t) => `big:${t.name}`);
    const first = await readSummary();
    assert.equal(first.total, 1000);
    assert.equal(first.changed + first.unchanged + first.failed + first.cancelled + first.maybeApplied + first.notAttempted, 1000, 'every tag is accounted for');
    assert.equal(first.cancelled + first.maybeApplied, 0, 'nothing was cancelled');
    assert.deepEqual([...first.named].sort(), unlocked.sort(), 'exactly the tags left unlocked are reported by name');
    assert.equal(first.changed, 1000 - unlocked.length);
    console.log(`bulk lock: ${first.changed} changed, ${first.failed} failed in ${seconds.toFixed(1)} s`);

    // The second run: only what is still unlocked is confirmed and sent (faults off, so it all succeeds).
    sandbox.control.setFaults({ faultRate: 0, writeLimitPerMin: 0 });
    const patches = sandbox.stats.count({ method: 'PATCH', status: 200 });
    prompts.reset();
    await vscode.commands.executeCommand('acrLocks.lockAllTags', node);
    assert.equal(sandbox.stats.count({ method: 'PATCH', status: 200 }) - patches, unlocked.length, 'the second run PATCHes only what is still unlocked');
    assert.equal(prompts.asked.length, unlocked.length === 0 ? 0 : 1, 'a confirmation only when something is left to change');
    const nothingLeft = prompts.notified.filter((n) => n.level === 'info' && /already are as wanted; nothing to change/.test(n.message));
    assert.equal(nothingLeft.length, unlocked.length === 0 ? 1 : 0, 'says so when nothing is left to change');
    assert.equal(sandbox.control.listTags(name, 'big').filter((t) => t.changeableAttributes.writeEnabled || t.changeableAttributes.deleteEnabled).length, 0, 'every tag is locked now');
  });
});
