// Newcomer task: Add Registry with bad inputs. Each says what is wrong in the input box (a single
// label: "did you mean foo.azurecr.io?"; a 300-character Azure name: its length); an unreachable
// registry is added, and right away its row and a notification say it cannot be reached.
import * as assert from 'node:assert/strict';
import { description, icon, row, screenshot } from './tree';
import { readUserSettings, updateUserSettings, useWorkbench, type Workbench } from './workbench';

const UNREACHABLE = 'localhost:1';

suite('UI newcomer: Add Registry with bad inputs', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openRegistries();
      await workbench.resizeSidebar(420);
    },
    restore: async () => {
      // Later suites expect the sandbox registry alone, whatever happened here.
      const registries = (readUserSettings()['acrLocks.registries'] as { loginServer: string }[] | undefined) ?? [];
      if (registries.some((r) => r.loginServer === UNREACHABLE)) {
        updateUserSettings({ 'acrLocks.registries': registries.filter((r) => r.loginServer !== UNREACHABLE) });
      }
    },
  });

  const configured = (): string[] =>
    ((readUserSettings()['acrLocks.registries'] as { loginServer: string }[] | undefined) ?? []).map((r) => r.loginServer);

  test('foo and a 300-character Azure name are refused with what is wrong', async () => {
    await (await workbench.titleButton('Add Registry…')).click();
    await workbench.fillInput('foo');
    assert.match(await workbench.inputMessage(/Did you mean/), /This is not a full host name\. Did you mean foo\.azurecr\.io\?/);
    await screenshot(workbench, 'newcomer-add-foo');
    await workbench.page.keyboard.press('Enter');
    assert.ok(await workbench.quickInput().isVisible(), 'Enter does not accept it');

    await workbench.fillInput(`${'a'.repeat(300)}.azurecr.io`);
    assert.match(await workbench.inputMessage(/this one has/), /Azure registry names have 5–50 letters and digits; this one has 300\./);
    await screenshot(workbench, 'newcomer-add-long');
    await workbench.fillInput('my-registry.azurecr.io');
    assert.match(await workbench.inputMessage(/myregistry/), /Did you mean myregistry\.azurecr\.io\?/);
    await workbench.page.keyboard.press('Escape');
    assert.ok(!configured().some((l) => l.includes('foo') || l.includes('aaaa')), 'nothing was added');
  });

  test('an unreachable registry is added; its row and a notification say so at once, with Remove Registry', async () => {
    await (await workbench.titleButton('Add Registry…')).click();
    await workbench.fillInput(UNREACHABLE);
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForQuickInput('How to sign in to localhost:1');
    await workbench.fillInput('Anonymous');
    await workbench.page.keyboard.press('Enter');

    const added = row(workbench, 'Registry', UNREACHABLE, ' Cannot reach the registry');
    await added.waitFor({ timeout: 60_000 });
    assert.equal(await description(added), 'unreachable', 'short enough for the row: the sign-in and the reason are in the tooltip and the accessible name');
    assert.deepEqual((await icon(added)).codicons, ['codicon-warning']);
    const tooltip = await workbench.hoverText(added, /Cannot reach localhost:1/);
    // It says what failed: VS Code's fetch refuses port 1 (a blocked port), and what to do.
    assert.match(tooltip, /Cannot reach localhost:1: VS Code refuses to connect to that port \(a blocked port of the Fetch standard, such as 1 or 25\)\. Check the login server and your network or proxy, then Retry \(or remove the registry\)\./);
    const toast = await workbench.toast(/localhost:1 was added, but: Cannot reach localhost:1/);
    await workbench.page.mouse.move(900, 300);
    await screenshot(workbench, 'newcomer-add-unreachable');
    assert.ok(configured().includes(UNREACHABLE));

    await toast.getByRole('button', { name: 'Remove Registry' }).click();
    assert.match(await workbench.dialogText(), /Remove localhost:1 from the explorer\?/);
    await workbench.answerDialog('Remove');
    await added.waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok(!configured().includes(UNREACHABLE));
  });
});
