// Why Is This Protected? on a tag whose repository, manifest and tag are each locked names all
// three; Unlock for Deletion then lets the SDK's delete succeed and leaves read/list flags alone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RecordingUi, sdkClient, tagNode, useDedicatedSandbox } from './lockSupport';

const REPO = 'hello-world';
const TAG = 'v2';

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
    const page = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === `Why: ${REPO}:${TAG}`);
    assert.ok(page, 'the page is open');
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
});
