// End-to-end: the packaged extension installed in code-server, driven in Chromium.
import * as assert from 'node:assert/strict';
import { VIEW_TITLE, Workbench } from './workbench';

suite('UI: ACR Image Locks view', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await Workbench.open();
  });

  suiteTeardown(async () => {
    await workbench?.close();
  });

  test('the activity bar shows the ACR Image Locks container', async () => {
    const tab = workbench.activityBarTab();
    await tab.waitFor();
    assert.match((await tab.getAttribute('aria-label')) ?? '', new RegExp(VIEW_TITLE));
  });

  test('opening it shows the registries view', async () => {
    const sidebar = await workbench.openView();
    const title = await sidebar.locator('.composite.title').innerText();
    assert.match(title, /ACR Image Locks/i);
    const header = sidebar.locator('.pane-header').filter({ hasText: /Registries/i });
    await header.first().waitFor({ timeout: 15_000 });
    assert.equal(await workbench.activityBarTab().getAttribute('aria-selected'), 'true');
    await workbench.screenshot('01-view-open');
  });

  test('the activity-bar context menu offers to hide the container', async () => {
    await workbench.contextMenu(workbench.activityBarTab());
    const hide = workbench.menuItem(new RegExp(`Hide '?${VIEW_TITLE}`));
    await hide.waitFor({ timeout: 10_000 });
    await workbench.screenshot('02-activity-bar-context-menu');
    await workbench.closeMenus();
    assert.equal(await hide.count(), 0, 'Escape closes the context menu');
  });
});
