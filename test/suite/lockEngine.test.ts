// The lock engine's bulk behaviour through the commands, on a dedicated sandbox of 200 tags:
// a second run on the same repository waits for the first and then reports what it changed (no
// stale "already as wanted"); a cancelled run names every tag and sends nothing; a registry that
// keeps failing stops the run, and the rest is reported "not attempted" by name and never sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RecordingUi, repositoryNode, tagNode, useDedicatedSandbox } from './lockSupport';

const TAGS = 200;

/** The summary the run's "Show Failures" action opened (the UI double chose it). */
function shownSummary(): { text: string; byStatus: Map<string, string[]> } {
  const document = vscode.window.activeTextEditor?.document;
  assert.match(document?.uri.path ?? '', /^\/bulk\/summary-\d+\.log$/, 'Show Failures opened the run\'s summary');
  const text = document?.getText() ?? '';
  const byStatus = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [status, name] = line.split('\t');
    if (name !== undefined && /^(FAILED|CANCELLED|MAYBE APPLIED|NOT ATTEMPTED)$/.test(status)) {
      byStatus.set(status, [...(byStatus.get(status) ?? []), name]);
    }
  }
  return { text, byStatus };
}

suite('Lock engine: bulk runs through the commands', function () {
  this.timeout(240_000);
  const ui = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: `large:${TAGS}` }, ui, { confirmChanges: true, bulkConcurrency: 4 });

  setup(() => {
    ui.reset();
    ui.inputText = '';
    ui.answer = (actions) => actions[0];
    ui.onProgress = undefined;
    ui.onProgressReport = undefined;
    ui.notificationAnswer = (level, actions) => (level === 'warn' ? actions.find((a) => a === 'Show Failures') : undefined);
  });

  function lockedCount(): number {
    const { sandbox, name } = dedicated.box;
    return sandbox.control.listTags(name, 'big').filter((t) => !t.changeableAttributes.writeEnabled && !t.changeableAttributes.deleteEnabled).length;
  }

  test('a second run on the same repository waits for the first, then reports what it changed, not stale "already as wanted"', async () => {
    const node = repositoryNode(dedicated.box.registry, 'big');
    let second: Thenable<unknown> | undefined;
    ui.answer = (actions, message) => {
      if (second === undefined && message.startsWith('Lock All Tags')) {
        // Started while the first run holds the repository (its confirmation is being asked).
        second = vscode.commands.executeCommand('acrLocks.unlockAllTags', node);
      }
      return actions[0];
    };
    await vscode.commands.executeCommand('acrLocks.lockAllTags', node);
    assert.ok(second, 'the second run was started');
    await second;

    const reading = ui.progress.filter((p) => p.title === 'Reading the tags of big…');
    assert.equal(reading.length, 2);
    assert.ok(reading[1].messages.includes('Waiting for another change to big to finish…'), `the second run said it waits: ${reading[1].messages.join(' | ')}`);
    assert.deepEqual(
      ui.asked.map((a) => a.message),
      [`Lock All Tags: change ${TAGS} of ${TAGS} tags in big?`, `Unlock All Tags: change ${TAGS} of ${TAGS} tags in big?`],
      'the second run listed the tags after the first had locked them',
    );
    const results = ui.notified.filter((n) => n.level === 'info').map((n) => n.message);
    // Short notifications (the full counts are in the summary document and the log).
    assert.deepEqual(results, [`Lock All Tags in big: ${TAGS} changed.`, `Unlock All Tags in big: ${TAGS} changed.`]);
    assert.equal(lockedCount(), 0, 'the later run wins: every tag is unlocked');
  });

  test('cancelling a run before anything is sent names every tag as cancelled and sends nothing', async () => {
    const { sandbox } = dedicated.box;
    ui.onProgress = (title, cancel) => {
      if (title === 'Lock All Tags in big') {
        cancel.abort();
      }
    };
    const patches = sandbox.stats.count({ method: 'PATCH' });
    await vscode.commands.executeCommand('acrLocks.lockAllTags', repositoryNode(dedicated.box.registry, 'big'));
    await dedicated.api.whenIdle();
    assert.equal(sandbox.stats.count({ method: 'PATCH' }) - patches, 0, 'no PATCH was sent');
    const { byStatus } = shownSummary();
    assert.equal(byStatus.get('CANCELLED')?.length, TAGS, 'every tag is named as cancelled');
    const warning = ui.notified.find((n) => n.level === 'warn');
    assert.ok(warning?.message.includes(`${TAGS} cancelled`), warning?.message);
    assert.deepEqual(warning?.actions, ['Show Failures']);
    assert.equal(lockedCount(), 0);
  });

  test('a registry that keeps failing stops the run: the rest is not attempted, by name, and never sent', async () => {
    const { sandbox } = dedicated.box;
    ui.answer = (actions) => {
      // After the listing, every request fails (5xx or a dropped connection).
      sandbox.control.setFaults({ faultRate: 1 });
      return actions[0];
    };
    sandbox.stats.reset();
    try {
      await vscode.commands.executeCommand('acrLocks.lockAllTags', repositoryNode(dedicated.box.registry, 'big'));
      await dedicated.api.whenIdle();
    } finally {
      sandbox.control.setFaults({ faultRate: 0 });
    }
    assert.deepEqual(ui.errors, [], 'the run itself did not fail');
    const { text, byStatus } = shownSummary();
    const failed = byStatus.get('FAILED') ?? [];
    const notAttempted = byStatus.get('NOT ATTEMPTED') ?? [];
    assert.match(text, /Stopped after 5 consecutive failures of the registry/);
    assert.ok(failed.length >= 1 && failed.length <= 8, `only the items under way failed: ${failed.length}`);
    assert.equal(failed.length + notAttempted.length, TAGS, 'every tag is named');
    const sentTo = new Set(sandbox.stats.filter({ method: 'PATCH' }).map((r) => `big:${decodeURIComponent(r.path.split('/').at(-1) ?? '')}`));
    assert.deepEqual(notAttempted.filter((name) => sentTo.has(name)), [], 'a tag reported not attempted was never sent');
    assert.equal(lockedCount(), 0);
  });

  test('a PATCH the registry ignores is reported failed by name, with what it answered (one tag and a bulk run)', async () => {
    const { sandbox, registry } = dedicated.box;
    sandbox.control.setHostile('ignorePatch');
    try {
      await vscode.commands.executeCommand('acrLocks.lock', await tagNode(dedicated.api, registry, 'big', 't00001'));
      assert.deepEqual(
        ui.errors.map((e) => e.message),
        ['The registry did not apply the change to big:t00001: asked for writeEnabled=false, deleteEnabled=false, it answered writeEnabled=true, deleteEnabled=true. Refresh and check its locks.'],
      );
      ui.inputText = 't0000?';
      await vscode.commands.executeCommand('acrLocks.lockAllTags', repositoryNode(registry, 'big'));
      await dedicated.api.whenIdle();
    } finally {
      sandbox.control.setHostile(undefined);
    }
    const { text, byStatus } = shownSummary();
    assert.deepEqual(byStatus.get('FAILED'), Array.from({ length: 9 }, (_, i) => `big:t0000${i + 1}`));
    assert.match(text, /0 changed, 0 already as wanted, 9 failed/);
    assert.match(text, /FAILED\tbig:t00005\tThe registry did not apply the change to big:t00005: asked for writeEnabled=false, deleteEnabled=false, it answered writeEnabled=true, deleteEnabled=true\./);
    assert.equal(lockedCount(), 0);
  });

  test('a 100,000 s Retry-After is shown in the progress, capped at a minute, and Cancel ends the run at once', async () => {
    const { sandbox, registry } = dedicated.box;
    ui.answer = (actions) => {
      // After the listing, the registry answers everything with 429 and Retry-After: 100000.
      sandbox.control.setHostile('hugeRetryAfter');
      return actions[0];
    };
    ui.onProgressReport = (title, message, cancel) => {
      if (title === 'Lock All Tags in big' && message.includes('The registry asked to wait')) {
        cancel.abort();
      }
    };
    try {
      await vscode.commands.executeCommand('acrLocks.lockAllTags', repositoryNode(registry, 'big'));
      await dedicated.api.whenIdle();
    } finally {
      sandbox.control.setHostile(undefined);
    }
    const run = ui.progress.find((p) => p.title === 'Lock All Tags in big');
    assert.ok(
      run?.messages.some((m) => m.endsWith('The registry asked to wait 100000 s; waiting 60 s (at most a minute), then retrying. Cancel to stop.')),
      `the wait is in the progress: ${run?.messages.join(' | ')}`,
    );
    const { byStatus } = shownSummary();
    const cancelled = byStatus.get('CANCELLED')?.length ?? 0;
    // PATCHes still on the wire when Cancel came (at most the other workers') may have been applied.
    const maybe = byStatus.get('MAYBE APPLIED')?.length ?? 0;
    assert.ok(maybe <= 3, `at most the other in-flight changes may have been applied: ${maybe}`);
    assert.equal(cancelled + maybe, TAGS, 'cancelled during the wait: every tag named');
    assert.deepEqual([...byStatus.keys()].filter((k) => k !== 'CANCELLED' && k !== 'MAYBE APPLIED'), []);
    assert.equal(lockedCount(), 0, 'the registry applied nothing (it answered 429 to all)');
  });
});
