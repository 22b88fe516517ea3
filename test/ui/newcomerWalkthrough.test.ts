// Newcomer task: the walkthrough. Its legend shows images (codicons do not render in walkthrough
// Markdown); its media pane is shown with the side bar open (VS Code hides it when the editor is
// 950 px wide or less: here a 1440 px window, the side bar at its default width); its steps tick
// when their tasks are done, before or after it was opened.
import * as assert from 'node:assert/strict';
import { expandRepository, screenshot, setManifest, setTag, tagRow, UNLOCKED } from './tree';
import { useWorkbench, type Workbench } from './workbench';

const STEPS = ['Add a registry', 'Read the lock icons', 'Lock a tag', 'Why is this protected?'];

suite('UI newcomer: the walkthrough', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.page.setViewportSize({ width: 1440, height: 900 });
    },
    putBack: (info) => [
      setTag(info, 'hello-world', 'latest', UNLOCKED),
      setManifest(info, 'hello-world', 'latest', UNLOCKED),
    ],
  });

  /** A step's button in the walkthrough page. */
  function step(title: string): ReturnType<Workbench['treeItem']> {
    return workbench.page.locator('.getting-started-step').filter({ hasText: title }).first();
  }

  /** A step's check mark (VS Code marks it `complete`, aria-checked). */
  function tick(title: string): ReturnType<Workbench['treeItem']> {
    return step(title).locator('[data-done-step-id].complete');
  }

  async function done(title: string): Promise<boolean> {
    return (await tick(title).count()) > 0;
  }

  /** Shows the walkthrough again the way VS Code offers it (not our command, which re-ticks done tasks). */
  async function showWalkthrough(): Promise<void> {
    const { page } = workbench;
    await workbench.typeInPalette('Welcome: Open Walkthrough', /Open Walkthrough/);
    await workbench.quickInput().locator('.monaco-list-row.focused').filter({ hasText: 'Open Walkthrough' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.keyboard.type('Lock images in Azure');
    await workbench.quickInput().locator('.monaco-list-row.focused').filter({ hasText: 'Lock images in Azure' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await step('Lock a tag').waitFor({ timeout: 20_000 });
  }

  test('tasks done before it opens are ticked; the legend is images in a visible media pane', async () => {
    // Tasks done first: a registry is configured (the UI settings), the lock icons are shown.
    await workbench.openRegistries();
    await workbench.resizeSidebar(300);
    await expandRepository(workbench, 'hello-world');
    await workbench.runCommand('ACR Image Locks: Open the Walkthrough');
    await step('Read the lock icons').waitFor({ timeout: 20_000 });
    for (const title of STEPS) {
      await step(title).waitFor({ timeout: 10_000 });
    }
    await tick('Add a registry').waitFor({ timeout: 10_000 });
    await tick('Read the lock icons').waitFor({ timeout: 10_000 });
    assert.ok(!(await done('Lock a tag')), 'not done yet');

    await step('Read the lock icons').click();
    const media = workbench.page.frameLocator('.getting-started-media iframe.webview.ready').frameLocator('iframe#active-frame');
    const legend = media.getByRole('img', { name: 'red lock' });
    await legend.waitFor({ timeout: 20_000 });
    assert.ok(await workbench.page.locator('.getting-started-media').first().isVisible(), 'the media pane is shown beside the steps');
    const text = await media.locator('body').innerText();
    assert.ok(!text.includes('$('), `no codicon syntax left as text: ${text.slice(0, 200)}`);
    for (const alt of ['red lock', 'orange shield', 'yellow small lock', 'red circle with a slash', 'purple closed eye', 'blue pin', 'grey open lock']) {
      const image = media.getByRole('img', { name: alt });
      const loaded = await image.evaluate((el) => {
        const img = el as unknown as { complete: boolean; naturalWidth: number };
        return img.complete && img.naturalWidth > 0;
      });
      assert.ok(loaded, `the ${alt} image is shown`);
    }
    await screenshot(workbench, 'newcomer-walkthrough-legend');
  });

  test('locking a tag and asking why tick their steps while it is open', async () => {
    // The walkthrough stays open in the editor; the tree is beside it.
    const latest = tagRow(workbench, 'latest', '5eb8bff');
    await latest.waitFor({ timeout: 20_000 });
    await workbench.chooseFromContextMenu(latest, 'Lock');
    await workbench.dialogText();
    await workbench.answerDialog('Tag Only');
    await workbench.treeItem(/^Tag latest, locked · 5eb8bff$/).waitFor({ timeout: 20_000 });
    await showWalkthrough();
    await tick('Lock a tag').waitFor({ timeout: 10_000 });
    // The walkthrough opens its next step (taking the focus); then back to the tree.
    await workbench.page.locator('.getting-started-step.expanded').filter({ hasText: 'Why is this protected?' }).waitFor({ timeout: 10_000 });
    await workbench.treeItem(/^Tag latest, locked · 5eb8bff$/).first().click();

    await workbench.chooseFromContextMenu(workbench.treeItem(/^Tag latest, locked · 5eb8bff$/).first(), 'Why Is This Protected?');
    await workbench.webview().getByRole('heading', { name: /Why is hello-world:latest protected\?/ }).waitFor({ timeout: 20_000 });
    await showWalkthrough();
    await tick('Why is this protected?').waitFor({ timeout: 10_000 });
    for (const title of STEPS) {
      assert.ok(await done(title), `${title} is ticked`);
    }
    await screenshot(workbench, 'newcomer-walkthrough-done');
  });
});
