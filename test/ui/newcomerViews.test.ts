// Newcomer (issue 22, items 2 and 6): the same registry in My Registries and in the Azure view.
// A lock made in one view shows in the other at once (one registry state); the Azure view's own
// filter takes a full reference as written in a deployment file, its message is in the Azure view
// (not My Registries), and Clear Filter brings back what was expanded there.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { sandboxControl } from '../runner/sandbox';
import { escapeRegExp, screenshot, UNLOCKED } from './tree';
import { readUserSettings, updateUserSettings, useWorkbench, type Workbench } from './workbench';

const REGISTRY = 'contosoprod';
const LOGIN_SERVER = `${REGISTRY}.azurecr.io`;
const REPO = 'team/app';

suite('UI newcomer: one registry in both views; the Azure view’s filter', () => {
  let workbench: Workbench;
  let saved: unknown;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      saved = readUserSettings()['acrLocks.registries'];
      await workbench.openView();
      await workbench.resizeSidebar(420);
      // Earlier suites collapsed the Azure section: open it again.
      const header = workbench.sidebar().locator('.pane-header', { hasText: /^\s*Azure/i }).first();
      await header.waitFor({ timeout: 15_000 });
      if ((await header.getAttribute('aria-expanded')) === 'false') {
        await header.locator('.title').first().click();
        await workbench.settled(header);
      }
      await workbench.collapsePane(/My Registries/i).catch(() => undefined);
    },
    putBack: () => [Promise.resolve(sandboxControl().setTagAttributes(REGISTRY, REPO, 'latest', UNLOCKED))],
    restore: async () => {
      // The test removes it through the UI; this puts the file back if it failed before that.
      if (JSON.stringify(readUserSettings()['acrLocks.registries']) !== JSON.stringify(saved)) {
        updateUserSettings({ 'acrLocks.registries': saved });
      }
    },
  });

  function pane(title: RegExp): Locator {
    return workbench.sidebar().locator('.pane').filter({ has: workbench.page.locator('.pane-header', { hasText: title }) });
  }
  const azure = (): Locator => pane(/^\s*Azure/i);
  const mine = (): Locator => pane(/My Registries/i);

  function rowIn(view: Locator, name: RegExp): Locator {
    return view.getByRole('treeitem', { name }).first();
  }

  /** Moves the mouse off the tree and waits until no row's tooltip is left over the rows. */
  async function noHover(): Promise<void> {
    await workbench.page.mouse.move(900, 600);
    await workbench.page.locator('.monaco-hover:visible, .workbench-hover:visible').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  async function open(view: Locator, name: RegExp): Promise<Locator> {
    const item = rowIn(view, name);
    await item.waitFor({ timeout: 30_000 });
    await noHover();
    await workbench.expand(item);
    await noHover();
    return item;
  }

  /** Drags the sash above My Registries to `y`: both views' rows in sight (a tree draws only the rows it shows). */
  async function splitAt(y: number): Promise<void> {
    const header = workbench.sidebar().locator('.pane-header', { hasText: /My Registries/i }).first();
    const box = await header.boundingBox();
    assert.ok(box, 'My Registries is shown');
    const x = box.x + box.width / 2;
    await workbench.page.mouse.move(x, box.y - 1);
    await workbench.page.mouse.down();
    await workbench.page.mouse.move(x, y, { steps: 8 });
    await workbench.page.mouse.up();
    await workbench.settled(header);
  }

  async function titleButton(view: Locator, name: string): Promise<Locator> {
    const header = view.locator('.pane-header').first();
    await header.hover();
    const button = header.getByRole('button', { name, exact: true });
    await button.waitFor({ timeout: 10_000 });
    return button;
  }

  const registryRow = new RegExp(`^Registry ${escapeRegExp(LOGIN_SERVER)},`);
  const repositoryRow = (name: string): RegExp => new RegExp(`^Repository ${escapeRegExp(name)}, (?!reading locks)`);

  test('a lock made in My Registries shows at once in the Azure view of the same registry', async () => {
    await open(azure(), /^Subscription Contoso Production/);
    const discovered = rowIn(azure(), registryRow);
    await discovered.waitFor({ timeout: 30_000 });
    // Added to My Registries as a user would, from the Azure view (signed in the same way).
    await workbench.contextMenu(discovered);
    await workbench.chooseMenuItem('Add to My Registries');
    await open(azure(), registryRow);
    await open(azure(), repositoryRow(REPO));
    await rowIn(azure(), /^Tag latest, unlocked/).waitFor({ timeout: 30_000 });

    const myHeader = workbench.sidebar().locator('.pane-header', { hasText: /My Registries/i }).first();
    if ((await myHeader.getAttribute('aria-expanded')) === 'false') {
      await myHeader.locator('.title').first().click();
      await workbench.settled(myHeader);
    }
    await splitAt(420);
    await open(mine(), registryRow);
    await open(mine(), repositoryRow(REPO));
    const latest = rowIn(mine(), /^Tag latest, unlocked/);
    await latest.waitFor({ timeout: 30_000 });
    await workbench.contextMenu(latest);
    await workbench.chooseMenuItem('Lock');
    await workbench.dialogText();
    await workbench.answerDialog('Tag Only');

    await rowIn(mine(), /^Tag latest, locked · /).waitFor({ timeout: 20_000 });
    // No Refresh: the Azure view's row follows the same registry state.
    await rowIn(azure(), /^Tag latest, locked · /).waitFor({ timeout: 20_000 });
    const tag = sandboxControl().getTag(REGISTRY, REPO, 'latest');
    assert.equal(tag?.changeableAttributes.writeEnabled, false, 'the registry has the lock (sandbox control API)');
    assert.equal(tag?.changeableAttributes.deleteEnabled, false);
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-views-agree');
  });

  test('the Azure view’s filter takes a full reference; its message is there, not in My Registries; Clear Filter restores expansion', async () => {
    await open(azure(), repositoryRow('hello-world'));
    await rowIn(azure(), /^Tag v1, /).waitFor({ timeout: 30_000 });
    const reference = `${LOGIN_SERVER}/${REPO}:1.0`;
    await (await titleButton(azure(), 'Filter Azure Repositories and Tags…')).click();
    await workbench.fillInput(reference);
    await workbench.page.keyboard.press('Enter');

    const message = azure().locator('.message').getByText(new RegExp(`Filter “${escapeRegExp(reference)}”: 1 repository, 1 matching tag\\.`));
    await message.waitFor({ timeout: 30_000 });
    await rowIn(azure(), /^Tag 1\.0, /).waitFor({ timeout: 20_000 });
    assert.equal(await rowIn(azure(), /^Repository hello-world,/).count(), 0, 'hello-world is filtered out of the Azure view');
    assert.equal(await rowIn(azure(), /^Tag latest,/).count(), 0);
    assert.equal(await mine().locator('.message:visible').filter({ hasText: /Filter/ }).count(), 0, 'no filter message in My Registries');
    assert.ok(await rowIn(mine(), /^Tag latest, /).isVisible(), 'My Registries is not filtered');
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-filter-azure-reference');

    await (await titleButton(azure(), 'Clear Filter')).click();
    await message.waitFor({ state: 'detached', timeout: 10_000 });
    const hello = rowIn(azure(), /^Repository hello-world,/);
    await hello.waitFor({ timeout: 20_000 });
    assert.equal(await hello.getAttribute('aria-expanded'), 'true', 'hello-world was expanded before the filter');
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-filter-azure-cleared');

    // Put back: remove it from My Registries as a user would.
    const added = rowIn(mine(), registryRow);
    await workbench.contextMenu(added);
    await workbench.chooseMenuItem('Remove Registry');
    assert.match(await workbench.dialogText(), /Remove contosoprod\.azurecr\.io from the explorer\?/);
    await workbench.answerDialog('Remove');
    await added.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
