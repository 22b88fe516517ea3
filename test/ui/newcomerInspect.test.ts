// Newcomer task: Show Attributes and Copy az Command. The sandbox is reached as localhost:PORT,
// which az cannot address (it reaches registries only as <name>.azurecr.io): Copy az Command says
// so instead of copying a command az rejects, and offers a template (test/sandbox/azCommand.test.ts
// runs the commands for *.azurecr.io with the real az).
import * as assert from 'node:assert/strict';
import { sandboxLoginServer } from '../runner/sandboxInfo';
import { eventually, expandRepository, sandboxOf, screenshot, tagRow } from './tree';
import { useWorkbench, type Workbench } from './workbench';

suite('UI newcomer: Show Attributes and Copy az Command', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await workbench.openRegistries();
      await workbench.resizeSidebar(420);
    },
  });

  test('Show Attributes opens the JSON az acr repository show would print', async () => {
    await expandRepository(workbench, 'hello-world');
    const v2 = tagRow(workbench, 'v2', 'faa07a8');
    await v2.waitFor({ timeout: 20_000 });
    await workbench.contextMenu(v2);
    await workbench.chooseMenuItem('Show Attributes');
    const editor = workbench.page.locator('.editor-instance .view-lines').first();
    await editor.getByText('"changeableAttributes"').waitFor({ timeout: 20_000 });
    const text = (await editor.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /"imageName": "hello-world"/);
    assert.match(text, /"deleteEnabled": false/);
    assert.match(text, /"name": "v2"/);
    await workbench.page.locator('.tabs-container .tab.active').filter({ hasText: 'hello-world_v2.json' }).waitFor({ timeout: 5_000 });
    await screenshot(workbench, 'newcomer-show-attributes');
  });

  test('with its document open, the palette has one "Refresh" and one "Refresh Document"', async () => {
    const { page } = workbench;
    await workbench.typeInPalette('ACR Image Locks: Refresh', /^ACR Image Locks: Refresh Document/);
    const rows = await workbench.quickPickRows();
    await page.keyboard.press('Escape');
    const label = (r: string): string => r.replace(/ (recently used|similar commands|other commands)$/, '');
    assert.equal(rows.filter((r) => label(r) === 'ACR Image Locks: Refresh').length, 1, JSON.stringify(rows));
    assert.equal(rows.filter((r) => label(r) === 'ACR Image Locks: Refresh Document').length, 1, JSON.stringify(rows));
  });

  test('Copy az Command on a localhost:PORT registry says why no az command exists, and Copy Template copies one to fill in', async () => {
    const loginServer = sandboxLoginServer(sandboxOf(workbench));
    await workbench.page.evaluate('navigator.clipboard.writeText("unchanged")');
    const v2 = tagRow(workbench, 'v2', 'faa07a8');
    await workbench.contextMenu(v2);
    await workbench.chooseMenuItem('Copy az Command');
    const toast = await workbench.toast(new RegExp(`No az command exists for ${loginServer.replace(/[.:]/g, '\\$&')}`));
    assert.match(await toast.innerText(), /it would try .*\.azurecr\.io/);
    await toast.getByRole('button', { name: 'Copy Template' }).waitFor();
    await workbench.settled(toast); // the toast's slide-in, for the picture only
    assert.equal(await workbench.page.evaluate('navigator.clipboard.readText()'), 'unchanged', 'nothing az would reject was copied');
    await screenshot(workbench, 'newcomer-copy-az');
    await toast.getByRole('button', { name: 'Copy Template' }).click();
    const copied = await eventually(async () => {
      const text = String(await workbench.page.evaluate('navigator.clipboard.readText()'));
      assert.notEqual(text, 'unchanged', 'nothing copied yet');
      return text;
    }, 'Copy Template copies the template', 5_000).catch(() => 'unchanged');
    assert.equal(
      copied,
      'az acr repository update --name REGISTRY-NAME --image hello-world:v2 --write-enabled true --delete-enabled false --read-enabled true --list-enabled true',
    );
  });
});
