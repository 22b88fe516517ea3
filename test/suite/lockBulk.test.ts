// Lock All Tags… on 1,000 tags against a dedicated sandbox with a write-rate limit (429 +
// Retry-After) and 5 % injected faults: every tag ends locked or is reported by name in the
// summary; none is skipped silently; a second run sends no PATCH. The limit's burst (10) is
// below the bulk concurrency (16), so 429s happen however fast the machine is.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RecordingPrompts, repositoryNode, useDedicatedSandbox } from './lockSupport';

const SUMMARY = vscode.Uri.from({ scheme: 'acr-locks', path: '/bulk/last-summary.log' });

interface Summary {
  changed: number;
  unchanged: number;
  failed: number;
  cancelled: number;
  total: number;
  named: string[];
}

async function readSummary(): Promise<Summary> {
  const doc = await vscode.workspace.openTextDocument(SUMMARY);
  const text = doc.getText();
  const counts = /(\d+) changed, (\d+) already as wanted, (\d+) failed, (\d+) cancelled \(of (\d+)\)/.exec(text);
  assert.ok(counts, `summary has counts: ${text.slice(0, 300)}`);
  const named = text
    .split('\n')
    .filter((l) => l.startsWith('FAILED\t') || l.startsWith('CANCELLED\t'))
    .map((l) => l.split('\t')[1]);
  const [changed, unchanged, failed, cancelled, total] = counts.slice(1).map(Number);
  return { changed, unchanged, failed, cancelled, total, named };
}

suite('Lock commands: bulk Lock All Tags… on 1,000 tags', function () {
  this.timeout(400_000);
  const prompts = new RecordingPrompts();
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
    assert.equal(first.changed + first.unchanged + first.failed + first.cancelled, 1000, 'every tag is accounted for');
    assert.deepEqual([...first.named].sort(), unlocked.sort(), 'exactly the tags left unlocked are reported by name');
    assert.equal(first.changed, 1000 - unlocked.length);
    console.log(`bulk lock: ${first.changed} changed, ${first.failed} failed in ${seconds.toFixed(1)} s`);

    const patches = sandbox.stats.count({ method: 'PATCH', status: 200 });
    prompts.asked.length = 0;
    await vscode.commands.executeCommand('acrLocks.lockAllTags', node);
    assert.equal(sandbox.stats.count({ method: 'PATCH', status: 200 }) - patches, unlocked.length, 'the second run PATCHes only what is still unlocked');
    if (unlocked.length === 0) {
      assert.equal(prompts.asked.length, 0, 'nothing to change: no confirmation, no PATCH');
    }
  });
});
