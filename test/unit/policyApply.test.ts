// The policy's apply over the lock engine (LockEngine.applyMany), in plain Node against the
// in-process sandbox's demo data: exactly one PATCH per drifting item with only the differing
// flags and no read per item, every answer verified (an ignored PATCH fails by name), a plan with
// conflicts refused before any request, a cancelled run reported item by item with nothing sent,
// and a second plan finds nothing to do.
import * as assert from 'node:assert/strict';
import { LockEngine } from '../../src/locks';
import {
  applyPlan,
  collectInventory,
  evaluatePolicy,
  parsePolicy,
  PolicyConflictError,
  planChanges,
  planPolicy,
  type PolicyPlan,
  type RegistryPolicy,
  registryPolicySource,
} from '../../src/policy';
import { type RegistryClient } from '../../src/registry/registryClient';
import { start, type Sandbox } from '../sandbox/index';
import { sandboxConnection } from './sandboxConnections';

const RULES = [
  { name: 'releases are immutable', repositories: ['**'], tags: ['v*'], exclude: ['latest'], level: 'tag', set: { writeEnabled: false, deleteEnabled: false } },
  { name: 'team images kept', repositories: ['team/*'], tags: ['1.*'], level: 'manifest', set: { deleteEnabled: false } },
];

function registryPolicy(loginServer: string, rules: readonly Record<string, unknown>[] = RULES): RegistryPolicy {
  const parsed = parsePolicy(JSON.stringify({ registries: [{ loginServer, rules }] }));
  const registry = parsed.policy?.registries[0];
  assert.ok(registry, JSON.stringify(parsed.diagnostics));
  return registry;
}

async function planOf(client: RegistryClient, registry: RegistryPolicy): Promise<PolicyPlan> {
  const inventory = await collectInventory(registryPolicySource(client), registry);
  return planPolicy(evaluatePolicy(registry, inventory, { now: new Date() }));
}

suite('policy apply over the lock engine, against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: RegistryClient;
  let loginServer: string;

  setup(async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    client = await connections.clientFor(registry);
    loginServer = registry.loginServer;
  });

  teardown(async () => {
    await sandbox.stop();
  });

  test('one PATCH per drifting item with only the differing flags, no read per item; then in policy and nothing sent', async () => {
    const registry = registryPolicy(loginServer);
    const plan = await planOf(client, registry);
    assert.equal(planChanges(plan).length, 3);
    sandbox.stats.reset();
    const engine = new LockEngine();
    const report = await applyPlan(engine, client, plan, { concurrency: 2 });
    assert.deepEqual([report.changed, report.unchanged, report.failed, report.cancelled, report.maybeApplied, report.notAttempted], [3, 0, 0, 0, 0, 0]);
    assert.deepEqual(
      report.outcomes.map((o) => [o.status, o.value?.sent]),
      [
        ['changed', { writeEnabled: false }],
        ['changed', { deleteEnabled: false }],
        ['changed', { deleteEnabled: false }],
      ],
    );
    const requests = sandbox.stats.filter({ pathPrefix: '/acr/v1/' });
    assert.deepEqual(
      requests.map((r) => r.method),
      ['PATCH', 'PATCH', 'PATCH'],
      'the plan’s listing already said each item’s flags: no GET before a PATCH',
    );
    assert.deepEqual(sandbox.control.getTag('sandbox', 'hello-world', 'v2')?.changeableAttributes, {
      writeEnabled: false,
      deleteEnabled: false,
      readEnabled: true,
      listEnabled: true,
    });
    assert.equal(engine.history.lastFor(loginServer, { kind: 'tag', repository: 'hello-world', tag: 'v3' })?.change.deleteEnabled, false);

    const again = await planOf(client, registry);
    assert.equal(again.totals.changes, 0);
    sandbox.stats.reset();
    const second = await applyPlan(engine, client, again, { concurrency: 2 });
    assert.equal(second.outcomes.length, 0);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
  });

  test('a PATCH the registry ignores is a failure by name, not "changed"', async () => {
    const plan = await planOf(client, registryPolicy(loginServer));
    sandbox.control.setHostile('ignorePatch');
    const report = await applyPlan(new LockEngine(), client, plan, { concurrency: 1 });
    sandbox.control.setHostile(undefined);
    assert.equal(report.failed, 3);
    assert.equal(report.changed, 0);
    assert.match(report.outcomes[0]?.error?.message ?? '', /hello-world:v2: asked for writeEnabled=false, the registry answered writeEnabled=true/);
  });

  test('a plan with conflicts is refused before any request', async () => {
    const rules = [...RULES, { name: 'team images deletable', repositories: ['team/app'], tags: ['1.0'], level: 'manifest', set: { deleteEnabled: true } }];
    const plan = await planOf(client, registryPolicy(loginServer, rules));
    assert.equal(plan.totals.conflicted, 1);
    sandbox.stats.reset();
    await assert.rejects(applyPlan(new LockEngine(), client, plan, { concurrency: 2 }), (error: unknown) => error instanceof PolicyConflictError && error.conflicts === 1);
    assert.equal(sandbox.stats.count(), 0);
  });

  test('cancelled before it starts: every item is reported cancelled and nothing is sent', async () => {
    const plan = await planOf(client, registryPolicy(loginServer));
    const controller = new AbortController();
    controller.abort();
    sandbox.stats.reset();
    const report = await applyPlan(new LockEngine(), client, plan, { concurrency: 2, signal: controller.signal });
    assert.equal(report.cancelled, 3);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
  });
});
