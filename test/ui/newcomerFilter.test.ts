// Newcomer task: filter by a tag pattern and clear it. The filter finds tags (the repositories with
// matching tags, opened, with just those tags), `repository:tag` narrows both, and clearing it
// brings back what was expanded before.
import * as assert from 'node:assert/strict';
import { expandRepository, registryRow, row, screenshot, tagRow } from './tree';
import { useWorkbench, type Workbench } from './workbench';

suite('UI newcomer: filter by a tag pattern and clear it', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openRegistries();
      await workbench.resizeSidebar(420);
    },
  });

  async function filter(text: string): Promise<void> {
    await (await workbench.titleButton('Filter Repositories and Tags…')).click();
    await workbench.fillInput(text);
    await workbench.page.keyboard.press('Enter');
  }

  function viewMessage(): ReturnType<Workbench['treeItem']> {
    return workbench.sidebar().locator('.message').first();
  }

  test('v* shows the repository with matching tags, opened, with just those tags', async () => {
    // Before: team/app expanded, hello-world collapsed.
    await expandRepository(workbench, 'team/app');
    await tagRow(workbench, 'latest', '94cc36f').waitFor({ timeout: 20_000 });
    await filter('v*');
    await viewMessage().getByText(/Filter “v\*”: 1 repository, 3 matching tags\./).waitFor({ timeout: 20_000 });
    const hello = row(workbench, 'Repository', 'hello-world');
    await hello.waitFor({ timeout: 20_000 });
    assert.equal(await hello.getAttribute('aria-expanded'), 'true', 'opened by the filter');
    for (const [tag, digest] of [['v1', '5eb8bff'], ['v2', 'faa07a8'], ['v3', '4b0b40d']]) {
      await tagRow(workbench, tag, digest).waitFor({ timeout: 10_000 });
    }
    assert.equal(await row(workbench, 'Tag', 'latest').count(), 0, 'latest does not match');
    assert.equal(await row(workbench, 'Repository', 'team/app').count(), 0, 'team/app has no v* tag');
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-filter-tags');
  });

  test('team/*:1.* narrows repositories and tags', async () => {
    await filter('team/*:1.*');
    await viewMessage().getByText(/Filter “team\/\*:1\.\*”: 1 repository, 2 matching tags\./).waitFor({ timeout: 20_000 });
    await tagRow(workbench, '1.0', '42511ec').waitFor({ timeout: 20_000 });
    await tagRow(workbench, '1.1', '162209f').waitFor({ timeout: 20_000 });
    assert.equal(await row(workbench, 'Repository', 'hello-world').count(), 0);
    assert.equal(await row(workbench, 'Tag', 'latest').count(), 0);
  });

  test('Clear Filter brings back every repository, expanded as before', async () => {
    await (await workbench.titleButton('Clear Filter')).click();
    const team = row(workbench, 'Repository', 'team/app');
    await team.waitFor({ timeout: 20_000 });
    await tagRow(workbench, 'latest', '94cc36f').waitFor({ timeout: 20_000 });
    assert.equal(await team.getAttribute('aria-expanded'), 'true', 'team/app was expanded before the filter');
    const hello = row(workbench, 'Repository', 'hello-world');
    assert.equal(await hello.getAttribute('aria-expanded'), 'false', 'hello-world was collapsed before the filter');
    await viewMessage().getByText(/Filter/).waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok(await registryRow(workbench).isVisible());
    await screenshot(workbench, 'newcomer-filter-cleared');
  });
});
