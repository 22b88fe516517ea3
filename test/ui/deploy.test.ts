// End-to-end, against the sandbox's demo data: a copy of test/fixtures/deploy/demo (Kubernetes,
// Helm values, Compose, a workflow) in the workspace, its references pointed at the sandbox and
// acrLocks.policyFile naming its policy. Protect Deployed Images… from the palette: the modal asks
// with the counts (Cancel sends nothing), the plan opens in the Markdown preview grouped by
// deployment set and file with file:line links, and the tree marks the deployed tags
// ("deployed", with "· deployment.yaml:21" when the row has room; every file:line in the tooltip).
// Screenshots: test-results/ui/deploy-confirm.png, deploy-plan.png, deploy-marked-tag.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { repoRoot } from '../runner/paths';
import { sandboxLoginServer } from '../runner/sandboxInfo';
import { description, expandRepository, row, sandboxOf, screenshot, tagFlags } from './tree';
import { uiContext } from './context';
import { updateUserSettings, useWorkbench, type Workbench } from './workbench';

const DEMO = path.join(repoRoot, 'test', 'fixtures', 'deploy', 'demo');
const COPY = 'deploy-demo';

function filesOf(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => (fs.statSync(path.join(dir, name)).isDirectory() ? filesOf(path.join(dir, name)) : [path.join(dir, name)]));
}

suite('UI: Protect Deployed Images… — the plan and the deployed marks', () => {
  let workbench: Workbench;
  let copy: string;

  // The files and the setting are in place before the window opens: a settings.json written while
  // it is open reaches the extension only when the workbench's file watcher gets to it (seconds,
  // on a loaded machine), and the command would run without the policy.
  suiteSetup(() => {
    const ui = uiContext();
    assert.ok(ui.sandbox, 'runUi starts the sandbox with demo data');
    copy = path.join(ui.run.workspaceDir, COPY);
    fs.cpSync(DEMO, copy, { recursive: true });
    for (const file of filesOf(copy)) {
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('sandbox.azurecr.io', sandboxLoginServer(ui.sandbox)));
    }
    updateUserSettings({ 'acrLocks.policyFile': `${COPY}/.acr-locks.json` }, ui);
  });

  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openView();
      await workbench.resizeSidebar(520);
    },
    restore: async () => {
      updateUserSettings({ 'acrLocks.policyFile': undefined });
      fs.rmSync(copy, { recursive: true, force: true });
      await Promise.resolve();
    },
  });

  /** The Markdown preview's document (a webview: two nested frames). */
  function preview(): FrameLocator {
    return workbench.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe').first();
  }

  test('from the palette: the modal asks with the counts, the plan opens grouped by set and file, the deployed tag is marked', async () => {
    const info = sandboxOf(workbench);
    const before = await tagFlags(info, 'hello-world', 'v2');
    await expandRepository(workbench, 'hello-world');

    await workbench.runCommand('ACR Image Locks: Protect Deployed Images…');
    const asked = await workbench.dialogText(60_000);
    assert.match(asked, /Protect deployed images: lock 8 items\?/);
    assert.match(asked, /4 tags and 4 manifests get only restrictions added/);
    await screenshot(workbench, 'deploy-confirm');
    await workbench.answerDialog('Cancel');
    assert.deepEqual(await tagFlags(info, 'hello-world', 'v2'), before, 'Cancel sends nothing');

    // The plan: a rendered Markdown preview, by deployment set and file, each line a link.
    const tab = workbench.page.getByRole('tab', { name: /protect-deployed-images\.md/ }).first();
    await tab.waitFor({ timeout: 30_000 });
    await preview().getByRole('heading', { name: 'Protect deployed images', level: 1 }).waitFor({ timeout: 30_000 });
    await preview().getByRole('heading', { name: 'Deployment set “demo”' }).waitFor({ timeout: 10_000 });
    const body = await preview().locator('body').innerText();
    assert.match(body, /21\s+\S+\/hello-world:v2\s+to protect\s+tag writeEnabled → false; manifest deleteEnabled → false/);
    assert.match(body, /Floating tags \(not locked: they move; pin by digest\)/);
    await screenshot(workbench, 'deploy-plan');
    // A line's link opens the file at that line.
    await preview().getByRole('link', { name: '21', exact: true }).first().click();
    const editorTab = workbench.page.getByRole('tab', { name: /^deployment\.yaml/ }).first();
    await editorTab.waitFor({ timeout: 20_000 });
    const current = workbench.page.locator('.part.editor .monaco-editor .current-line').first();
    await current.waitFor({ timeout: 10_000 });
    const lineNumber = workbench.page.locator('.part.editor .monaco-editor .line-numbers.active-line-number').first();
    assert.equal((await lineNumber.innerText()).trim(), '21', 'the editor opened at line 21');

    // The tree: v2 says where it is deployed; the tooltip lists every file:line.
    const v2 = row(workbench, 'Tag', 'v2', ' .*deployed · deployment\\.yaml:21$');
    await v2.waitFor({ timeout: 20_000 });
    assert.match(await description(v2), /· deployed( · deployment\.yaml:21)?$/);
    const hover = await workbench.hoverText(v2, /Deployed/);
    assert.match(hover, new RegExp(`${COPY}/k8s/deployment\\.yaml:21`));
    await screenshot(workbench, 'deploy-marked-tag');
    await workbench.page.mouse.move(900, 600);
  });
});
