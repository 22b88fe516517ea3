// The editor features as a user sees them, against the sandbox's demo data (nothing is changed):
// a Kubernetes manifest naming the sandbox registry, covered by a `deployments` set of the
// policy. Screenshots: test-results/ui/editor-hover.png, editor-lenses.png, editor-problems.png,
// editor-quick-fix.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sandboxLoginServer } from '../runner/sandboxInfo';
import { screenshot } from './tree';
import { useWorkbench, type Workbench } from './workbench';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'editor', 'app.yaml');

suite('UI: lock state where images are written (hover, lenses, problems, quick fixes)', () => {
  let workbench: Workbench;
  let written: string[] = [];

  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      assert.ok(workbench.ui.sandbox, 'runUi starts the sandbox with demo data');
      const server = sandboxLoginServer(workbench.ui.sandbox);
      const dir = workbench.ui.run.workspaceDir;
      const policy = path.join(dir, '.acr-locks.json');
      const manifest = path.join(dir, 'deploy', 'app.yaml');
      fs.mkdirSync(path.dirname(manifest), { recursive: true });
      fs.writeFileSync(manifest, fs.readFileSync(FIXTURE, 'utf8').replaceAll('REGISTRY', server));
      fs.writeFileSync(policy, JSON.stringify({ registries: [{ loginServer: server, rules: [] }], deployments: [{ name: 'production', files: ['deploy/**'] }] }, undefined, 2));
      written = [manifest, policy];
      await openFile('deploy/app.yaml');
    },
    restore: async () => {
      written.forEach((file) => fs.rmSync(file, { force: true }));
    },
  });

  async function openFile(name: string): Promise<void> {
    const { page } = workbench;
    await workbench.openPalette();
    await page.locator('.quick-input-widget input').fill(name);
    const option = page.locator('.quick-input-list').getByRole('option', { name: /app\.yaml/ }).first();
    await option.waitFor({ timeout: 20_000 });
    await option.click();
    await page.locator('.editor-instance .view-lines').getByText('hello-world:v1').first().waitFor({ timeout: 20_000 });
  }

  /** Puts the cursor at the end of a 1-based line (inside the reference written there). */
  async function goToLineEnd(line: number): Promise<void> {
    const { page } = workbench;
    await workbench.openPalette();
    await page.locator('.quick-input-widget input').fill(`:${line}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
  }

  test('one lens per reference, with the tree icon and one word', async () => {
    const lenses = workbench.page.locator('.codelens-decoration');
    await lenses.filter({ hasText: 'not found' }).first().waitFor({ timeout: 30_000 });
    const texts = (await lenses.allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(texts, ['locked', 'unlocked', 'not found', 'floating tag', 'delete-protected']);
    await screenshot(workbench, 'editor-lenses');
  });

  test('the hover on a Kubernetes manifest: our short section with the flags and the actions', async () => {
    await goToLineEnd(11);
    await workbench.runCommand('Show or Focus Hover');
    // The problem's hover comes first; our section follows once the registry's answer is in.
    const hover = workbench.page.locator('.monaco-hover').filter({ hasText: 'Deployment set:' }).first();
    await hover.waitFor({ timeout: 20_000 });
    const text = await hover.innerText();
    assert.match(text, /Tag: writeEnabled=false, deleteEnabled=false/);
    assert.match(text, /Deployment set: production/);
    assert.match(text, /Why Is This Protected\?/);
    await screenshot(workbench, 'editor-hover');
    await workbench.page.keyboard.press('Escape');
  });

  test('the Problems panel: an error, a warning and an information', async () => {
    await workbench.page.keyboard.press('Control+Shift+M');
    const panel = workbench.page.locator('.markers-panel');
    await panel.getByText(/is not in the registry/).first().waitFor({ timeout: 30_000 });
    await panel.getByText(/not protected as the policy says/).first().waitFor({ timeout: 10_000 });
    await panel.getByText(/is a floating tag/).first().waitFor({ timeout: 10_000 });
    await screenshot(workbench, 'editor-problems');
  });

  test('the quick-fix menu on a reference: Lock, Protect from Deletion, Pin to Digest, Protect Every Image', async () => {
    await goToLineEnd(13);
    await workbench.runCommand('Quick Fix...');
    const menu = workbench.page.locator('.action-widget').first();
    await menu.getByText(/^Pin .* to Digest$/).first().waitFor({ timeout: 20_000 });
    const text = await menu.innerText();
    assert.match(text, /Lock .*team\/app:1\.0/);
    assert.match(text, /Protect .*team\/app:1\.0 from Deletion/);
    assert.match(text, /Protect Every Image in This File/);
    await screenshot(workbench, 'editor-quick-fix');
    await workbench.page.keyboard.press('Escape');
  });
});
