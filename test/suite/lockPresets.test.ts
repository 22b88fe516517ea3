// Lock commands in the extension host against a dedicated sandbox: each preset changes exactly
// its flags on a repository, a tag and a manifest (read back out-of-band through the sandbox's
// control), sends only what differs, confirms only where it should; Edit applies only what changed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type FlagName, type LockAttributes, PRESETS, type PresetId } from '../../src/locks/attributes';
import { type LockableNode } from '../../src/tree/nodes';
import { type CommandEvent } from '../../src/telemetry/telemetry';
import { blocksPulls, loosenedFlags } from '../../src/locks/risk';
import { manifestNode, RecordingUi, repositoryNode, tagNode, useDedicatedSandbox } from './lockSupport';

const REPO = 'team/app';

suite('Lock commands: presets and Edit Lock Attributes', function () {
  this.timeout(120_000);
  const prompts = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, prompts, { confirmChanges: true, lockManifestWithTag: 'never' });

  /** Attributes of all three levels, read out-of-band. */
  function levels(): { repository: LockAttributes; tag: LockAttributes; manifest: LockAttributes } {
    const { sandbox: s, name } = dedicated.box;
    const repository = s.control.getRepository(name, REPO);
    const tag = s.control.getTag(name, REPO, 'latest');
    const manifest = s.control.getManifest(name, REPO, 'latest');
    assert.ok(repository && tag && manifest);
    return { repository: repository.changeableAttributes, tag: tag.changeableAttributes, manifest: manifest.changeableAttributes };
  }

  function setLevel(level: 'repository' | 'tag' | 'manifest', attributes: LockAttributes): void {
    const { sandbox: s, name } = dedicated.box;
    if (level === 'repository') {
      s.control.setRepositoryAttributes(name, REPO, attributes);
    } else if (level === 'tag') {
      s.control.setTagAttributes(name, REPO, 'latest', attributes);
    } else {
      s.control.setManifestAttributes(name, REPO, 'latest', attributes);
    }
  }

  async function nodeOf(level: 'repository' | 'tag' | 'manifest'): Promise<LockableNode> {
    const { registry } = dedicated.box;
    if (level === 'repository') {
      return repositoryNode(registry, REPO);
    }
    return level === 'tag' ? tagNode(dedicated.api, registry, REPO, 'latest') : manifestNode(dedicated.api, registry, REPO, 'latest');
  }

  const presets = Object.keys(PRESETS) as PresetId[];
  for (const preset of presets) {
    for (const level of ['repository', 'tag', 'manifest'] as const) {
      test(`${preset} on a ${level} changes exactly its flags, once`, async () => {
        const change = PRESETS[preset];
        // Baseline: the preset's flags opposite to what it sets; the others a mixed pattern.
        const pick = (flag: FlagName, i: number): boolean => (change[flag] === undefined ? i % 2 === 0 : !change[flag]);
        const baseline: LockAttributes = {
          writeEnabled: pick('writeEnabled', 0),
          deleteEnabled: pick('deleteEnabled', 1),
          readEnabled: pick('readEnabled', 2),
          listEnabled: pick('listEnabled', 3),
        };
        for (const l of ['repository', 'tag', 'manifest'] as const) {
          setLevel(l, { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true });
        }
        setLevel(level, baseline);
        const before = levels();
        const node = await nodeOf(level);
        prompts.asked.length = 0;
        const patches = dedicated.box.sandbox.stats.count({ method: 'PATCH', status: 200 });
        await vscode.commands.executeCommand(`acrLocks.${preset}`, node);
        const after = levels();
        assert.deepEqual(after[level], { ...baseline, ...change }, `${level} after ${preset}`);
        for (const other of ['repository', 'tag', 'manifest'] as const) {
          if (other !== level) {
            assert.deepEqual(after[other], before[other], `${other} must not change when ${preset} runs on the ${level}`);
          }
        }
        assert.equal(dedicated.box.sandbox.stats.count({ method: 'PATCH', status: 200 }) - patches, 1, 'one PATCH');
        // Asked exactly when the change turns protection off (writeEnabled/deleteEnabled back on) or blocks pulls, whatever the preset.
        const risky = loosenedFlags(baseline, change).length > 0 || blocksPulls(baseline, change);
        assert.equal(prompts.asked.length, risky ? 1 : 0, `confirmation for ${preset} from ${JSON.stringify(baseline)}`);
        // Running it again sends nothing: the item already is in the wanted state.
        const again = dedicated.box.sandbox.stats.count({ method: 'PATCH', status: 200 });
        prompts.asked.length = 0;
        await vscode.commands.executeCommand(`acrLocks.${preset}`, node);
        assert.equal(dedicated.box.sandbox.stats.count({ method: 'PATCH', status: 200 }) - again, 0, 'no PATCH when nothing differs');
        assert.equal(prompts.asked.length, 0, 'nothing to confirm when nothing changes');
      });
    }
  }

  test('a dismissed confirmation changes nothing', async () => {
    setLevel('tag', { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true });
    prompts.answer = () => undefined;
    try {
      await vscode.commands.executeCommand('acrLocks.unlock', await nodeOf('tag'));
    } finally {
      prompts.answer = (actions) => actions[0];
    }
    assert.deepEqual(levels().tag, { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true });
  });

  test('Lock from the tree on a tag whose icon shows "pulls blocked" is confirmed in words (the icon cannot show it); one whose icon changes is not', async () => {
    setLevel('tag', { writeEnabled: true, deleteEnabled: true, readEnabled: false, listEnabled: true });
    prompts.reset();
    await vscode.commands.executeCommand('acrLocks.lock', await nodeOf('tag'));
    await dedicated.api.whenIdle();
    assert.equal(levels().tag.writeEnabled, false);
    const said = prompts.notified.filter((n) => n.level === 'info').map((n) => n.message);
    assert.ok(said.some((m) => /Lock: team\/app:latest is now pulls blocked, locked/.test(m)), said.join(' | '));
    setLevel('tag', { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true });
    prompts.reset();
    await vscode.commands.executeCommand('acrLocks.lock', await nodeOf('tag'));
    await dedicated.api.whenIdle();
    assert.deepEqual(prompts.notified.filter((n) => n.level === 'info' && /is now/.test(n.message)), [], 'the row’s icon says it');
  });

  test('Lock on a multi-selection locks every selected item', async () => {
    setLevel('tag', { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true });
    const { registry, sandbox: s, name } = dedicated.box;
    s.control.setTagAttributes(name, REPO, '1.0', { writeEnabled: true, deleteEnabled: true });
    const nodes = [await tagNode(dedicated.api, registry, REPO, 'latest'), await tagNode(dedicated.api, registry, REPO, '1.0')];
    await vscode.commands.executeCommand('acrLocks.lock', nodes[0], nodes);
    for (const tag of ['latest', '1.0']) {
      const t = s.control.getTag(name, REPO, tag);
      assert.equal(t?.changeableAttributes.writeEnabled, false, tag);
      assert.equal(t?.changeableAttributes.deleteEnabled, false, tag);
    }
  });

  test('Edit Lock Attributes… applies only the toggled flag', async () => {
    const baseline = { writeEnabled: true, deleteEnabled: false, readEnabled: false, listEnabled: true };
    setLevel('tag', baseline);
    const node = await nodeOf('tag');
    let presented: boolean[] = [];
    prompts.picks = (items) => {
      presented = items.map((i) => i.picked === true);
      // Untick "Write enabled", keep the rest as presented.
      return items.filter((i) => ('flag' in i && i.flag === 'writeEnabled' ? !i.picked : i.picked));
    };
    const patches = dedicated.box.sandbox.stats.count({ method: 'PATCH', status: 200 });
    try {
      await vscode.commands.executeCommand('acrLocks.editAttributes', node);
    } finally {
      prompts.picks = undefined;
    }
    assert.deepEqual(presented, [true, false, false, true], 'pre-set to the current values');
    assert.deepEqual(levels().tag, { ...baseline, writeEnabled: false });
    assert.equal(dedicated.box.sandbox.stats.count({ method: 'PATCH', status: 200 }) - patches, 1);
  });

  test('Show Attributes opens the registry\'s JSON for a tag', async () => {
    setLevel('tag', { writeEnabled: false, deleteEnabled: true, readEnabled: true, listEnabled: false });
    await vscode.commands.executeCommand('acrLocks.showAttributes', await nodeOf('tag'));
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'acr-locks');
    const json = JSON.parse(doc?.getText() ?? '{}') as { tag?: { name?: string; changeableAttributes?: LockAttributes } };
    assert.equal(json.tag?.name, 'latest');
    assert.deepEqual(json.tag?.changeableAttributes, { deleteEnabled: true, listEnabled: false, readEnabled: true, writeEnabled: false });
  });

  test('Copy az Command for a localhost:PORT registry copies nothing az would reject; Copy Template gives the change just made', async () => {
    setLevel('tag', { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true });
    const node = await nodeOf('tag');
    await vscode.commands.executeCommand('acrLocks.preventUpdates', node);
    await vscode.env.clipboard.writeText('unchanged');
    prompts.reset();
    prompts.notificationAnswer = () => undefined;
    await vscode.commands.executeCommand('acrLocks.copyAzCommand', node);
    await dedicated.api.whenIdle();
    const said = prompts.notified.find((n) => n.level === 'warn');
    assert.match(said?.message ?? '', /^No az command exists for localhost:\d+: az reaches registries only as <name>\.azurecr\.io/);
    assert.deepEqual(said?.actions, ['Copy Template']);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    prompts.notificationAnswer = (level, actions) => (level === 'warn' ? actions.find((a) => a === 'Copy Template') : undefined);
    try {
      await vscode.commands.executeCommand('acrLocks.copyAzCommand', node);
      await dedicated.api.whenIdle();
    } finally {
      prompts.notificationAnswer = () => undefined;
    }
    assert.equal(await vscode.env.clipboard.readText(), 'az acr repository update --name REGISTRY-NAME --image team/app:latest --write-enabled false');
  });

  suite('Unlock Manifest Too (after unlocking a tag whose manifest is locked)', () => {
    const MANIFEST_LOCKED = { writeEnabled: false, deleteEnabled: false };

    function manifestOf11(): LockAttributes {
      const m = dedicated.box.sandbox.control.getManifest(dedicated.box.name, REPO, '1.1');
      assert.ok(m);
      return m.changeableAttributes;
    }

    teardown(() => {
      prompts.notificationAnswer = () => undefined;
      dedicated.box.sandbox.control.setFaults({ faultRate: 0 });
    });

    test('the offered action unlocks the manifest, inside the command boundary', async () => {
      dedicated.box.sandbox.control.setManifestAttributes(dedicated.box.name, REPO, '1.1', MANIFEST_LOCKED);
      prompts.reset();
      prompts.notificationAnswer = (level, actions) => (level === 'warn' ? actions.find((a) => a === 'Unlock Manifest Too') : undefined);
      await vscode.commands.executeCommand('acrLocks.unlock', await tagNode(dedicated.api, dedicated.box.registry, REPO, '1.1'));
      await dedicated.api.whenIdle();
      const offered = prompts.notified.find((n) => n.level === 'warn');
      assert.match(offered?.message ?? '', /^Deletion of team\/app:1\.1 stays blocked: its manifest sha256:[0-9a-f]{64} is still locked/);
      assert.deepEqual(offered?.actions, ['Unlock Manifest Too']);
      assert.equal(manifestOf11().writeEnabled, true);
      assert.equal(manifestOf11().deleteEnabled, true);
    });

    test('a failure of that action is shown and recorded as the command failing', async () => {
      const { sandbox, name, registry } = dedicated.box;
      sandbox.control.setManifestAttributes(name, REPO, '1.1', MANIFEST_LOCKED);
      const events: CommandEvent[] = [];
      const previous = dedicated.api.setTelemetrySender({
        sendTelemetryEvent: (event, properties, measurements) => {
          if (event === 'command') {
            events.push({
              command: properties.command,
              result: properties.result === 'failed' ? 'failed' : properties.result === 'cancelled' ? 'cancelled' : 'succeeded',
              durationMs: measurements.durationMs,
              errorKind: properties.errorKind,
            });
          }
        },
        dispose: () => Promise.resolve(),
      });
      prompts.reset();
      prompts.notificationAnswer = (level, actions) => {
        if (level !== 'warn') {
          return undefined;
        }
        // The registry fails from now on: the manifest cannot be read or changed.
        sandbox.control.setFaults({ faultRate: 1 });
        return actions.find((a) => a === 'Unlock Manifest Too');
      };
      try {
        await vscode.commands.executeCommand('acrLocks.unlock', await tagNode(dedicated.api, registry, REPO, '1.1'));
        await dedicated.api.whenIdle();
      } finally {
        sandbox.control.setFaults({ faultRate: 0 });
        dedicated.api.setTelemetrySender(previous);
      }
      assert.equal(prompts.errors.length, 1, `one error message: ${JSON.stringify(prompts.errors)}`);
      assert.match(prompts.errors[0].message, /The registry failed to answer|Cannot reach/);
      assert.deepEqual(
        events.map((e) => [e.command, e.result]),
        [
          ['acrLocks.unlock', 'succeeded'],
          ['acrLocks.unlock', 'failed'],
        ],
      );
      assert.match(events[1].errorKind ?? '', /^(server|unreachable)$/);
      assert.deepEqual({ writeEnabled: manifestOf11().writeEnabled, deleteEnabled: manifestOf11().deleteEnabled }, MANIFEST_LOCKED);
    });
  });
});
