// Why Is This Protected? on a tag whose repository, manifest and tag are each locked names all
// three; Unlock for Deletion then lets the SDK's delete succeed and leaves read/list flags alone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from '../support/poll';
import { RecordingUi, sdkClient, tagNode, useDedicatedSandbox } from './lockSupport';

const REPO = 'hello-world';
const TAG = 'v2';

function whyTab(label: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === label);
}

suite('Lock commands: Why Is This Protected? and Unlock for Deletion', function () {
  this.timeout(60_000);
  const prompts = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, prompts);

  test('names repository, manifest and tag; Unlock for Deletion clears exactly those and delete succeeds', async () => {
    const { api, box } = dedicated;
    const { sandbox, registry, name } = box;
    sandbox.control.setRepositoryAttributes(name, REPO, { writeEnabled: false, deleteEnabled: false, listEnabled: false });
    sandbox.control.setManifestAttributes(name, REPO, TAG, { writeEnabled: false, deleteEnabled: false, readEnabled: false });
    sandbox.control.setTagAttributes(name, REPO, TAG, { writeEnabled: false, deleteEnabled: false, listEnabled: false });
    const digest = sandbox.control.getTag(name, REPO, TAG)?.digest;
    assert.ok(digest);
    const node = await tagNode(api, registry, REPO, TAG);

    await vscode.commands.executeCommand('acrLocks.whyProtected', node);
    // A rendered page (a webview tab), its Markdown kept as this tag's document.
    // The tab model reaches the extension host after the command returns: wait for it (bounded).
    await eventually(() => assert.ok(whyTab(`Why: ${REPO}:${TAG}`), 'the page is open'), 'the Why page');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'acr-locks', path: `/why/${registry.config.loginServer}/${REPO}_${TAG}.md` }));
    const text = doc.getText();
    assert.match(text, /No az commands are shown/, 'localhost:PORT has no az equivalent');
    assert.match(text, new RegExp(`Repository ${REPO}`));
    assert.match(text, new RegExp(`Manifest ${digest}`));
    assert.match(text, new RegExp(`Tag ${TAG}`));
    assert.match(text, /Delete the image.*Repository hello-world \(writeEnabled=false\).*Manifest .*Tag v2/);

    const sdk = sdkClient(box);
    await assert.rejects(sdk.getArtifact(REPO, digest).delete(), (e: { statusCode?: number }) => e.statusCode === 405, 'locked: 405');

    prompts.asked.length = 0;
    await vscode.commands.executeCommand('acrLocks.unlockForDeletion', node);
    assert.equal(prompts.asked.length, 1, 'one confirmation');
    const detail = prompts.asked[0].detail;
    assert.match(detail, /repository hello-world/);
    assert.match(detail, /manifest hello-world@sha256:/);
    assert.match(detail, /tag hello-world:v2/);

    const repository = sandbox.control.getRepository(name, REPO)?.changeableAttributes;
    const manifest = sandbox.control.getManifest(name, REPO, digest)?.changeableAttributes;
    assert.deepEqual(repository, { writeEnabled: true, deleteEnabled: false, readEnabled: true, listEnabled: false }, 'repository: only writeEnabled cleared');
    assert.deepEqual(manifest, { writeEnabled: true, deleteEnabled: true, readEnabled: false, listEnabled: true }, 'manifest: read flag untouched');
    assert.deepEqual(sandbox.control.getTag(name, REPO, TAG)?.changeableAttributes, {
      writeEnabled: true,
      deleteEnabled: true,
      readEnabled: true,
      listEnabled: false,
    });

    await sdk.getArtifact(REPO, digest).delete();
    assert.equal(sandbox.control.getManifest(name, REPO, digest), undefined, 'the image is deleted');
    assert.equal(sandbox.control.getTag(name, REPO, TAG), undefined);
  });
  test('a repository that is gone: the page says so in words, never the registry’s raw error body', async () => {
    const { api, box } = dedicated;
    const { sandbox, registry, name } = box;
    const gone = 'team/app';
    const node = await tagNode(api, registry, gone, '1.1');
    const open = { writeEnabled: true, deleteEnabled: true };
    for (const tag of sandbox.control.listTags(name, gone)) {
      sandbox.control.setTagAttributes(name, gone, tag.name, open);
    }
    for (const manifest of sandbox.control.listManifests(name, gone)) {
      sandbox.control.setManifestAttributes(name, gone, manifest.digest, open);
    }
    await sdkClient(box).deleteRepository(gone);
    assert.equal(sandbox.control.getRepository(name, gone), undefined, 'deleted (as with az acr repository delete)');

    await vscode.commands.executeCommand('acrLocks.whyProtected', node);
    await eventually(() => assert.ok(whyTab(`Why: ${gone}:1.1`), 'the page is open, its tab naming the item'), 'the Why page');
    const uri = vscode.Uri.from({ scheme: 'acr-locks', path: `/why/${registry.config.loginServer}/${gone.replace('/', '_')}_1.1.md` });
    const text = await eventually(async () => {
      const markdown = (await vscode.workspace.openTextDocument(uri)).getText();
      assert.match(markdown, /^Could not read the locks: /);
      return markdown;
    }, 'the page’s Markdown');
    assert.match(text, /team\/app[^\n]*(no longer exists|not found|does not exist|gone)/i, text);
    assert.doesNotMatch(text, /\{"errors"|NAME_UNKNOWN|"code"/, 'never the raw body');
  });
});
