// Newcomer task: Lock All Tags with a pattern. Asked with the counts first; the rows follow the
// run; the summary is short enough to read and no stale progress notification stays beside it;
// the repository row does not stay "reading locks…".
import * as assert from 'node:assert/strict';
import { expandRepository, icon, row, sandboxOf, screenshot, setTag, tagFlags, tagRow } from './tree';
import { useWorkbench, type Workbench } from './workbench';
import { sandboxControl } from '../runner/sandbox';

const REPO = 'hello-world';

suite('UI newcomer: Lock All Tags with a pattern', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openRegistries();
      await workbench.resizeSidebar(420);
    },
    putBack: (info) => [
      // The demo data: v2 delete-protected, v3 write-protected.
      setTag(info, REPO, 'v2', { writeEnabled: true, deleteEnabled: false }),
      setTag(info, REPO, 'v3', { writeEnabled: false, deleteEnabled: true }),
    ],
  });

  test('Lock All Tags… with v* locks the matching tags, redraws them, and says so in one short line', async () => {
    const info = sandboxOf(workbench);
    const repository = await expandRepository(workbench, REPO);
    await tagRow(workbench, 'v2', 'faa07a8').waitFor({ timeout: 20_000 });
    await workbench.contextMenu(repository);
    await workbench.chooseMenuItem('Lock All Tags…');
    await workbench.fillInput('v*');
    await screenshot(workbench, 'newcomer-bulk-pattern');
    await workbench.page.keyboard.press('Enter');

    const text = await workbench.dialogText();
    assert.match(text, /Lock All Tags: change 2 of 3 tags matching v\* in hello-world\?/, 'v1 already is locked');
    // The registry holds the run's changes as they arrive: the progress is on screen, mid-run, for as
    // long as the test looks at it (not only if the run happens to be slow enough).
    const patches = sandboxControl().hold('PATCH', `/acr/v1/${REPO}/_tags/`);
    try {
      await workbench.answerDialog('Lock All Tags');
      const first = await patches.next();
      assert.match(first.path, /_tags\/v[23]$/);
      const running = await workbench.toast(/Lock All Tags in hello-world: \d+ of 3/);
      const shown = await running.innerText();
      assert.match(shown, /Lock All Tags in hello-world: [0-2] of 3/, `the progress counts the run as it goes: ${shown}`);
      await screenshot(workbench, 'newcomer-bulk-progress');
    } finally {
      await patches.end();
    }

    for (const [tag, digest] of [['v2', 'faa07a8'], ['v3', '4b0b40d']]) {
      const locked = tagRow(workbench, tag, digest).and(workbench.treeItem(/, locked · /));
      await locked.waitFor({ timeout: 20_000 });
      assert.deepEqual((await icon(locked)).codicons, ['codicon-lock'], tag);
      assert.deepEqual(await tagFlags(info, REPO, tag), { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true });
    }
    assert.equal((await tagFlags(info, REPO, 'latest')).writeEnabled, true, 'latest does not match v*');

    const summary = await workbench.toast(/Lock All Tags in hello-world: 2 changed, 1 already as wanted\./);
    // A progress notification still shown beside it (VS Code keeps one at least 0.8 s) has the final count, not "0 of 3".
    const stale = workbench.toasts().filter({ hasText: /Lock All Tags in hello-world: [0-2] of 3/ });
    assert.equal(await stale.count(), 0, 'no progress with a count short of the end beside the summary');
    // The progress notification is gone once the summary shows (VS Code keeps one at least 0.8 s).
    await workbench.toasts().filter({ hasText: / of 3/ }).first().waitFor({ state: 'detached', timeout: 5_000 });
    // Short enough to read whole: the message is not cut off.
    const message = summary.locator('.notification-list-item-message').first();
    const cut = await message.evaluate((el) => {
      const e = el as unknown as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
      return e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 2;
    });
    assert.ok(!cut, 'the summary is not cut off');
    await screenshot(workbench, 'newcomer-bulk-summary');
    assert.equal(await workbench.treeItem(/^Repository hello-world, reading locks/).count(), 0, 'the repository row keeps its locks');
    await row(workbench, 'Repository', REPO, ' unlocked · 5 tags').waitFor({ timeout: 10_000 });
  });
});
