// End-to-end: the packaged extension installed in code-server, driven in Chromium.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../runner/paths';
import { VIEW_TITLE, Workbench } from './workbench';

/** Entries the manifest contributes to the context menu of tree rows. */
function treeItemMenus(): unknown[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes?: { menus?: Record<string, unknown[]> };
  };
  return manifest.contributes?.menus?.['view/item/context'] ?? [];
}

suite('UI: ACR Image Locks view', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await Workbench.open();
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed') {
      await workbench.screenshot(`FAILED-${this.currentTest.title}`);
    }
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('the activity bar shows the ACR Image Locks container with its lock icon', async () => {
    const tab = workbench.activityBarTab();
    await tab.waitFor();
    assert.equal(await tab.count(), 1);
    assert.equal(await tab.locator('.codicon-lock').count(), 1);
  });

  test('opening it shows the Registries view', async () => {
    const sidebar = await workbench.openView();
    assert.equal(await workbench.activityBarTab().getAttribute('aria-selected'), 'true');
    const title = await sidebar.locator('.composite.title').innerText();
    assert.match(title, /ACR Image Locks/i);
    assert.match(title, /Registries/i);
    await workbench.screenshot('01-view-open');
  });

  test('the tree lists the sandbox registries from the user settings', async () => {
    const expected = workbench.ui.sandbox?.registries.map((r) => r.loginServer) ?? [];
    assert.ok(expected.length > 0, 'runUi starts the sandbox with demo data');
    const labels = await workbench.treeLabels(expected.length);
    for (const loginServer of expected) {
      assert.ok(labels.some((label) => label.includes(loginServer)), `no tree row for ${loginServer} in ${JSON.stringify(labels)}`);
    }
    await workbench.screenshot('02-registries');
  });

  test('a registry row has a context menu', async function () {
    if (treeItemMenus().length === 0) {
      // Reported as skipped in every summary until package.json contributes view/item/context menus.
      console.log('      (skipped: package.json contributes no view/item/context menu entries yet)');
      this.skip();
    }
    const loginServer = workbench.ui.sandbox?.registries[0]?.loginServer ?? '';
    const row = workbench.treeItem(new RegExp(loginServer.replace(/\./g, '\\.')));
    await workbench.contextMenu(row.first());
    const labels = await workbench.menuLabels();
    await workbench.screenshot('03-registry-context-menu');
    await workbench.closeMenus();
    assert.ok(labels.length > 0, 'the context menu has entries');
  });

  test('the activity-bar context menu offers to hide the container', async () => {
    await workbench.contextMenu(workbench.activityBarTab());
    const hide = workbench.menuItem(`Hide '${VIEW_TITLE}'`);
    await hide.waitFor({ timeout: 10_000 });
    await workbench.screenshot('04-activity-bar-context-menu');
    await workbench.closeMenus();
    await hide.waitFor({ state: 'detached', timeout: 5_000 });
  });
});
