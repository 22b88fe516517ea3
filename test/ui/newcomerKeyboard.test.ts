// Newcomer task: the context menu by keyboard only (Shift+F10): focus the view from the palette,
// move to a tag with the arrow keys, open its menu, Lock, answer the question with the keyboard.
import * as assert from 'node:assert/strict';
import { manifestFlags, sandboxOf, screenshot, setManifest, setTag, tagFlags, UNLOCKED } from './tree';
import { useWorkbench, type Workbench } from './workbench';

suite('UI newcomer: keyboard-only context menu (Shift+F10)', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    putBack: (info) => [
      setTag(info, 'team/app', 'latest', UNLOCKED),
      setManifest(info, 'team/app', 'latest', UNLOCKED),
    ],
  });

  /**
   * The focused row of the list that has keyboard focus. Every tree in the side bar (the Azure
   * view's too, even collapsed) keeps a row marked focused; only the one in the focused list counts.
   */
  function focusedRowLocator() {
    return workbench.sidebar().locator('.monaco-list:focus-within .monaco-list-row.focused').first();
  }

  /** The accessible name of the tree row that has keyboard focus. */
  async function focusedRow(): Promise<string> {
    const focused = focusedRowLocator();
    await focused.waitFor({ timeout: 10_000 });
    return (await focused.getAttribute('aria-label')) ?? '';
  }

  /**
   * Arrow Down (expanding with Arrow Right on the way) until the focused row's name matches. Rows
   * still loading are waited for: at the last row, Arrow Down is pressed again once more appear.
   */
  async function moveTo(name: RegExp, expand: RegExp[] = []): Promise<void> {
    const deadline = Date.now() + 30_000;
    let presses = 0;
    while (Date.now() < deadline && presses < 60) {
      const label = await focusedRow();
      if (name.test(label)) {
        return;
      }
      if (expand.some((e) => e.test(label))) {
        const row = focusedRowLocator();
        if ((await row.getAttribute('aria-expanded')) === 'false') {
          await workbench.page.keyboard.press('ArrowRight');
          await workbench.page.waitForFunction(
            (el) => el?.getAttribute('aria-expanded') === 'true',
            await row.elementHandle(),
          );
        }
      }
      const index = await focusedRowLocator().getAttribute('data-index');
      await workbench.page.keyboard.press('ArrowDown');
      presses++;
      // The last row so far (children still loading): wait a little before pressing again.
      await workbench.page
        .waitForFunction(
          `document.querySelector('.part.sidebar .monaco-list:focus-within .monaco-list-row.focused')?.getAttribute('data-index') !== ${JSON.stringify(index)}`,
          undefined,
          { timeout: 1_000 },
        )
        .catch(() => undefined);
    }
    assert.fail(`no row ${name} reached by keyboard; last: ${await focusedRow()}`);
  }

  test('Shift+F10 on a tag opens its menu; Lock and the question are answered by keyboard', async () => {
    const info = sandboxOf(workbench);
    const { page } = workbench;
    const focusView = async (): Promise<void> => {
      await workbench.typeInPalette('ACR Image Locks: Focus on My Registries View', /Focus on My Registries View/);
      await workbench.quickInput().locator('.monaco-list-row.focused').filter({ hasText: 'Focus on My Registries View' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
    };
    await workbench.activityBarTab().waitFor({ timeout: 30_000 }); // the extension's contributions are in
    await focusView();
    // The first time opens the view; once its rows are there, focus it again (the keyboard still only).
    await workbench.treeItem(/^Registry /).first().waitFor({ timeout: 20_000 });
    await focusView();
    await page.waitForFunction('document.activeElement?.closest(".part.sidebar .monaco-list") !== null', undefined, { timeout: 10_000 });
    await page.keyboard.press('Home');
    await moveTo(/^Registry /);
    await moveTo(/^Repository team\/app, /, [/^Registry /]);
    await workbench.treeItem(/^Repository team\/app, (?!reading)/).first().waitFor({ timeout: 20_000 });
    await moveTo(/^Tag latest, unlocked/, [/^Repository team\/app/]);

    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu').first();
    await menu.waitFor({ timeout: 10_000 });
    await screenshot(workbench, 'newcomer-keyboard-menu');
    // The first entry of an unlocked tag's menu is Lock: Arrow Down selects it, Enter runs it.
    assert.equal((await workbench.menuLabels())[0], 'Lock');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    assert.match(await workbench.dialogText(), /Lock team\/app:latest: the tag only, or its manifest too\?/);
    // Tab from the default button (Tag Only) to "Tag and Manifest", then Enter.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    const focusedButton = (await page.locator('.monaco-dialog-box .monaco-button:focus').innerText()).trim();
    assert.equal(focusedButton, 'Tag and Manifest');
    await page.keyboard.press('Enter');
    await workbench.dialog().waitFor({ state: 'detached', timeout: 10_000 });

    await workbench.treeItem(/^Tag latest, locked, manifest locked · 94cc36f$/).waitFor({ timeout: 20_000 });
    assert.deepEqual(await tagFlags(info, 'team/app', 'latest'), { ...UNLOCKED, writeEnabled: false, deleteEnabled: false });
    assert.deepEqual(await manifestFlags(info, 'team/app', 'latest'), { ...UNLOCKED, writeEnabled: false, deleteEnabled: false });
    assert.match(await focusedRow(), /^Tag latest, locked/, 'the focus stays on the tag');
    await screenshot(workbench, 'newcomer-keyboard-done');
  });
});
