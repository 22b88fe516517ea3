// Issue 14 in the extension host, where the UI adds nothing (the UI suite runs the same tasks in
// Chromium): Lock asks before anything is sent and counts manifests, not tags; plural forms;
// Add Registry says what is wrong; palette picks show lock state with the tags first; tree rows
// follow a bulk run while it runs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Node, type RegistryNode, type RepositoryNode, type TagNode } from '../../src/tree/nodes';
import { pickLockable } from '../../src/commands/support/pickers';
import { type PickItem } from '../../src/ui/ui';
import { RecordingUi, setSetting, tagNode, useDedicatedSandbox } from './lockSupport';

const LOCKED = { writeEnabled: false, deleteEnabled: false };
const OPEN = { writeEnabled: true, deleteEnabled: true };

suite('Newcomer (issue 14): asked first, counted right', function () {
  this.timeout(60_000);
  const prompts = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, prompts, { confirmChanges: true, lockManifestWithTag: 'ask' });

  setup(() => {
    prompts.reset();
    prompts.answer = (actions) => actions[0];
    prompts.pickOne = undefined;
  });

  const patches = (): number => dedicated.box.sandbox.stats.count({ method: 'PATCH' });

  function reset(): void {
    const { sandbox, name } = dedicated.box;
    for (const tag of ['latest', 'v1']) {
      sandbox.control.setTagAttributes(name, 'hello-world', tag, OPEN);
    }
    sandbox.control.setManifestAttributes(name, 'hello-world', 'latest', OPEN);
  }

  test('Lock on two tags of one manifest asks about "the manifest they share" before sending anything; Cancel sends nothing', async () => {
    reset();
    const { api, registry, sandbox, name } = { ...dedicated, ...dedicated.box };
    const tags = [await tagNode(api, registry, 'hello-world', 'latest'), await tagNode(api, registry, 'hello-world', 'v1')];
    const before = patches();
    prompts.answer = () => undefined;
    await vscode.commands.executeCommand('acrLocks.lock', tags[0], tags);
    assert.equal(prompts.asked.length, 1);
    assert.equal(prompts.asked[0].message, 'Lock 2 tags: the tags only, or also the manifest they share?');
    assert.deepEqual(prompts.asked[0].actions, ['Tags Only', 'Tags and Manifest']);
    assert.equal(prompts.asked[0].icon, 'information', 'neither answer removes anything: a question, not a warning');
    assert.equal(patches() - before, 0, 'dismissed: nothing was sent');

    prompts.answer = (actions) => actions.find((a) => a === 'Tags and Manifest');
    await vscode.commands.executeCommand('acrLocks.lock', tags[0], tags);
    await api.whenIdle();
    assert.equal(patches() - before, 3, 'two tags and their one manifest');
    assert.deepEqual(
      ['latest', 'v1'].map((t) => sandbox.control.getTag(name, 'hello-world', t)?.changeableAttributes.writeEnabled),
      [false, false],
    );
    assert.equal(sandbox.control.getManifest(name, 'hello-world', 'latest')?.changeableAttributes.deleteEnabled, false);
    const summary = prompts.notified.find((n) => n.level === 'info');
    assert.equal(summary?.message, 'Lock: 3 changed.', 'a short summary');
  });

  test('a tag whose manifest is already locked is locked without the question', async () => {
    reset();
    const { api, registry, sandbox, name } = { ...dedicated, ...dedicated.box };
    sandbox.control.setManifestAttributes(name, 'hello-world', 'latest', LOCKED);
    await vscode.commands.executeCommand('acrLocks.lock', await tagNode(api, registry, 'hello-world', 'latest'));
    assert.equal(prompts.asked.length, 0);
    assert.equal(sandbox.control.getTag(name, 'hello-world', 'latest')?.changeableAttributes.writeEnabled, false);
  });

  test('Unlock for Deletion of one lock says "the 1 lock", not "1 locks"', async () => {
    reset();
    const { api, registry, sandbox, name } = { ...dedicated, ...dedicated.box };
    sandbox.control.setTagAttributes(name, 'hello-world', 'latest', { deleteEnabled: false });
    await vscode.commands.executeCommand('acrLocks.unlockForDeletion', await tagNode(api, registry, 'hello-world', 'latest'));
    assert.equal(prompts.asked[0]?.message, 'Clear the 1 lock that blocks deleting hello-world:latest?');
    assert.ok(prompts.notified.some((n) => n.message === 'hello-world:latest can now be deleted: cleared 1 lock.'), JSON.stringify(prompts.notified));
  });

  test('Add Registry: foo, a 300-character Azure name and my-registry.azurecr.io say what is wrong; nothing is added', async () => {
    const before = vscode.workspace.getConfiguration('acrLocks').get<unknown[]>('registries') ?? [];
    prompts.inputText = undefined;
    await vscode.commands.executeCommand('acrLocks.addRegistry');
    const validate = prompts.inputs[0]?.validateInput;
    assert.ok(validate);
    assert.equal(validate('foo'), 'This is not a full host name. Did you mean foo.azurecr.io?');
    assert.equal(validate(`${'a'.repeat(300)}.azurecr.io`), 'Azure registry names have 5–50 letters and digits; this one has 300.');
    assert.equal(validate('my-registry.azurecr.io'), 'Azure registry names have only letters and digits. Did you mean myregistry.azurecr.io?');
    assert.equal(validate('registry.contoso.com:5443'), undefined);
    assert.deepEqual(vscode.workspace.getConfiguration('acrLocks').get<unknown[]>('registries') ?? [], before);
    prompts.inputText = '';
  });

  test('palette: repositories and tags show their lock state; tags come first, the whole repository last', async () => {
    const { api, registry } = { ...dedicated, ...dedicated.box };
    const shown: { items: readonly PickItem[] }[] = [];
    let step = 0;
    prompts.pickOne = (items) => {
      shown.push({ items });
      step++;
      if (step === 1) {
        return items.find((i) => i.label === 'team/app');
      }
      return items.find((i) => i.label === 'latest');
    };
    // The dedicated registry is the only one the picker may offer: give it as the clicked registry's node.
    await api.runInBoundary(
      {
        id: 'test.pickLock',
        run: async (context) => {
          const picked = await pickLockable({ ...context.services, explorer: { ...context.services.explorer, registries: () => [registry], discoveredRegistries: () => [] } });
          assert.equal(picked.kind, 'tag');
        },
      },
    );
    const [repositories, tags] = shown;
    assert.ok(repositories && tags, 'two picks');
    assert.equal(repositories.items.find((i) => i.label === 'locked-repo')?.description, 'locked');
    assert.equal(tags.items[0]?.label, 'latest', 'a tag first (newest)');
    assert.match(tags.items[0]?.description ?? '', /^unlocked · [0-9a-f]{7}$/);
    assert.equal(tags.items.find((i) => i.label === '1.0')?.description?.startsWith('pulls blocked'), true);
    const last = tags.items.at(-1);
    assert.match(last?.label ?? '', /The whole repository team\/app/);
    assert.equal(tags.items.at(-2)?.separator, true, 'under a separator');
  });
});

