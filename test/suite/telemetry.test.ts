// Telemetry over a run that exercises every contributed command: each command sends one event
// with a closed vocabulary, and no event carries a login server, registry, repository or tag
// name, digest, user name, password, token or file path.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type CommandResult } from '../../src/telemetry/telemetry';
import { type TelemetrySender } from '../../src/telemetry/sender';
import { type Node } from '../../src/tree/nodes';
import { RecordingUi, repositoryNode, setSetting, tagNode, useDedicatedSandbox } from './lockSupport';

interface Recorded {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly measurements: Record<string, number>;
}

/**
 * What each command's one event must say in this run (contributed order): the UI double agrees
 * to confirmations and dismisses inputs, quick picks and notifications; no Microsoft session.
 */
const EXPECTED: Readonly<Record<string, CommandResult>> = {
  'acrLocks.refresh': 'succeeded',
  'acrLocks.lock': 'succeeded',
  'acrLocks.unlock': 'succeeded',
  'acrLocks.protectFromDeletion': 'succeeded',
  'acrLocks.allowDeletion': 'succeeded',
  'acrLocks.preventUpdates': 'succeeded',
  'acrLocks.blockPulls': 'succeeded',
  'acrLocks.allowPulls': 'succeeded',
  'acrLocks.hideFromListings': 'succeeded',
  'acrLocks.showInListings': 'succeeded',
  // The flags quick pick is dismissed.
  'acrLocks.editAttributes': 'cancelled',
  'acrLocks.showAttributes': 'succeeded',
  'acrLocks.copyAzCommand': 'succeeded',
  // The tag-pattern input is dismissed.
  'acrLocks.lockAllTags': 'cancelled',
  'acrLocks.unlockAllTags': 'cancelled',
  'acrLocks.lockManifestOfTag': 'succeeded',
  'acrLocks.whyProtected': 'succeeded',
  'acrLocks.unlockForDeletion': 'succeeded',
  'acrLocks.refreshDocument': 'succeeded',
  'acrLocks.filter': 'cancelled',
  'acrLocks.clearFilter': 'succeeded',
  'acrLocks.toggleSort': 'succeeded',
  'acrLocks.sortByLastUpdated': 'succeeded',
  'acrLocks.sortByName': 'succeeded',
  'acrLocks.loadMore': 'succeeded',
  'acrLocks.addRegistry': 'cancelled',
  'acrLocks.removeRegistry': 'succeeded',
  'acrLocks.enterCredentials': 'cancelled',
  // A password registry: Sign In hands over to Enter Credentials (its own event) and succeeds.
  'acrLocks.signIn': 'succeeded',
  'acrLocks.trySandbox': 'succeeded',
  // No Microsoft session is given.
  'acrLocks.signInToAzure': 'cancelled',
  // No policy file in the workspace folder: both say how to create one, and nothing is sent.
  'acrLocks.checkPolicy': 'succeeded',
  'acrLocks.applyPolicy': 'succeeded',
  // The format quick pick is dismissed.
  'acrLocks.exportLockReport': 'cancelled',
  'acrLocks.azureSignIn': 'cancelled',
  'acrLocks.azureRefresh': 'succeeded',
  // Signed out: says to sign in first.
  'acrLocks.filterSubscriptions': 'succeeded',
  'acrLocks.addToMyRegistries': 'succeeded',
  'acrLocks.openWalkthrough': 'succeeded',
  // The Azure view's filter: its input is dismissed.
  'acrLocks.azureFilter': 'cancelled',
  // No policy file in the workspace folder: both say how to create one, and nothing is sent.
  'acrLocks.protectDeployedImages': 'succeeded',
  'acrLocks.releaseOrphanedLocks': 'succeeded',
  // The editor's commands are given a tree node, not an image reference of a document: nothing to do.
  'acrLocks.editor.lock': 'succeeded',
  'acrLocks.editor.protectFromDeletion': 'succeeded',
  'acrLocks.editor.whyProtected': 'succeeded',
  'acrLocks.editor.reveal': 'succeeded',
  'acrLocks.editor.copyAzCommand': 'succeeded',
  'acrLocks.editor.pinToDigest': 'succeeded',
  'acrLocks.editor.protectFile': 'succeeded',
};

