// A real 405 REGISTRY_DISALLOWED_OPERATION met inside the commands' boundary (the SDK deleting a
// locked image or repository of a dedicated sandbox) is shown in words — which lock, at which
// level — with Why Is This Protected? offered; when the locks cannot be read, the generic text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Command } from '../../src/commands/support/command';
import { type LockableNode, type TagNode } from '../../src/tree/nodes';
import { RecordingUi, repositoryNode, sdkClient, tagNode, useDedicatedSandbox } from './lockSupport';
import { until } from '../support/poll';

const WHY = 'Why Is This Protected?';

suite('Lock commands: a 405 explained in words', function () {
  this.timeout(60_000);
  const prompts = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, prompts);

  setup(() => {
    prompts.reset();
    prompts.notificationAnswer = () => undefined;
  });

  function digestOf(repository: string, tag: string): string {
    const { sandbox: s, name } = dedicated.box;
    const digest = s.control.getTag(name, repository, tag)?.digest;
    assert.ok(digest);
    return digest;
  }

  const short = (digest: string): string => digest.slice(0, 'sha256:'.length + 7);

  /** A command that deletes through the SDK: the sandbox answers a real 405 when a lock blocks it. */
  function deleting(what: () => Promise<unknown>): Command {
    return { id: 'acrLocks.test.delete', run: async () => void (await what()) };
  }

  async function shown(command: Command, node: LockableNode): Promise<{ message: string; actions: string[] }> {
    await dedicated.api.runInBoundary(command, node, [node]);
    assert.equal(prompts.errors.length, 1, 'one error message');
    return prompts.errors[0];
  }

  test('a tag whose manifest is locked: names the manifest lock, offers Why Is This Protected?', async () => {
    const digest = digestOf('team/app', '1.1');
    const node = await tagNode(dedicated.api, dedicated.box.registry, 'team/app', '1.1');
    const error = await shown(deleting(() => sdkClient(dedicated.box).getArtifact('team/app', digest).delete()), node);
    assert.equal(
      error.message,
      `team/app:1.1 cannot be deleted: its manifest ${short(digest)} has writeEnabled=false, deleteEnabled=false (manifest lock).`,
    );
    assert.deepEqual(error.actions, [WHY]);
    assert.ok(dedicated.box.sandbox.control.getManifest(dedicated.box.name, 'team/app', digest), 'the 405 was real: the image is still there');
  });

  test('repository, manifest and tag each locked: all three named; Why Is This Protected? opens the report', async () => {
    const { sandbox: s, name, registry } = dedicated.box;
    s.control.setRepositoryAttributes(name, 'hello-world', { writeEnabled: false });
    s.control.setManifestAttributes(name, 'hello-world', 'v2', { writeEnabled: false, deleteEnabled: false });
    const digest = digestOf('hello-world', 'v2');
    const node: TagNode = await tagNode(dedicated.api, registry, 'hello-world', 'v2');
    prompts.notificationAnswer = (level, actions) => (level === 'error' ? actions.find((a) => a === WHY) : undefined);
    try {
      const error = await shown(deleting(() => sdkClient(dedicated.box).getArtifact('hello-world', digest).delete()), node);
      assert.equal(
        error.message,
        'hello-world:v2 cannot be deleted: its repository hello-world has writeEnabled=false (repository lock); ' +
          `its manifest ${short(digest)} has writeEnabled=false, deleteEnabled=false (manifest lock); ` +
          'it has deleteEnabled=false (tag lock).',
      );
      await dedicated.api.whenIdle();
      await until(
        () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Why: hello-world:v2'),
        'Why Is This Protected? to open its page for the same tag',
      );
    } finally {
      s.control.setRepositoryAttributes(name, 'hello-world', { writeEnabled: true });
    }
  });

  test('a locked repository: the repository lock is named', async () => {
    const node = repositoryNode(dedicated.box.registry, 'locked-repo');
    const error = await shown(
      deleting(() => sdkClient(dedicated.box).deleteRepository('locked-repo')),
      node,
    );
    assert.equal(error.message, 'Repository locked-repo cannot be deleted: it has writeEnabled=false, deleteEnabled=false (repository lock).');
    assert.deepEqual(error.actions, [WHY]);
  });

  test('when the locks cannot be read, the generic text (still offering Why Is This Protected?)', async () => {
    const digest = digestOf('team/app', '1.1');
    const real = await tagNode(dedicated.api, dedicated.box.registry, 'team/app', '1.1');
    const gone: TagNode = { ...real, tag: { ...real.tag, name: 'no-such-tag' } };
    const error = await shown(deleting(() => sdkClient(dedicated.box).getArtifact('team/app', digest).delete()), gone);
    assert.equal(error.message, 'the registry is locked: a lock on it, its manifest or its repository disallows this operation.');
    assert.deepEqual(error.actions, [WHY]);
  });
});
