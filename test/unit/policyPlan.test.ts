import * as assert from 'node:assert/strict';
import { applyChange, UNLOCKED } from '../../src/locks/attributes';
import { evaluatePolicy, isInPolicy, planChanges, planConflicts, planPolicy, type PolicyPlan, type RegistryInventory } from '../../src/policy';
import { targetLabel } from '../../src/registry/models';
import { LOCKED, manifest, NOW, registryWith, tag } from './policyFixtures';

const D1 = 'sha256:1111111aaaa';
const D2 = 'sha256:2222222bbbb';

const RULES = [
  {
    name: 'releases are immutable',
    repositories: ['**'],
    tags: ['v*'],
    exclude: ['latest'],
    level: 'both',
    set: { writeEnabled: false, deleteEnabled: false },
  },
  { name: 'pullable', repositories: ['web'], tags: ['*'], set: { readEnabled: true } },
];

function inventoryOf(): RegistryInventory {
  return {
    loginServer: 'r.azurecr.io',
    repositories: [
      {
        name: 'api',
        tags: [tag('v1', D1, 30, LOCKED), tag('v2', D2), tag('latest', D2)],
        manifests: [manifest(D1, ['v1'], 30, LOCKED), manifest(D2, ['v2', 'latest'], 30, { ...UNLOCKED, deleteEnabled: false })],
      },
      {
        name: 'web',
        tags: [tag('v1', D1, 30, { ...UNLOCKED, readEnabled: false }), tag('dev', D2)],
        manifests: [manifest(D1, ['v1'], 30, LOCKED), manifest(D2, ['dev'])],
      },
      { name: 'empty', tags: [], manifests: [] },
    ],
  };
}

function plan(inventory: RegistryInventory, rules: readonly Record<string, unknown>[] = RULES): PolicyPlan {
  return planPolicy(evaluatePolicy(registryWith(rules), inventory, { now: NOW }));
}

suite('policy plan', () => {
  test('only the differing flags of each item, with the rules behind them', () => {
    const result = plan(inventoryOf());
    assert.deepEqual(
      planChanges(result).map((c) => [targetLabel(c.target, true), c.change, c.rules]),
      [
        ['api:v2', { writeEnabled: false, deleteEnabled: false }, ['releases are immutable']],
        ['api@sha256:2222222', { writeEnabled: false }, ['releases are immutable']],
        ['web:v1', { writeEnabled: false, deleteEnabled: false, readEnabled: true }, ['releases are immutable', 'pullable']],
      ],
    );
    const webV1 = planChanges(result)[2];
    assert.deepEqual(webV1.reasons, { writeEnabled: ['releases are immutable'], deleteEnabled: ['releases are immutable'], readEnabled: ['pullable'] });
    assert.deepEqual(webV1.current, { ...UNLOCKED, readEnabled: false });
  });

  test('counts per repository and in total; repositories a rule selects are listed even when empty', () => {
    const result = plan(inventoryOf());
    assert.deepEqual(
      result.repositories.map((r) => [r.repository, r.counts]),
      [
        ['api', { tags: 2, manifests: 2, inPolicy: 2, changes: 2, conflicted: 0 }],
        ['web', { tags: 2, manifests: 1, inPolicy: 2, changes: 1, conflicted: 0 }],
        ['empty', { tags: 0, manifests: 0, inPolicy: 0, changes: 0, conflicted: 0 }],
      ],
    );
    assert.deepEqual(result.totals, { tags: 4, manifests: 3, inPolicy: 4, changes: 3, conflicted: 0 });
    assert.equal(isInPolicy(result), false);
  });

  test('after the plan’s changes are made, the same policy plans nothing (re-running changes nothing)', () => {
    const before = plan(inventoryOf());
    const after = inventoryOf();
    const applied: RegistryInventory = {
      ...after,
      repositories: after.repositories.map((repo) => ({
        ...repo,
        tags: repo.tags?.map((t) => {
          const change = planChanges(before).find((c) => c.target.kind === 'tag' && c.target.repository === repo.name && c.target.tag === t.name);
          return change === undefined ? t : { ...t, attributes: applyChange(t.attributes, change.change) };
        }),
        manifests: repo.manifests?.map((m) => {
          const change = planChanges(before).find((c) => c.target.kind === 'manifest' && c.target.repository === repo.name && c.target.digest === m.digest);
          return change === undefined ? m : { ...m, attributes: applyChange(m.attributes, change.change) };
        }),
      })),
    };
    const again = plan(applied);
    assert.deepEqual(planChanges(again), []);
    assert.equal(isInPolicy(again), true);
    assert.equal(again.totals.inPolicy, 7);
  });

  test('conflicts are counted and keep the plan from being in policy; the agreed flags of the item still plan', () => {
    const rules = [...RULES, { name: 'web writable', repositories: ['web'], tags: ['v*'], set: { writeEnabled: true } }];
    const result = plan(inventoryOf(), rules);
    const web = result.repositories[1];
    assert.deepEqual(web.counts, { tags: 2, manifests: 1, inPolicy: 2, changes: 1, conflicted: 1 });
    assert.deepEqual(
      web.changes.map((c) => [targetLabel(c.target), c.change]),
      [['web:v1', { deleteEnabled: false, readEnabled: true }]],
    );
    assert.deepEqual(
      planConflicts(result).map((c) => [targetLabel(c.target), c.flag, c.settings.map((s) => s.rule)]),
      [['web:v1', 'writeEnabled', ['releases are immutable', 'web writable']]],
    );
    assert.equal(isInPolicy(result), false);
  });
});
