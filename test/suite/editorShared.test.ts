// The editor answers from the registries view's complete listings (src/tree/loadedListing.ts):
// a repository the tree has listed is not listed again by hover, lens or problems, and the
// tree's Refresh drops the editor's lookups so its next hover lists again (the sandbox counts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Node } from '../../src/tree/nodes';
import { until } from '../support/poll';
import { hoverText, lensTitles, positionOf, useEditorWorkspace } from './editorSupport';
import { RecordingUi } from './lockSupport';

suite('Editor: lookups shared with the tree’s cache', function () {
  this.timeout(180_000);
  const workspace = useEditorWorkspace(new RecordingUi());
  const { dedicated } = workspace;

  test('tags and manifests expanded in the tree: the file’s hover and lenses send no listing; after Refresh the next hover lists again', async () => {
    const api = dedicated.api;
    const server = workspace.server();
    // Only what the test expands is listed: the registries view is not shown (a shown tree lists).
    await vscode.commands.executeCommand('workbench.view.explorer');
    const children = async (node?: Node): Promise<Node[]> => (await api.tree.provider.getChildren(node)) ?? [];
    const registry = api.explorer.registries().find((r) => r.config.loginServer === server);
    assert.ok(registry, 'the sandbox registry is configured');
    const repository = (await children(registry)).find((n) => n.kind === 'repository' && n.name === 'hello-world');
    assert.ok(repository, 'hello-world is listed');
    const group = (await children(repository)).find((n) => n.kind === 'manifestGroup');
    assert.ok(group, 'the repository shows its manifests');
    await children(group);
    const held = api.explorer.loadedListing(server, 'hello-world');
    assert.ok(held?.manifests, 'the tree holds both listings complete');

    api.editor.state.lookups.drop();
    dedicated.box.sandbox.stats.reset();
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: shared', 'spec:', '  containers:', '    - name: app', `      image: ${server}/hello-world:v1`, '    - name: next', `      image: ${server}/hello-world:v2`];
    const document = await workspace.open('deploy/shared.yaml', `${pod.join('\n')}\n`);
    const hover = async (): Promise<string> =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, `${server}/hello-world:v1`)));
    const text = await hover();
    assert.match(text, /locked/, `our hover, with the tree's flags: ${text}`);
    assert.equal((await lensTitles(document)).length, 2, 'one lens per reference');
    await until(() => api.editor.state.lookups.sent > 0, 'the lookup');
    assert.deepEqual(workspace.listings(), { tags: 0, manifests: 0, challenges: 0 }, 'answered from the tree’s listings');

    await vscode.commands.executeCommand('acrLocks.refresh', registry);
    dedicated.box.sandbox.stats.reset();
    assert.match(await hover(), /locked/);
    await until(() => workspace.listings().tags > 0, 'the hover lists again after the tree’s Refresh');
    const after = workspace.listings();
    assert.equal(after.tags, 1, `one tag listing: ${JSON.stringify(after)}`);
    assert.equal(after.manifests, 1, `one manifest listing: ${JSON.stringify(after)}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
