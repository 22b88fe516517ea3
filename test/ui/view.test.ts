// End-to-end: the packaged extension installed in code-server, driven in Chromium.
import * as assert from 'node:assert/strict';
import { sandboxLoginServer } from '../runner/sandboxInfo';
import { eventually } from './tree';
import { VIEW_TITLE, useWorkbench, type Workbench } from './workbench';

suite('UI: ACR Image Locks view', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened));

  function loginServer(): string {
    const sandbox = workbench.ui.sandbox;
    assert.ok(sandbox, 'runUi starts the sandbox with demo data');
    return sandboxLoginServer(sandbox);
  }

  function registryRow(): ReturnType<Workbench['treeItem']> {
    return workbench.treeItem(new RegExp(loginServer().replace(/[.:]/g, '\\$&'))).first();
  }

  test('the activity bar shows the ACR Image Locks container with its lock icon', async () => {
    const tab = workbench.activityBarTab();
    await tab.waitFor();
    assert.equal(await tab.count(), 1);
    assert.equal(await tab.locator('.codicon-lock').count(), 1);
  });

  test('opening it shows the view, its title not cut off', async () => {
    const sidebar = await workbench.openView();
    assert.equal(await workbench.activityBarTab().getAttribute('aria-selected'), 'true');
    const title = await sidebar.locator('.composite.title').innerText();
    assert.match(title, /ACR Image Locks/i);
    // Two views: the Azure section and My Registries (the configured ones), which the tests below use.
    const panes = (await sidebar.locator('.pane-header').allInnerTexts()).join('\n');
    assert.match(panes, /Azure/i);
    assert.match(panes, /My Registries/i);
    await workbench.collapsePane(/^\s*Azure/i);
    // Short enough for VS Code's default side-bar width, 300 px (it read "ACR Image Locks: R…" with one view).
    await workbench.resizeSidebar(300);
    const label = sidebar.locator('.composite.title .title-label h2').first();
    const fits = await label.evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth <= (el as unknown as { clientWidth: number }).clientWidth);
    assert.ok(fits, 'the view title is not cut off');
    await workbench.screenshot('01-view-open');
  });

  test('the tree lists the sandbox registry from the user settings', async () => {
    const labels = await workbench.treeLabels(1);
    assert.ok(labels.some((label) => label.includes(loginServer())), `no tree row for ${loginServer()} in ${JSON.stringify(labels)}`);
    await workbench.screenshot('02-registries');
  });

  test('the view title\'s menu says which sort order is in effect and switches it', async () => {
    await workbench.openRegistries();
    const labelsNow = async (screenshot?: string): Promise<string[]> => {
      await workbench.titleMenu();
      // A menu the window's first redraw closes fades out with its entries still there: the menu is
      // looked at once it stands still.
      await workbench.settled(workbench.page.getByRole('menu').first());
      assert.ok(await workbench.page.getByRole('menu').count() > 0, 'the menu closed by itself');
      const labels = await workbench.menuLabels();
      if (screenshot) {
        await workbench.screenshot(screenshot);
      }
      await workbench.closeMenus();
      return labels;
    };
    let labels = await eventually(async () => {
      const shown = await labelsNow('06-title-menu-sort');
      assert.ok(shown.some((l) => l.startsWith('Sort by')), JSON.stringify(shown));
      return shown;
    }, 'the title menu lists its entries');
    assert.ok(labels.includes('Sort by Last Update (Now: by Name)') && !labels.some((l) => l.startsWith('Sort by Name')), JSON.stringify(labels));
    await workbench.chooseFromTitleMenu('Sort by Last Update (Now: by Name)');
    labels = await eventually(async () => {
      const shown = await labelsNow();
      assert.ok(shown.includes('Sort by Name (Now: by Last Update)'), JSON.stringify(shown));
      return shown;
    }, 'the menu follows the new order');
    assert.ok(!labels.includes('Sort by Last Update (Now: by Name)'));
    await workbench.chooseFromTitleMenu('Sort by Name (Now: by Last Update)');
  });

  test('a registry row has a context menu with Refresh', async () => {
    await workbench.contextMenu(registryRow());
    const labels = await workbench.menuLabels();
    await workbench.screenshot('03-registry-context-menu');
    await workbench.closeMenus();
    assert.ok(labels.includes('Refresh'), `menu entries: ${JSON.stringify(labels)}`);
  });

  test('expanding the registry lists the demo repositories', async () => {
    await workbench.expand(registryRow());
    await workbench.treeItem(/hello-world/).first().waitFor({ timeout: 20_000 });
    const labels = await workbench.treeLabels(1);
    await workbench.screenshot('04-registry-expanded');
    for (const repository of ['hello-world', 'team/app', 'locked-repo']) {
      assert.ok(labels.some((label) => label.startsWith(repository)), `no row for ${repository} in ${JSON.stringify(labels)}`);
    }
  });

  test('the activity-bar context menu offers to hide the container', async () => {
    await workbench.contextMenu(workbench.activityBarTab());
    const hide = workbench.menuItem(`Hide '${VIEW_TITLE}'`);
    await hide.waitFor({ timeout: 10_000 });
    await workbench.screenshot('05-activity-bar-context-menu');
    await workbench.closeMenus();
    await hide.waitFor({ state: 'detached', timeout: 5_000 });
  });
});
