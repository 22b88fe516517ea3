// Restricted Mode in the real extension host: this file runs only in the host runner's second run,
// where code-server keeps workspace trust on and the workspace folder is never trusted
// (test/runner/runHostSuite.ts). With a policy file in the folder and a configured registry that
// has its password stored, nothing reaches the registry: not the views, not the policy watcher,
// not a command; both views show the one Restricted Mode row with the command to manage trust.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type MessageNode, type Node } from '../../src/tree/nodes';
import { isRestrictedModeError } from '../../src/workspaceTrust';
import { multiRegistryPolicy } from '../sandbox/cliRun';
import { RecordingUi, setSetting, useDedicatedSandbox } from './lockSupport';

const RESTRICTED_TEXT = 'Restricted Mode: trust this workspace to read registries';

suite('Restricted Mode (untrusted workspace): nothing runs or sends', function () {
  this.timeout(120_000);
  const ui = new RecordingUi();
  ui.answer = () => undefined;
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, ui);
  let policyFile = '';

  suiteTeardown(async () => {
    await setSetting('registries', undefined);
    if (policyFile) {
      rmSync(policyFile, { force: true });
    }
  });

  test('the host opened the workspace folder untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'workspace trust is on and the folder is not trusted');
  });

  test('a configured registry and a policy file: the views show one row, commands refuse, zero requests reach the registry', async () => {
    const { api, box } = dedicated;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host opens a workspace folder');
    policyFile = join(folder.uri.fsPath, '.acr-locks.json');
    writeFileSync(policyFile, multiRegistryPolicy([box.registry.config.loginServer]));
    box.sandbox.stats.reset();
    await setSetting('registries', [box.registry.config]);

    for (const provider of [api.tree.provider, api.azure.provider as vscode.TreeDataProvider<Node>]) {
      const root = (await provider.getChildren(undefined)) ?? [];
      assert.equal(root.length, 1, 'one row');
      const row = root[0] as MessageNode;
      assert.equal(row.kind, 'message');
      assert.deepEqual(row.message, { id: 'restricted' });
      const item = await provider.getTreeItem(row);
      assert.equal(item.label, RESTRICTED_TEXT);
      assert.equal(item.command?.command, 'workbench.trust.manage');
    }

    for (const command of ['acrLocks.refresh', 'acrLocks.checkPolicy', 'acrLocks.applyPolicy', 'acrLocks.azureRefresh', 'acrLocks.exportLockReport']) {
      await vscode.commands.executeCommand(command);
    }
    await vscode.commands.executeCommand('acrLocks.lock', { kind: 'repository', registry: box.registry, name: 'hello-world' });
    await api.whenIdle();
    assert.ok(
      ui.notified.filter((n) => n.message === RESTRICTED_TEXT && n.actions.includes('Manage Workspace Trust')).length >= 6,
      `every command said so: ${JSON.stringify(ui.notified.map((n) => n.message))}`,
    );
    await assert.rejects(api.connections.clientFor(box.registry.config), (error: unknown) => isRestrictedModeError(error));
    await assert.rejects(api.policy.check(), (error: unknown) => isRestrictedModeError(error));

    // The policy file changes on disk: no watcher runs a check.
    writeFileSync(policyFile, multiRegistryPolicy([box.registry.config.loginServer], '{ "writeEnabled": false }'));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(box.sandbox.stats.records.length, 0, `requests: ${JSON.stringify(box.sandbox.stats.records.slice(0, 5))}`);
  });
});

suite('Restricted Mode (untrusted workspace): the editor features send nothing', function () {
  this.timeout(120_000);
  const ui = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, ui);
  let file = '';

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('registries', undefined);
    if (file) {
      rmSync(file, { force: true });
    }
  });

  test('a deployment file naming a configured registry: no hover, lens, problem or quick fix of ours, zero requests', async () => {
    const { box } = dedicated;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    await setSetting('registries', [box.registry.config]);
    box.sandbox.stats.reset();
    file = join(folder.uri.fsPath, 'restricted-app.yaml');
    const image = `${box.registry.config.loginServer}/hello-world:v1`;
    writeFileSync(file, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf(image) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    assert.ok(!hovers.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.includes('ACR Image Locks'))), 'no hover of ours');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.equal(lenses.length, 0, 'no lens');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(at, at));
    assert.ok(!actions.some((a) => a.title.includes(image)), 'no quick fix of ours');
    assert.equal(vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'ACR Image Locks').length, 0);
    assert.equal(box.sandbox.stats.records.length, 0, `requests: ${JSON.stringify(box.sandbox.stats.records.slice(0, 5))}`);
  });
});