suite('Telemetry: every command, no names', function () {
  this.timeout(180_000);
  let previousSender: TelemetrySender | undefined;
  let previousRegistries: unknown;
  const events: Recorded[] = [];
  const prompts = new RecordingUi();
  prompts.inputText = undefined;
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, prompts, { lockManifestWithTag: 'never', sortOrder: 'name' });

  // Not reached when the suite is skipped; the teardown then leaves the sender and registries alone.
  suiteSetup(() => {
    previousRegistries = vscode.workspace.getConfiguration('acrLocks').get('registries');
    previousSender = dedicated.api.setTelemetrySender({
      sendTelemetryEvent: (name, properties, measurements) => events.push({ name, properties: { ...properties }, measurements: { ...measurements } }),
      dispose: () => Promise.resolve(),
    });
  });

  suiteTeardown(async () => {
    if (previousSender) {
      dedicated.api.setTelemetrySender(previousSender);
      await setSetting('registries', previousRegistries);
    }
  });

  test('one event per command run, and none carries a name, digest, secret or path', async () => {
    const { api, box } = dedicated;
    const { sandbox, registry } = box;
    const tag = await tagNode(api, registry, 'team/app', 'latest');
    const repository = repositoryNode(registry, 'team/app');
    const contributed = (vscode.extensions.getExtension('acr-image-locks.acr-image-locks')?.packageJSON as {
      contributes: { commands: { command: string }[] };
    }).contributes.commands.map((c) => c.command);

    const nodeFor = (id: string): Node | undefined => {
      if (['acrLocks.refresh', 'acrLocks.enterCredentials', 'acrLocks.signIn', 'acrLocks.removeRegistry', 'acrLocks.exportLockReport'].includes(id)) {
        return registry;
      }
      if (['acrLocks.lockAllTags', 'acrLocks.unlockAllTags'].includes(id)) {
        return repository;
      }
      if (['acrLocks.filter', 'acrLocks.azureFilter', 'acrLocks.clearFilter', 'acrLocks.toggleSort', 'acrLocks.sortByName', 'acrLocks.sortByLastUpdated', 'acrLocks.openWalkthrough', 'acrLocks.addRegistry', 'acrLocks.signInToAzure', 'acrLocks.trySandbox', 'acrLocks.refreshDocument', 'acrLocks.loadMore'].includes(id)) {
        return undefined;
      }
      return tag;
    };

    assert.deepEqual(Object.keys(EXPECTED).sort(), [...contributed].sort(), 'the expectation names every contributed command');
    // Only the VS Code Microsoft sign-in is replaced: here it answers "no session" (given back in `finally`, for the suites after).
    const previousSessions = api.setSessions({ getSession: () => Promise.resolve(undefined) });
    try {
      for (const id of contributed) {
        const before = events.length;
        const node = nodeFor(id);
        await vscode.commands.executeCommand(id, node, node ? [node] : undefined);
        await api.whenIdle();
        const mine = events.slice(before).filter((e) => e.name === 'command' && e.properties.command === id);
        assert.equal(mine.length, 1, `${id} sent exactly one command event (got ${events.slice(before).map((e) => e.properties.command).join(', ')})`);
        assert.equal(mine[0].properties.result, EXPECTED[id], `${id}: ${JSON.stringify(mine[0])}`);
        assert.equal(mine[0].properties.errorKind, undefined, `${id} reported no error`);
        assert.equal(typeof mine[0].measurements.durationMs, 'number');
      }
    } finally {
      api.setSessions(previousSessions);
    }

    const allowedProperties = new Set(['command', 'result', 'errorKind']);
    const allowedMeasurements = new Set(['durationMs', 'itemCount', 'errorStatus', 'registryCount']);
    for (const event of events) {
      for (const key of Object.keys(event.properties)) {
        assert.ok(allowedProperties.has(key), `unexpected property ${key}`);
      }
      for (const key of Object.keys(event.measurements)) {
        assert.ok(allowedMeasurements.has(key), `unexpected measurement ${key}`);
      }
    }
    const kinds = new Set(['unreachable', 'certificate', 'signInRequired', 'credentialsRejected', 'missingPermission', 'forbidden', 'notFound', 'locked', 'throttled', 'server', 'badResponse', 'cancelled', 'untrustedDomain', 'crossOrigin', 'unknown']);
    for (const event of events.filter((e) => e.name === 'command')) {
      assert.ok(contributed.includes(event.properties.command), `command id ${event.properties.command}`);
      assert.ok(event.properties.errorKind === undefined || kinds.has(event.properties.errorKind), `error kind ${event.properties.errorKind}`);
    }
    // Command ids are checked against the contributed list above; everything else must be name-free.
    const text = JSON.stringify(events.map((e) => ({ ...e, properties: { ...e.properties, command: '' } }))).toLowerCase();
    const admin = sandbox.users.find((u) => u.username === box.name);
    const forbidden = [
      registry.config.loginServer,
      new URL(sandbox.endpoint).hostname,
      ...sandbox.registries.flatMap((r) => [r.name, r.loginServer]),
      'team/app',
      'hello-world',
      'latest',
      tag.tag.digest,
      tag.tag.digest.slice(7, 14),
      ...sandbox.users.flatMap((u) => [u.username, u.password]),
      admin?.password ?? 'no-admin',
      sandbox.aadToken,
      sandbox.caFile,
      '/tmp/',
      '/work/',
    ];
    for (const value of forbidden) {
      assert.equal(text.includes(value.toLowerCase()), false, `telemetry must not contain "${value}"`);
    }
    assert.ok(events.length >= contributed.length, 'every command was exercised');
  });
});
