// Newcomer (issue 22, items 3, 5 and 7) in a 300 px side bar: a tag of a write-locked repository
// says "locked by repository" (row and tooltip); locking team/app:1.0, whose icon already shows
// "pulls blocked", is confirmed in words and its row's words fit; a registry the network refuses
// says what failed in its row and offers Retry and Remove Registry.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { description, drawnWhole, escapeRegExp, expandRepository, icon, row, sandboxOf, screenshot, setTag, tagFlags, UNLOCKED } from './tree';
import { until } from '../support/poll';
import { readUserSettings, updateUserSettings, useWorkbench, type Workbench } from './workbench';

/** A localhost port nothing listens on (bound, then closed): connections to it are refused. */
async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

suite('UI newcomer: rows that say what holds them, in a 300 px side bar', () => {
  let workbench: Workbench;
  let saved: unknown;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      saved = readUserSettings()['acrLocks.registries'];
      await workbench.openRegistries();
      await workbench.resizeSidebar(300);
    },
    putBack: (info) => [setTag(info, 'team/app', '1.0', { ...UNLOCKED, readEnabled: false })],
    restore: async () => {
      updateUserSettings({ 'acrLocks.registries': saved });
    },
  });

  test('locked-repo:stable says "locked by repository" in its row and tooltip', async () => {
    await expandRepository(workbench, 'locked-repo');
    const stable = row(workbench, 'Tag', 'stable', ' locked by repository');
    await stable.waitFor({ timeout: 20_000 });
    assert.match(await description(stable), /^locked by repository/);
    assert.deepEqual((await icon(stable)).codicons, ['codicon-lock']);
    assert.ok(await drawnWhole(stable), `not cut at 300 px: ${await description(stable)}`);
    const tooltip = await workbench.hoverText(stable, /Locked by its repository/);
    assert.match(tooltip, /Locked by its repository locked-repo \(writeEnabled=false\): it cannot be overwritten or deleted/);
    assert.match(tooltip, /State: locked by repository \(own flags: unlocked\)/);
    await screenshot(workbench, 'newcomer-locked-by-repository');
    await workbench.page.mouse.move(900, 400);
  });

  test('Lock on team/app:1.0 (pulls blocked) is confirmed in words; its row shows both, whole', async () => {
    const info = sandboxOf(workbench);
    await expandRepository(workbench, 'team/app');
    const tag = row(workbench, 'Tag', '1.0', ' pulls blocked');
    await tag.waitFor({ timeout: 20_000 });
    await workbench.contextMenu(tag);
    await workbench.chooseMenuItem('Lock');
    await workbench.dialogText();
    await workbench.answerDialog('Tag Only');
    await workbench.toast(/Lock: team\/app:1\.0 is now pulls blocked, locked/);
    const locked = row(workbench, 'Tag', '1.0', ' pulls blocked, locked');
    await locked.waitFor({ timeout: 20_000 });
    assert.equal(await description(locked), 'pulls blocked, locked', 'both words; the digest is in the tooltip');
    assert.ok(await drawnWhole(locked), `not cut at 300 px: ${await description(locked)}`);
    assert.deepEqual(await tagFlags(info, 'team/app', '1.0'), { ...UNLOCKED, readEnabled: false, writeEnabled: false, deleteEnabled: false });
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-lock-confirmed-300px');
    await workbench.clearNotifications();
  });

  /** Adds `loginServer` (anonymous), checks the toast's reason and the short rows at 300 px, then removes it from its error row. */
  async function unreachableRegistry(loginServer: string, reason: RegExp, picture: string): Promise<void> {
    await (await workbench.titleButton('Add Registry…')).click();
    await workbench.fillInput(loginServer);
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput(`How to sign in to ${loginServer}`);
    await workbench.fillInput('Anonymous');
    await workbench.page.keyboard.press('Enter');
    const cannotReach = new RegExp(`Cannot reach ${escapeRegExp(loginServer)}: ${reason.source}`);
    await workbench.toast(new RegExp(`${escapeRegExp(loginServer)} was added, but: ${cannotReach.source}`), 60_000);
    // Short forms in the rows (the full reason in the tooltip and the accessible name), drawn whole at 300 px.
    const registry = row(workbench, 'Registry', loginServer, ' Cannot reach the registry');
    await registry.waitFor({ timeout: 20_000 });
    assert.equal(await description(registry), 'unreachable');
    assert.ok(await drawnWhole(registry), `not cut at 300 px: ${await description(registry)}`);
    await workbench.expand(registry);
    const failed = workbench.treeItem(cannotReach).first();
    await failed.waitFor({ timeout: 20_000 });
    assert.equal((await failed.locator('.label-name').first().innerText()).trim(), 'Unreachable');
    assert.equal(await description(failed), 'Retry');
    await workbench.clearNotifications();
    await workbench.page.mouse.move(900, 400);
    assert.ok(await drawnWhole(failed), `not cut at 300 px: Unreachable ${await description(failed)}`);
    // Retry (the row's command) reads it again. When that listing has failed too (after the client's
    // retries; the extension's log says so), the registry's row still says so: it was drawn before.
    const failures = (): number => workbench.extensionLogLines('listing failed: unreachable').length;
    const before = failures();
    await failed.click();
    await until(() => failures() > before, 'the extension logs the new attempt’s failure', { timeoutMs: 30_000 });
    await until(async () => (await description(registry)) === 'unreachable', 'the registry row says unreachable after Retry', { timeoutMs: 10_000 });
    await failed.waitFor({ timeout: 20_000 });
    await workbench.clearNotifications();
    await workbench.page.mouse.move(900, 400);
    await failed.hover();
    const remove = failed.getByRole('button', { name: 'Remove Registry' });
    await remove.waitFor({ timeout: 10_000 });
    await screenshot(workbench, picture);
    await remove.click();
    assert.match(await workbench.dialogText(), new RegExp(`Remove ${escapeRegExp(loginServer)} from the explorer\\?`));
    await workbench.answerDialog('Remove');
    await registry.waitFor({ state: 'detached', timeout: 10_000 });
  }

  test('a registry the network refuses says so in its row, with Retry and Remove Registry', async () => {
    await unreachableRegistry(`localhost:${await refusedPort()}`, /the connection was refused/, 'newcomer-unreachable-row');
  });

  test('a registry the proxy refuses (the issue’s nopenope.azurecr.io) says what failed, never "Request failed"', async () => {
    // The host reaches *.azurecr.io through the sandbox's CONNECT proxy (HTTPS_PROXY), which answers 403 for hosts it does not serve:
    // VS Code's fetch reports that as "fetch failed: Request was cancelled", with no error code.
    await unreachableRegistry('nopenope.azurecr.io', /the (connection was closed before an answer|proxy refused)/, 'newcomer-unreachable-proxy-row');
  });
});
