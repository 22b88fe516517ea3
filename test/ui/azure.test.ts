// End-to-end: the Azure section of the installed extension, signed in to the sandbox with the
// extension's labelled Microsoft-session double (ACR_LOCKS_SANDBOX), no registry configured for it:
// Azure → subscription → registry → repository → tags with their lock icons.
import * as assert from 'node:assert/strict';
import { until } from '../support/poll';
import * as fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { useWorkbench, type Workbench } from './workbench';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/:]/g, '\\$&');
}

suite('UI: Azure section', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened));

  /** The Azure view's pane (the container also holds My Registries). */
  function pane(): Locator {
    return workbench.sidebar().locator('.pane').filter({ has: workbench.page.locator('.pane-header', { hasText: /^\s*Azure/i }) });
  }

  function row(name: RegExp): Locator {
    return pane().getByRole('treeitem', { name }).first();
  }

  async function codicons(item: Locator): Promise<string[]> {
    const classes = (await item.locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
    return classes.split(/\s+/).filter((c) => c.startsWith('codicon-') && c !== 'codicon-colored');
  }

  test('Azure → subscription → registry → repository → tags with lock icons, labelled as the sandbox session', async () => {
    await workbench.openView();
    await workbench.resizeSidebar(520);
    const header = workbench.sidebar().locator('.pane-header', { hasText: /^\s*Azure/i });
    await header.waitFor({ timeout: 20_000 });
    if ((await header.getAttribute('aria-expanded')) === 'false') {
      await header.locator('.title').first().click();
    }
    // The label is the extension's (the view's description): the first suite's window may still be activating it.
    await until(async () => /sandbox session \(test double\)/i.test(await header.innerText()), 'the double is labelled', { timeoutMs: 30_000 });

    const subscription = row(/^Subscription Contoso Production, 3 registries/);
    await subscription.waitFor({ timeout: 30_000 });
    const denied = row(/^Subscription Northwind \(no access\)/);
    await denied.waitFor({ timeout: 30_000 });
    await workbench.expand(subscription);
    const registry = row(new RegExp(`^Registry ${escape('contosoarchive.azurecr.io')}, Basic · southeastasia`));
    await registry.waitFor({ timeout: 30_000 });
    await workbench.expand(registry);
    const repository = row(/^Repository hello-world, (?!reading locks)/);
    await repository.waitFor({ timeout: 30_000 });
    await workbench.expand(repository);
    const v1 = row(/^Tag v1, locked/);
    const v2 = row(/^Tag v2, delete-protected/);
    const latest = row(/^Tag latest, unlocked/);
    await v1.waitFor({ timeout: 30_000 });
    await v2.waitFor({ timeout: 30_000 });
    await latest.waitFor({ timeout: 30_000 });
    assert.deepEqual(await codicons(v1), ['codicon-lock']);
    assert.deepEqual(await codicons(v2), ['codicon-shield']);
    assert.deepEqual(await codicons(latest), ['codicon-unlock']);
    const file = await workbench.screenshot('10-azure-discovery');
    assert.ok(fs.statSync(file).size > 10_000, `${file} is suspiciously small`);
  });
});
