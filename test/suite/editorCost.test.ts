// What the editor features cost at the registry: a file with 200 references to 5 repositories,
// opened cold, opened again, and typed in (the sandbox counts every request).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { until } from '../support/poll';
import { lensTitles, positionOf, useEditorWorkspace } from './editorSupport';
import { RecordingUi } from './lockSupport';

suite('Editor: requests per repository, none warm, none while typing', function () {
  this.timeout(180_000);
  const workspace = useEditorWorkspace(new RecordingUi());
  const { dedicated } = workspace;
  const open = (name: string, text: string): Promise<vscode.TextDocument> => workspace.open(name, text);
  const acrRequests = (): number => workspace.acrRequests();
  const listings = (): { tags: number; manifests: number; challenges: number } => workspace.listings();

  test('cost: 200 references to 5 repositories, listings once cold, none warm, none while typing', async () => {
    const images = ['hello-world:v1', 'hello-world:v2', 'team/app:1.0', 'team/app:1.1', 'locked-repo:stable', 'multiarch:latest', 'not-pushed:1.0'];
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: many', 'spec:', '  # a comment to type into', '  containers:'];
    for (let i = 0; i < 200; i++) {
      lines.push(`    - name: c${i}`, `      image: ${workspace.server()}/${images[i % images.length] ?? ''}`);
    }
    const text = `${lines.join('\n')}\n`;
    const api = dedicated.api;
    // Only the editor reads the registry here: the registries view is not shown (a shown tree lists).
    await vscode.commands.executeCommand('workbench.view.explorer');
    api.editor.state.lookups.drop();
    dedicated.box.sandbox.stats.reset();
    const document = await open('deploy/many.yaml', text);
    assert.equal((await lensTitles(document)).length, 200, 'one lens per reference');
    await until(() => vscode.languages.getDiagnostics(document.uri).length > 0, 'the problems');
    const cold = listings();
    assert.ok(cold.tags <= 5 && cold.manifests <= 5, `cold: ${JSON.stringify(cold)}`);
    console.log(`    200 references to 5 repositories, cold: ${cold.tags} tag listings + ${cold.manifests} manifest listings (+ ${cold.challenges} 401 challenges of ACR's token flow, one per new repository scope), ${acrRequests()} registry API requests in all`);

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    dedicated.box.sandbox.stats.reset();
    const again = await open('deploy/many.yaml', text);
    assert.equal((await lensTitles(again)).length, 200);
    const runs = api.editor.diagnostics.runs;
    const editor = await vscode.window.showTextDocument(again);
    const comment = positionOf(again, 'a comment to type into');
    for (let i = 0; i < 50; i++) {
      await editor.edit((b) => b.insert(comment, 'x'));
    }
    await until(() => api.editor.diagnostics.runs > runs, 'the debounced update after typing', { timeoutMs: 10_000 });
    await lensTitles(again);
    assert.equal(acrRequests(), 0, `opened again and 50 characters typed: ${JSON.stringify(dedicated.box.sandbox.stats.records.slice(0, 5))}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
