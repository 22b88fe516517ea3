// Telemetry over a run that exercises every contributed command: each command sends one event
// with a closed vocabulary, and no event carries a login server, registry, repository or tag
// name, digest, user name, password, token or file path.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type TelemetrySender } from '../../src/telemetry/sender';
import { isExplorerView } from '../../src/tree/createExplorer';
import { type Node } from '../../src/tree/nodes';
import { RecordingPrompts, repositoryNode, setSetting, tagNode, useDedicatedSandbox } from './lockSupport';

interface Recorded {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly measurements: Record<string, number>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command, dismissing any quick input it opens, so prompts never block the suite. */
async function runDismissing(id: string, node?: Node, selected?: readonly Node[]): Promise<void> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand(id, node, selected)).then(
    () => undefined,
    () => undefined,
  );
  void run.then(() => {
    settled = true;
  });
  for (let i = 0; i < 100 && !settled; i++) {
    await delay(100);
    if (!settled && i % 5 === 4) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  }
  assert.ok(settled, `${id} finished (or was dismissed) within 10 s`);
}

suite('Telemetry: every command, no names', function () {
  this.timeout(180_000);
  let previousSender: TelemetrySender | undefined;
  let previousRegistries: unknown;
  const events: Recorded[] = [];
  const prompts = new RecordingPrompts();
  prompts.inputText = undefined;
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, prompts, { lockManifestWithTag: 'never' });

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
    assert.ok(isExplorerView(api.explorer));
    const tag = await tagNode(api, registry, 'team/app', 'latest');
    const repository = repositoryNode(registry, 'team/app');
    const contributed = (vscode.extensions.getExtension('acr-image-locks.acr-image-locks')?.packageJSON as {
      contributes: { commands: { command: string }[] };
    }).contributes.commands.map((c) => c.command);

    const nodeFor = (id: string): Node | undefined => {
      if (['acrLocks.refresh', 'acrLocks.enterCredentials', 'acrLocks.signIn', 'acrLocks.removeRegistry'].includes(id)) {
        return registry;
      }
      if (['acrLocks.lockAllTags', 'acrLocks.unlockAllTags'].includes(id)) {
        return repository;
      }
      if (['acrLocks.filter', 'acrLocks.clearFilter', 'acrLocks.toggleSort', 'acrLocks.addRegistry', 'acrLocks.signInToAzure', 'acrLocks.trySandbox', 'acrLocks.refreshDocument', 'acrLocks.loadMore'].includes(id)) {
        return undefined;
      }
      return tag;
    };

    // Only the VS Code Microsoft sign-in is replaced: here it answers "no session".
    const previousSessions = api.explorer.auth.setSessions({ getSession: () => Promise.resolve(undefined) });
    for (const id of contributed) {
      const before = events.length;
      const node = nodeFor(id);
      await runDismissing(id, node, node ? [node] : undefined);
      const mine = events.slice(before).filter((e) => e.name === 'command' && e.properties.command === id);
      assert.equal(mine.length, 1, `${id} sent exactly one command event (got ${events.slice(before).map((e) => e.properties.command).join(', ')})`);
      assert.match(mine[0].properties.result, /^(succeeded|failed|cancelled)$/);
      assert.equal(typeof mine[0].measurements.durationMs, 'number');
    }
    api.explorer.auth.setSessions(previousSessions);

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
    const kinds = new Set(['unreachable', 'certificate', 'signInRequired', 'credentialsRejected', 'missingPermission', 'forbidden', 'notFound', 'locked', 'throttled', 'server', 'badResponse', 'cancelled', 'unknown']);
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
