// Shared by the editor*.test.ts host suites: a dedicated sandbox configured as the user's registry,
// a policy whose `deployments` set covers editor-test/deploy/**, files written into the workspace
// and opened, and the readings tests make through VS Code's own commands.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { type DedicatedSuite, type RecordingUi, setSetting, useDedicatedSandbox } from './lockSupport';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'editor');
export const OURS = 'ACR Image Locks';

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Our section of the hovers (other extensions' hovers left out). */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .filter((text) => text.includes(OURS))
    .join('\n');
}

export function positionOf(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `${text} is in the document`);
  return document.positionAt(offset + 2);
}

export async function lensTitles(document: vscode.TextDocument): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t !== '');
}

export interface EditorWorkspace {
  readonly dedicated: DedicatedSuite;
  /** The dedicated sandbox's login server (as written in the files). */
  server(): string;
  /** Writes `name` under editor-test/ in the workspace folder and shows it. */
  open(name: string, text: string): Promise<vscode.TextDocument>;
  /** Registry API requests (token requests left out) since the stats were reset. */
  acrRequests(): number;
  /** Listing requests answered (ACR's 401 challenges, the first request of each new token scope, counted apart). */
  listings(): { tags: number; manifests: number; challenges: number };
}

/** Registers the suite's setup and teardown (call inside `suite`). */
export function useEditorWorkspace(ui: RecordingUi): EditorWorkspace {
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, ui, { confirmChanges: true, lockManifestWithTag: 'never' });
  let dir = '';
  let policyFile = '';

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host opens a workspace folder');
    dir = join(folder.uri.fsPath, 'editor-test');
    const server = dedicated.box.registry.config.loginServer;
    policyFile = join(folder.uri.fsPath, '.acr-locks.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        registries: [{ loginServer: server, rules: [{ name: 'releases', repositories: ['**'], tags: ['v*'], level: 'tag', set: { writeEnabled: false } }] }],
        deployments: [{ name: 'production', files: ['editor-test/deploy/**'] }],
      }),
    );
    await setSetting('registries', [dedicated.box.registry.config]);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('registries', undefined);
    rmSync(policyFile, { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    dedicated,
    server: () => dedicated.box.registry.config.loginServer,
    async open(name, text) {
      const file = join(dir, name);
      mkdirSync(resolve(file, '..'), { recursive: true });
      writeFileSync(file, text);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(document);
      return document;
    },
    acrRequests: () => dedicated.box.sandbox.stats.records.filter((r) => r.path.startsWith('/acr/') || r.path.startsWith('/v2/')).length,
    listings() {
      const listing = dedicated.box.sandbox.stats.records.filter((r) => r.method === 'GET' && (r.path.endsWith('/_tags') || r.path.endsWith('/_manifests')));
      const answered = listing.filter((r) => r.status !== 401);
      return {
        tags: answered.filter((r) => r.path.endsWith('/_tags')).length,
        manifests: answered.filter((r) => r.path.endsWith('/_manifests')).length,
        challenges: listing.length - answered.length,
      };
    },
  };
}
