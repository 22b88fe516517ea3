// Newcomer task: Lock from the command palette only. "ACR Image Locks: Lock" + Enter runs Lock
// (not Edit Attributes…); every pick shows lock state; the tag pick starts on a tag, not on the
// whole repository; the result is confirmed in words.
import * as assert from 'node:assert/strict';
import { manifestFlags, sandboxOf, screenshot, setManifest, setTag, tagFlags, UNLOCKED } from './tree';
import { useWorkbench, type Workbench } from './workbench';

suite('UI newcomer: Lock from the command palette only', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      // The extension's contributions are in (its commands are in the palette).
      await workbench.activityBarTab().waitFor({ timeout: 30_000 });
    },
    putBack: (info) => [
      setTag(info, 'team/app', 'latest', UNLOCKED),
      setManifest(info, 'team/app', 'latest', UNLOCKED),
    ],
  });

  test('Lock, by keyboard in the palette: picks with lock state, a tag first, then "Tag Only", then a confirmation', async () => {
    const info = sandboxOf(workbench);
    const { page } = workbench;
    // F1 opens the palette with ">" typed; the text is typed key by key, as a user does.
    await workbench.typeInPalette('ACR Image Locks: Lock', /^ACR Image Locks: /);
    const rows = await workbench.quickPickRows();
    await screenshot(workbench, 'newcomer-palette-lock');
    assert.match(rows[0] ?? '', /^ACR Image Locks: Lock\b(?! All| Manifest)/, `the first match is Lock itself: ${JSON.stringify(rows)}`);
    assert.ok(!rows.some((r) => r.includes('Edit Lock Attributes')), 'Edit Attributes… does not match "Lock"');
    await page.keyboard.press('Enter');

    // One registry: straight to the repository pick, with each repository's state.
    await workbench.waitForQuickInput(/^Repository in /);
    const repositories = await workbench.quickPickRows();
    assert.ok(repositories.some((r) => /^locked-repo\s*locked/.test(r)), `repository states: ${JSON.stringify(repositories)}`);
    assert.ok(repositories.some((r) => /^team\/app\s*unlocked/.test(r)), JSON.stringify(repositories));
    await page.keyboard.type('team/app');
    await page.keyboard.press('Enter');

    await workbench.waitForQuickInput('Tag in team/app');
    const tags = await workbench.quickPickRows();
    assert.match(tags[0] ?? '', /^latest\s*unlocked · 94cc36f/, `a tag comes first, with its state: ${JSON.stringify(tags)}`);
    assert.ok(tags.some((t) => /^1\.0\s*pulls blocked/.test(t)));
    assert.match(tags.at(-1) ?? '', /The whole repository team\/app\s*unlocked/, 'the repository itself comes last');
    const focused = (await workbench.quickInput().locator('.monaco-list-row.focused').innerText()).trim();
    assert.match(focused, /^latest/, 'Enter takes the tag, not the repository');
    await screenshot(workbench, 'newcomer-palette-tags');
    await page.keyboard.press('Enter');

    assert.match(await workbench.dialogText(), /Lock team\/app:latest: the tag only, or its manifest too\?/);
    await page.keyboard.press('Enter'); // the default button: Tag Only
    await workbench.dialog().waitFor({ state: 'detached', timeout: 10_000 });
    await workbench.toast(/Lock: team\/app:latest is now locked\./);
    await screenshot(workbench, 'newcomer-palette-done');
    assert.deepEqual(await tagFlags(info, 'team/app', 'latest'), { ...UNLOCKED, writeEnabled: false, deleteEnabled: false });
    assert.deepEqual(await manifestFlags(info, 'team/app', 'latest'), UNLOCKED);
  });

});
