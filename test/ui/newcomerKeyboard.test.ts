// Newcomer task: the context menu by keyboard only (Shift+F10): focus the view from the palette,
// move to a tag with the arrow keys, open its menu, Lock, answer the question with the keyboard.
import * as assert from 'node:assert/strict';
import { manifestFlags, sandboxOf, screenshot, setManifest, setTag, tagFlags, UNLOCKED } from './tree';
import { useWorkbench, type Workbench } from './workbench';

suite('UI newcomer: keyboard-only context menu (Shift+F10)', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    restore: async () => {
      const info = workbench?.ui.sandbox;
      if (info) {
        await setTag(info, 'team/app', 'latest', UNLOCKED).catch(() => undefined);
        await setManifest(info, 'team/app', 'latest', UNLOCKED).catch(() => undefined);
      }
    },
  });

  /** The accessible name of the tree row that has keyboard focus. */
  async function focusedRow(): Promise<string> {
    const focused = workbench.sidebar().locator('.monaco-list-row.focused').first();
    await focused.waitFor({ timeout: 10_000 });
    return (await focused.getAttribute('aria-label')) ?? '';
  }

  /** Arrow Down (expanding with Arrow Right on the way) until the focused row's name matches. */
  async function moveTo(name: RegExp, expand: RegExp[] = []): Promise<void> {
    for (let i = 0; i < 40; i++) {
      const label = await focusedRow();
      if (name.test(label)) {
        return;
      }
      if (expand.some((e) => e.test(label))) {
        const row = workbench.sidebar().locator('.monaco-list-row.focused').first();
        if ((await row.getAttribute('aria-expanded')) === 'false') {
          await workbench.page.keyboard.press('ArrowRight');
          await workbench.page.waitForFunction(
            (el) => el?.getAttribute('aria-expanded') === 'true',
            await row.elementHandle(),
          );
        }
      }
      await workbench.page.keyboard.press('ArrowDown');
    }
    assert.fail(`no row ${name} reached by keyboard; last: ${await focusedRow()}`);
  }

  test('Shift+F10 on a tag opens its menu; Lock and the question are answered by keyboard', async () => {
    const info = sandboxOf(workbench);
    const { page } = workbench;
    const focusView = async (): Promise<void> => {
      await workbench.openPalette();
      await page.keyboard.type('ACR Image Locks: Focus on My Registries View');
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