suite('Newcomer (issue 14): tree rows follow a bulk run while it runs', function () {
  this.timeout(120_000);
  const prompts = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'large:200' }, prompts, { confirmChanges: false, bulkConcurrency: 2 });
  let previous: unknown;

  suiteSetup(async () => {
    previous = vscode.workspace.getConfiguration('acrLocks').inspect('registries')?.globalValue;
    await setSetting('registries', [dedicated.box.registry.config]);
  });

  suiteTeardown(async () => {
    await setSetting('registries', previous);
  });

  test('rows already show the registry\'s answer before Lock All Tags ends', async () => {
    const { api } = dedicated;
    const children = async (node?: Node): Promise<Node[]> => (await api.tree.provider.getChildren(node)) ?? [];
    const registry = (await children()).find((n): n is RegistryNode => n.kind === 'registry' && n.config.loginServer === dedicated.box.registry.config.loginServer);
    assert.ok(registry);
    const big = (await children(registry)).find((n): n is RepositoryNode => n.kind === 'repository' && n.name === 'big');
    assert.ok(big);
    const rows = (await children(big)).filter((n): n is TagNode => n.kind === 'tag');
    assert.equal(rows.length, 100, 'the first page is shown');
    const lockedRows = (): number => rows.filter((r) => !r.tag.attributes.writeEnabled).length;
    let seenWhileRunning = 0;
    prompts.inputText = '';
    prompts.onProgressReport = (title, message) => {
      const done = /^(\d+) of 200$/.exec(message);
      if (title === 'Lock All Tags in big' && done && Number(done[1]) < 200) {
        seenWhileRunning = Math.max(seenWhileRunning, lockedRows());
      }
    };
    try {
      await vscode.commands.executeCommand('acrLocks.lockAllTags', big);
    } finally {
      prompts.onProgressReport = undefined;
    }
    assert.ok(seenWhileRunning > 0, 'some rows showed "locked" before the run ended');
    assert.equal(lockedRows(), 100, 'every shown row ends locked');
    assert.ok(big.info !== undefined || api.explorer.knownRepository(registry, 'big') !== undefined, 'the repository row keeps its locks (not "reading locks…")');
  });
});
