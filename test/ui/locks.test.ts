// End-to-end, against the sandbox's demo data (test/sandbox/README.md): the tree shows each
// tag's lock state (codicon + words), a hidden tag is revealed under its manifest, and Lock
// from a tag's context menu locks it (in the registry, and then in the tree).
// ACR_LOCKS_UPDATE_SCREENSHOTS=1 also writes the README's media/screenshot-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { request } from 'node:https';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot } from '../runner/paths';
import { adminUser, sandboxLoginServer, type SandboxInfo } from '../runner/sandboxInfo';
import { Workbench } from './workbench';

const UPDATE_SCREENSHOTS = process.env.ACR_LOCKS_UPDATE_SCREENSHOTS === '1';

interface Flags { writeEnabled: boolean; deleteEnabled: boolean; readEnabled: boolean; listEnabled: boolean }

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/:]/g, '\\$&');
}

/** GET/PATCH on the sandbox's ACR API as its admin (Basic auth), outside the extension. */
function acr(sandbox: SandboxInfo, method: string, apiPath: string, body?: unknown): Promise<unknown> {
  const user = adminUser(sandbox);
  assert.ok(user, 'the sandbox has an admin user');
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {
    Authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`,
    ...(payload ? { 'Content-Type': 'application/json' } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.endpoint}${apiPath}`, { method, headers, ca: fs.readFileSync(sandbox.caFile), agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 300) {
          reject(new Error(`${method} ${apiPath}: ${res.statusCode} ${text}`));
        } else {
          resolve(text ? JSON.parse(text) : undefined);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function flagsOf(value: unknown): Flags {
  const v = value as { changeableAttributes?: Flags; tag?: { changeableAttributes?: Flags }; manifest?: { changeableAttributes?: Flags } };
  const flags = v.changeableAttributes ?? v.tag?.changeableAttributes ?? v.manifest?.changeableAttributes;
  assert.ok(flags, `no changeableAttributes in ${JSON.stringify(value)}`);
  return flags;
}

suite('UI: lock state in the tree and Lock from the context menu', () => {
  let workbench: Workbench;

  suiteSetup(async () => {
    workbench = await Workbench.open();
    await workbench.openView();
    // My Registries gets the side bar's height (the Azure section has its own UI test).
    await workbench.collapsePane(/^\s*Azure/i);
    // Wide enough for descriptions such as "unlocked, manifest locked · 162209f".
    await workbench.resizeSidebar(480);
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed') {
      await workbench.screenshot(`FAILED-${this.currentTest.title}`);
      await workbench.closeMenus();
    }
  });

  function sandbox(): SandboxInfo {
    assert.ok(workbench.ui.sandbox, 'runUi starts the sandbox with demo data');
    return workbench.ui.sandbox;
  }

  /** A row by its accessible name: "Tag v1, locked · 5eb8bff", "Repository hello-world, …". */
  function row(kind: 'Registry' | 'Repository' | 'Tag' | 'Manifest', name: string, rest = ''): Locator {
    return workbench.treeItem(new RegExp(`^${kind} ${escape(name)},${rest}`)).first();
  }

  function tagRow(tag: string, digest: string): Locator {
    return row('Tag', tag, ` .*· ${digest}$`);
  }

  async function description(item: Locator): Promise<string> {
    return (await item.locator('.label-description').first().innerText()).trim();
  }

  /** The row's icon codicons (`codicon-lock`, …) and its computed colour. */
  async function icon(item: Locator): Promise<{ codicons: string[]; color: string }> {
    const element = item.locator('.custom-view-tree-node-item-icon').first();
    const classes = (await element.getAttribute('class')) ?? '';
    return {
      codicons: classes.split(/\s+/).filter((c) => c.startsWith('codicon-') && c !== 'codicon-colored'),
      color: await element.evaluate((el) => {
        const view = el.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { color: string } };
        return view.getComputedStyle(el).color;
      }),
    };
  }

  /** What a theme colour (`charts.red`) resolves to in the current theme, as a computed `rgb(…)`. */
  async function themeColor(id: string): Promise<string> {
    // Page-side code as a string: the project's tsconfig has no DOM library.
    const variable = `--vscode-${id.replace(/\./g, '-')}`;
    return String(await workbench.page.evaluate(`(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(${variable})';
      (document.querySelector('.monaco-workbench') ?? document.body).appendChild(probe);
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    })()`));
  }

  async function expandRepository(name: string): Promise<void> {
    const registry = row('Registry', sandboxLoginServer(sandbox()));
    await registry.waitFor({ timeout: 20_000 });
    await workbench.expand(registry);
    const repository = row('Repository', name, ' (?!reading locks)');
    await repository.waitFor({ timeout: 20_000 });
    await workbench.expand(repository);
  }

  /** Saves test-results/ui/<name>.png; with ACR_LOCKS_UPDATE_SCREENSHOTS=1 also media/<mediaName>. */
  async function screenshot(name: string, mediaName?: string): Promise<void> {
    const file = await workbench.screenshot(name);
    assert.ok(fs.statSync(file).size > 10_000, `${file} is suspiciously small`);
    if (UPDATE_SCREENSHOTS && mediaName) {
      // The README's copy: the activity bar and side bar (with any menu over it), not the empty editor.
      const sidebar = await workbench.sidebar().boundingBox();
      assert.ok(sidebar, 'the side bar is shown');
      await workbench.page.screenshot({
        path: path.join(repoRoot, 'media', mediaName),
        clip: { x: 0, y: Math.round(sidebar.y), width: Math.round(sidebar.x + sidebar.width + 4), height: 500 },
      });
    }
  }

  test('tag rows show their lock state as a codicon and in words', async () => {
    await expandRepository('hello-world');
    const expected = [
      { tag: 'latest', digest: '5eb8bff', codicon: 'codicon-unlock', words: /^unlocked · 5eb8bff$/, color: undefined },
      { tag: 'v1', digest: '5eb8bff', codicon: 'codicon-lock', words: /^locked · 5eb8bff$/, color: 'charts.red' },
      { tag: 'v2', digest: 'faa07a8', codicon: 'codicon-shield', words: /^delete-protected · faa07a8$/, color: 'charts.orange' },
      { tag: 'v3', digest: '4b0b40d', codicon: 'codicon-lock-small', words: /^write-protected · 4b0b40d$/, color: 'charts.yellow' },
    ];
    for (const { tag, digest, codicon, words, color } of expected) {
      const item = tagRow(tag, digest);
      await item.waitFor({ timeout: 20_000 });
      assert.match(await description(item), words, `description of hello-world:${tag}`);
      const shown = await icon(item);
      assert.deepEqual(shown.codicons, [codicon], `icon of hello-world:${tag}: ${shown.codicons.join(' ')}`);
      if (color) {
        assert.equal(shown.color, await themeColor(color), `colour of hello-world:${tag} should be ${color}`);
      }
      assert.equal(await item.locator(`.custom-view-tree-node-item-icon.${codicon}`).count(), 1);
    }
    assert.equal(await row('Tag', 'beta').count(), 0, 'the hidden tag beta is not in the tag list');
  });

  test('a hidden tag is shown under its manifest in the Manifests group, marked hidden', async () => {
    await expandRepository('hello-world');
    // The group has no accessibilityInformation: its accessible name is its tooltip.
    const manifests = workbench.treeItem(/^Manifests of hello-world$/).first();
    await manifests.waitFor({ timeout: 20_000 });
    assert.equal((await manifests.locator('.label-name').innerText()).trim(), 'Manifests');
    await workbench.expand(manifests);
    const manifest = row('Manifest', '6606b61', ' .*· beta$');
    await manifest.waitFor({ timeout: 20_000 });
    await workbench.expand(manifest);
    const beta = tagRow('beta', '6606b61');
    await beta.waitFor({ timeout: 20_000 });
    assert.match(await description(beta), /^hidden · 6606b61$/);
    assert.deepEqual((await icon(beta)).codicons, ['codicon-eye-closed']);
    // team/app shows the rest of the legend: pulls blocked, and an unlocked tag whose manifest is locked.
    await expandRepository('team/app');
    const blocked = tagRow('1.0', '42511ec');
    await blocked.waitFor({ timeout: 20_000 });
    assert.match(await description(blocked), /^pulls blocked · 42511ec$/);
    assert.deepEqual((await icon(blocked)).codicons, ['codicon-circle-slash']);
    const manifestLocked = tagRow('1.1', '162209f');
    assert.match(await description(manifestLocked), /^unlocked, manifest locked · 162209f$/);
    assert.deepEqual((await icon(manifestLocked)).codicons, ['codicon-unlock']);
    await workbench.page.mouse.move(900, 400);
    await screenshot('tree-locks', 'screenshot-tree.png');
  });

  test('Lock from the context menu of an unlocked tag locks the tag (and, when asked, its manifest)', async () => {
    const info = sandbox();
    const tagPath = '/acr/v1/team%2Fapp/_tags/latest';
    const manifestPath = '/acr/v1/team%2Fapp/_manifests/latest';
    assert.equal(flagsOf(await acr(info, 'GET', tagPath)).writeEnabled, true, 'demo data: team/app:latest starts unlocked');
    await expandRepository('team/app');
    const item = tagRow('latest', '94cc36f');
    await item.waitFor({ timeout: 20_000 });
    assert.match(await description(item), /^unlocked · 94cc36f$/);

    await workbench.contextMenu(item);
    const lock = workbench.page.getByRole('menuitem', { name: 'Lock', exact: true });
    await lock.waitFor({ timeout: 10_000 });
    const labels = await workbench.menuLabels();
    assert.ok(labels.includes('Lock') && !labels.includes('Unlock'), `menu entries of an unlocked tag: ${JSON.stringify(labels)}`);
    await lock.hover();
    await screenshot('context-menu', 'screenshot-menu.png');
    await lock.click();

    // acrLocks.lockManifestWithTag defaults to "ask": a modal dialog offers to lock the manifest too.
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), /Also lock the manifest of .*team\/app:latest/);
    await screenshot('lock-manifest-dialog');
    await dialog.getByRole('button', { name: 'Lock Manifest Too' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    const locked = row('Tag', 'latest', ' locked\\b.* · 94cc36f$');
    await locked.waitFor({ timeout: 20_000 });
    assert.match(await description(locked), /^locked\b.* · 94cc36f$/);
    assert.deepEqual((await icon(locked)).codicons, ['codicon-lock']);
    assert.deepEqual(flagsOf(await acr(info, 'GET', tagPath)), { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true });
    // The row follows the manifest's new lock as well (tag and manifest locks are separate); the
    // manifest is changed after the tag, so its lock is read once the row shows it.
    const both = row('Tag', 'latest', ' locked, manifest locked · 94cc36f$');
    await both.waitFor({ timeout: 10_000 });
    const manifestFlags = flagsOf(await acr(info, 'GET', manifestPath));
    assert.equal(manifestFlags.writeEnabled, false, 'the manifest is locked too');
    assert.equal(manifestFlags.deleteEnabled, false, 'the manifest is locked too');
    await workbench.page.mouse.move(900, 400);
    await screenshot('tag-locked');

    await workbench.contextMenu(locked);
    const after = await workbench.menuLabels();
    await workbench.closeMenus();
    assert.ok(after.includes('Unlock') && !after.includes('Lock'), `menu entries of a locked tag: ${JSON.stringify(after)}`);
  });

  suiteTeardown(async () => {
    // Later UI suites share the sandbox: put team/app:latest back as the demo data has it.
    const info = workbench?.ui.sandbox;
    if (info) {
      const unlocked = { writeEnabled: true, deleteEnabled: true };
      await acr(info, 'PATCH', '/acr/v1/team%2Fapp/_tags/latest', unlocked).catch(() => undefined);
      await acr(info, 'PATCH', '/acr/v1/team%2Fapp/_manifests/latest', unlocked).catch(() => undefined);
    }
    await workbench?.close();
  });
});
