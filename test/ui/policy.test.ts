// End-to-end, against the sandbox's demo data: a lock policy file in the workspace, Check Policy
// from the palette; the report opens in the Markdown preview (rendered, not its source), the tree
// marks the drifting tags and manifest ("out of policy", tooltip naming the rule) and the view's
// badge counts them. Screenshots: test-results/ui/policy-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { sandboxLoginServer, type SandboxInfo } from '../runner/sandboxInfo';
import { until } from '../support/poll';
import { drawnWhole } from './tree';
import { useWorkbench, type Workbench } from './workbench';
import { demoPolicyText } from '../sandbox/demoPolicy';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/:]/g, '\\$&');
}

suite('UI: lock policy — drift marks in the tree and the plan report', () => {
  let workbench: Workbench;
  let policyFile: string;

  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      policyFile = path.join(workbench.ui.run.workspaceDir, '.acr-locks.json');
      fs.writeFileSync(policyFile, demoPolicyText(sandboxLoginServer(sandbox())));
      await workbench.openView();
      await workbench.resizeSidebar(520);
    },
    restore: async () => {
      fs.rmSync(policyFile, { force: true });
    },
  });

  function sandbox(): SandboxInfo {
    assert.ok(workbench.ui.sandbox, 'runUi starts the sandbox with demo data');
    return workbench.ui.sandbox;
  }

  function row(kind: 'Registry' | 'Repository' | 'Tag' | 'Manifest', name: string, rest = ''): Locator {
    return workbench.treeItem(new RegExp(`^${kind} ${escape(name)},${rest}`)).first();
  }

  async function description(item: Locator): Promise<string> {
    return (await item.locator('.label-description').first().innerText()).trim();
  }

  async function expand(kind: 'Registry' | 'Repository', name: string, rest = ''): Promise<void> {
    const item = row(kind, name, rest);
    await item.waitFor({ timeout: 20_000 });
    await workbench.expand(item);
  }

  /** The Markdown preview's document (a webview: two nested frames). */
  function preview(): FrameLocator {
    return workbench.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe').first();
  }

  test('Check Policy opens the rendered report and marks exactly the drifting items, with a count on the badge', async () => {
    await expand('Registry', sandboxLoginServer(sandbox()));
    await expand('Repository', 'hello-world', ' (?!reading locks)');
    await expand('Repository', 'team/app', ' (?!reading locks)');
    const manifests = workbench.treeItem(/^Manifests of team\/app$/).first();
    await manifests.waitFor({ timeout: 20_000 });
    await workbench.expand(manifests);

    await workbench.runCommand('ACR Image Locks: Check Policy');

    // The report: a rendered Markdown preview (a heading and tables, not "# …" source text).
    const tab = workbench.page.getByRole('tab', { name: /lock-policy-check\.md/ }).first();
    await tab.waitFor({ timeout: 30_000 });
    assert.match((await tab.innerText()).trim(), /^Preview lock-policy-check\.md/);
    const heading = preview().getByRole('heading', { name: 'Lock policy check', level: 1 });
    await heading.waitFor({ timeout: 30_000 });
    const table = preview().getByRole('table').first();
    assert.match(await table.innerText(), /hello-world\s+3\s+0\s+1\s+2\s+0/);
    assert.match(await preview().locator('body').innerText(), /hello-world:v2\s+tag\s+writeEnabled → false\s+“releases are immutable”/);

    // The tree: v2 and v3 and the manifest of team/app:1.0 are out of policy; v1 and latest are not.
    const v2 = row('Tag', 'v2', ' .*out of policy$');
    await v2.waitFor({ timeout: 20_000 });
    // Short forms for a 300 px side bar: the mark (the icon shows the state; the tooltip and the row's accessible name say all).
    assert.equal(await description(v2), 'out of policy');
    assert.equal(await description(row('Tag', 'v3')), 'out of policy');
    assert.equal(await description(row('Tag', 'v1')), 'locked · 5eb8bff');
    assert.equal(await description(row('Tag', 'latest', ' .*5eb8bff')), 'unlocked · 5eb8bff');
    assert.match(await description(row('Manifest', '42511ec')), /^(pulls blocked · )?out of policy$/);
    assert.equal(await description(row('Repository', 'hello-world')), '2 out of policy');
    assert.equal(await workbench.treeItem(/out of policy$/).count(), 5, 'three items and their two repositories');

    // The badge on the view container counts the items out of policy.
    const badge = workbench.activityBarTab().locator('.badge-content');
    await badge.waitFor({ timeout: 10_000 });
    assert.equal((await badge.innerText()).trim(), '3');

    await workbench.screenshot('policy-report-and-marks');

    // The tooltip names the rule and the change.
    // (No other hover in the way: the editor tab's, say, where the mouse was.)
    const hovers = workbench.page.locator('.monaco-hover:visible, .workbench-hover:visible');
    await workbench.page.mouse.move(900, 600);
    await hovers.first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await v2.hover();
    const hover = hovers.filter({ hasText: /out of (lock )?policy/i }).first();
    await hover.waitFor({ timeout: 10_000 });
    const hoverText = await hover.innerText();
    assert.match(hoverText, /Out of lock policy/);
    assert.match(hoverText, /writeEnabled: true → false \(rule “releases are immutable”\)/);
    await workbench.screenshot('policy-tooltip');
    await workbench.page.mouse.move(900, 600);

    // In a 300 px side bar the marks still show whole (the digest and then the words give way).
    // (The report's preview closed first: its webview takes the mouse from the side bar's sash.)
    await workbench.closeAllEditors();
    await workbench.resizeSidebar(300);
    const width = (await workbench.sidebar().boundingBox())?.width ?? 0;
    assert.ok(Math.abs(width - 300) < 8, `the side bar is ${width} px wide`);
    for (const marked of [row('Tag', 'v2', ' .*out of policy$'), row('Tag', 'v3', ' .*out of policy$'), row('Manifest', '42511ec'), row('Repository', 'hello-world'), row('Repository', 'team/app')]) {
      await marked.waitFor({ timeout: 10_000 });
      assert.ok(await drawnWhole(marked), `${await description(marked)} is cut`);
    }
    await workbench.screenshot('policy-marks-300px');
  });
  test('Check Policy again while its report is behind another editor: the report shows the new check', async () => {
    await workbench.runCommand('ACR Image Locks: Check Policy');
    await preview().getByRole('heading', { name: 'Lock policy check', level: 1 }).waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await preview().locator('body').innerText(), /Nothing was checked/);
    // Another editor in front: the report's tab stays open behind it.
    await workbench.runCommand('File: New Untitled Text File');
    await workbench.page.getByRole('tab', { name: /^Untitled-1/ }).first().waitFor({ timeout: 10_000 });
    fs.writeFileSync(policyFile, demoPolicyText('nothere.azurecr.io'));
    try {
      await workbench.runCommand('ACR Image Locks: Check Policy');
      const body = async (): Promise<string> => preview().locator('body').innerText({ timeout: 2_000 }).catch(() => '');
      await until(async () => /Nothing was checked/.test(await body()), 'the report in front, showing the new check', { timeoutMs: 30_000 });
      assert.match(await body(), /Not checked: 1 registry of the policy could not be read or is not known here/);
      await workbench.screenshot('policy-report-rechecked');
    } finally {
      fs.writeFileSync(policyFile, demoPolicyText(sandboxLoginServer(sandbox())));
      await workbench.closeAllEditors();
    }
  });
});
