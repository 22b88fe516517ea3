// Shared by the UI suites: tree rows by their accessible names, their icons and words, the
// sandbox's ACR API as its admin (to check and restore what the extension changed), screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { request } from 'node:https';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot } from '../runner/paths';
import { adminUser, sandboxLoginServer, type SandboxInfo } from '../runner/sandboxInfo';
import { type Workbench } from './workbench';
import { eventually as poll } from '../support/poll';

export const UPDATE_SCREENSHOTS = process.env.ACR_LOCKS_UPDATE_SCREENSHOTS === '1';

export interface Flags {
  writeEnabled: boolean;
  deleteEnabled: boolean;
  readEnabled: boolean;
  listEnabled: boolean;
}

export const UNLOCKED: Flags = { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true };

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/:]/g, '\\$&');
}

export function sandboxOf(workbench: Workbench): SandboxInfo {
  assert.ok(workbench.ui.sandbox, 'runUi starts the sandbox with demo data');
  return workbench.ui.sandbox;
}

/** GET/PATCH on the sandbox's ACR API as its admin (Basic auth), outside the extension. */
export function acr(sandbox: SandboxInfo, method: string, apiPath: string, body?: unknown): Promise<unknown> {
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

export function flagsOf(value: unknown): Flags {
  const v = value as { changeableAttributes?: Flags; tag?: { changeableAttributes?: Flags }; manifest?: { changeableAttributes?: Flags } };
  const flags = v.changeableAttributes ?? v.tag?.changeableAttributes ?? v.manifest?.changeableAttributes;
  assert.ok(flags, `no changeableAttributes in ${JSON.stringify(value)}`);
  return { writeEnabled: flags.writeEnabled, deleteEnabled: flags.deleteEnabled, readEnabled: flags.readEnabled, listEnabled: flags.listEnabled };
}

const repoPath = (repository: string): string => `/acr/v1/${encodeURIComponent(repository)}`;

export async function tagFlags(sandbox: SandboxInfo, repository: string, tag: string): Promise<Flags> {
  return flagsOf(await acr(sandbox, 'GET', `${repoPath(repository)}/_tags/${tag}`));
}

/** The manifest's flags, by a tag that points at it. */
export async function manifestFlags(sandbox: SandboxInfo, repository: string, tag: string): Promise<Flags> {
  return flagsOf(await acr(sandbox, 'GET', `${repoPath(repository)}/_manifests/${tag}`));
}

export async function repositoryFlags(sandbox: SandboxInfo, repository: string): Promise<Flags> {
  return flagsOf(await acr(sandbox, 'GET', repoPath(repository)));
}

export async function setTag(sandbox: SandboxInfo, repository: string, tag: string, flags: Partial<Flags>): Promise<void> {
  await acr(sandbox, 'PATCH', `${repoPath(repository)}/_tags/${tag}`, flags);
}

export async function setManifest(sandbox: SandboxInfo, repository: string, tag: string, flags: Partial<Flags>): Promise<void> {
  await acr(sandbox, 'PATCH', `${repoPath(repository)}/_manifests/${tag}`, flags);
}

export async function setRepository(sandbox: SandboxInfo, repository: string, flags: Partial<Flags>): Promise<void> {
  await acr(sandbox, 'PATCH', repoPath(repository), flags);
}

export type RowKind = 'Registry' | 'Repository' | 'Tag' | 'Manifest';

/** A row by its accessible name: "Tag v1, locked · 5eb8bff", "Repository hello-world, …". */
export function row(workbench: Workbench, kind: RowKind, name: string, rest = ''): Locator {
  return workbench.treeItem(new RegExp(`^${kind} ${escapeRegExp(name)},${rest}`)).first();
}

export function tagRow(workbench: Workbench, tag: string, digest: string): Locator {
  return row(workbench, 'Tag', tag, ` .*· ${digest}$`);
}

export function registryRow(workbench: Workbench): Locator {
  return row(workbench, 'Registry', sandboxLoginServer(sandboxOf(workbench)));
}

export async function description(item: Locator): Promise<string> {
  return (await item.locator('.label-description').first().innerText()).trim();
}

/** Whether the row's label and description are drawn whole (VS Code cuts them with an ellipsis at the side bar's edge). */
export async function drawnWhole(item: Locator): Promise<boolean> {
  return item
    .locator('.monaco-icon-label-container')
    .first()
    .evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth <= box.clientWidth;
    });
}

/** The row's icon codicons (`codicon-lock`, …) and its computed colour. */
export async function icon(item: Locator): Promise<{ codicons: string[]; color: string }> {
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
export async function themeColor(workbench: Workbench, id: string): Promise<string> {
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

/** Expands the sandbox registry and a repository (once its locks are read), and returns the repository row. */
export async function expandRepository(workbench: Workbench, name: string): Promise<Locator> {
  const registry = registryRow(workbench);
  await registry.waitFor({ timeout: 20_000 });
  await workbench.expand(registry);
  const repository = row(workbench, 'Repository', name, ' (?!reading locks)');
  await repository.waitFor({ timeout: 20_000 });
  await workbench.expand(repository);
  return repository;
}

/** Saves test-results/ui/<name>.png (checked to be a real picture); with ACR_LOCKS_UPDATE_SCREENSHOTS=1 also media/<mediaName>. */
export async function screenshot(workbench: Workbench, name: string, mediaName?: string): Promise<string> {
  const file = await workbench.screenshot(name);
  assert.ok(fs.statSync(file).size > 10_000, `${file} is suspiciously small`);
  if (UPDATE_SCREENSHOTS && mediaName) {
    // The README's copy: the activity bar and side bar (with any menu over it), not the empty editor.
    const sidebar = await workbench.sidebar().boundingBox();
    assert.ok(sidebar, 'the side bar is shown');
    // Down to the last tree row or the bottom of an open menu (whichever is lower), at least 500 px.
    const bottoms: number[] = [Math.round(sidebar.y) + 500];
    const rows = workbench.treeItems();
    const lastRow = (await rows.count()) > 0 ? await rows.last().boundingBox() : null;
    if (lastRow) {
      bottoms.push(lastRow.y + lastRow.height + 8);
    }
    const menu = workbench.page.getByRole('menu').first();
    const menuBox = (await menu.count()) > 0 ? await menu.boundingBox() : null;
    if (menuBox) {
      bottoms.push(menuBox.y + menuBox.height + 8);
    }
    const bottom = Math.min(Math.round(sidebar.y + sidebar.height), Math.round(Math.max(...bottoms)));
    const width = Math.max(Math.round(sidebar.x + sidebar.width + 4), menuBox ? Math.round(menuBox.x + menuBox.width + 8) : 0);
    await workbench.page.screenshot({
      path: path.join(repoRoot, 'media', mediaName),
      clip: { x: 0, y: Math.round(sidebar.y), width, height: bottom - Math.round(sidebar.y) },
    });
  }
  return file;
}

/** Waits until `check` passes (polling what the registry or the page says, not sleeping a fixed time). */
export function eventually<T>(check: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<T> {
  return poll(check, what, { timeoutMs, intervalMs: 200 });
}
