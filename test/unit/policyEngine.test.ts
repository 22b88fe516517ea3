import * as assert from 'node:assert/strict';
import { UNLOCKED } from '../../src/locks/attributes';
import {
  collectInventory,
  evaluatePolicy,
  type ItemDecision,
  PolicyInputError,
  type PolicyManifest,
  type PolicySource,
  type PolicyTag,
  type RegistryInventory,
  type RepositoryInventory,
} from '../../src/policy';
import { targetLabel } from '../../src/registry/models';
import { DAY, LOCKED, manifest, NOW, registryWith, tag } from './policyFixtures';

const LOCK = { writeEnabled: false, deleteEnabled: false };

function rule(name: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { name, repositories: ['**'], tags: ['*'], set: LOCK, ...fields };
}

function inventory(...repositories: RepositoryInventory[]): RegistryInventory {
  return { loginServer: 'r.azurecr.io', repositories };
}

/** `label → {flag: value}` of every selected item, for compact expectations. */
function desired(items: readonly ItemDecision[]): Record<string, Record<string, boolean>> {
  return Object.fromEntries(
    items.map((i) => [targetLabel(i.target, true), Object.fromEntries(Object.entries(i.desired).map(([flag, d]) => [flag, d.value]))]),
  );
}

function evaluate(rules: Record<string, unknown>[], ...repositories: RepositoryInventory[]) {
  return evaluatePolicy(registryWith(rules), inventory(...repositories), { now: NOW });
}

const D1 = 'sha256:1111111aaaa';
const D2 = 'sha256:2222222bbbb';
const D3 = 'sha256:3333333cccc';

suite('policy engine: selection', () => {
  test('repository globs: team/* one level, team/** any, case-insensitive; unmatched repositories are left out', () => {
    const repos = ['team/app', 'team/app/api', 'other/app', 'Team/UI'].map((name) => ({ name, tags: [tag('v1', D1)] }));
    const one = evaluate([rule('one level', { repositories: ['team/*'] })], ...repos);
    assert.deepEqual(
      one.repositories.map((r) => r.repository),
      ['team/app', 'Team/UI'],
    );
    const any = evaluate([rule('any level', { repositories: ['team/**'] })], ...repos);
    assert.deepEqual(
      any.repositories.map((r) => r.repository),
      ['team/app', 'team/app/api', 'Team/UI'],
    );
  });

  test('tag globs are case-sensitive; exclude and excludeRepositories remove what the globs select', () => {
    const tags = [tag('v1.0', D1), tag('V2.0', D2), tag('latest', D1), tag('sha256-abc.sig', D3), tag('v1.0-rc1', D2)];
    const result = evaluate(
      [rule('releases', { tags: ['v*', 'latest', 'sha256-*'], exclude: ['latest', 'sha256-*', '*-rc?'], excludeRepositories: ['sandbox/**'] })],
      { name: 'app', tags },
      { name: 'sandbox/try', tags },
    );
    assert.deepEqual(
      result.repositories.map((r) => r.repository),
      ['app'],
    );
    assert.deepEqual(desired(result.repositories[0].items), { 'app:v1.0': LOCK });
  });

  test('olderThan: tags by the tag’s age, manifests by the manifest’s, strictly older, against the injected now', () => {
    const repo = {
      name: 'app',
      tags: [tag('old', D1, 8), tag('new', D2, 1), tag('edge', D3, 7)],
      manifests: [manifest(D1, ['old'], 1), manifest(D2, ['new'], 9), manifest(D3, ['edge'], 7.5)],
    };
    const result = evaluate([rule('week', { olderThan: '7d', level: 'both' })], repo);
    assert.deepEqual(Object.keys(desired(result.repositories[0].items)), ['app:old', 'app@sha256:2222222', 'app@sha256:3333333']);
    const later = evaluatePolicy(registryWith([rule('week', { olderThan: '7d', level: 'both' })]), inventory(repo), {
      now: new Date(NOW.getTime() + DAY),
    });
    assert.deepEqual(Object.keys(desired(later.repositories[0].items)), ['app:old', 'app:edge', 'app@sha256:2222222', 'app@sha256:3333333'], 'a day later');
  });

  test('levels: tag sets tags, manifest sets the manifests the selected tags point to, both sets both', () => {
    const repo = {
      name: 'app',
      tags: [tag('v1', D1), tag('latest', D1), tag('dev', D2)],
      manifests: [manifest(D1, ['v1', 'latest']), manifest(D2, ['dev']), manifest(D3, [])],
    };
    const fields = { tags: ['v*', 'latest'], exclude: ['latest'] };
    assert.deepEqual(Object.keys(desired(evaluate([rule('t', { ...fields, level: 'tag' })], repo).repositories[0].items)), ['app:v1']);
    const manifestLevel = evaluate([rule('m', { ...fields, level: 'manifest' })], repo).repositories[0].items;
    assert.deepEqual(Object.keys(desired(manifestLevel)), ['app@sha256:1111111'], 'selected through v1 although latest is excluded; untagged never');
    assert.deepEqual(Object.keys(desired(evaluate([rule('b', { ...fields, level: 'both' })], repo).repositories[0].items)), ['app:v1', 'app@sha256:1111111']);
  });

  test('disabled rules select nothing; flags a rule does not name are not touched', () => {
    const repo = { name: 'app', tags: [tag('v1', D1)] };
    const result = evaluate([rule('off', { enabled: false, set: { readEnabled: false } }), rule('on', { set: { deleteEnabled: false } })], repo);
    assert.deepEqual(desired(result.repositories[0].items), { 'app:v1': { deleteEnabled: false } });
  });
});

suite('policy engine: ordering and conflicts', () => {
  test('rules that agree are all named, in file order', () => {
    const result = evaluate(
      [rule('second by name', { tags: ['v*'], set: { writeEnabled: false } }), rule('first by name', { set: { writeEnabled: false, readEnabled: true } })],
      { name: 'app', tags: [tag('v1', D1), tag('dev', D2)] },
    );
    const [v1, dev] = result.repositories[0].items;
    assert.deepEqual(v1.desired.writeEnabled?.rules, ['second by name', 'first by name']);
    assert.deepEqual(v1.desired.readEnabled?.rules, ['first by name']);
    assert.deepEqual(dev.desired.writeEnabled?.rules, ['first by name']);
    assert.deepEqual(result.repositories[0].conflicts, []);
  });

  test('two rules setting different values of one flag on one tag: a conflict naming both, the flag left undecided, the rest kept', () => {
    const result = evaluate(
      [
        rule('lock releases', { tags: ['v*'], set: { writeEnabled: false, deleteEnabled: false } }),
        rule('dev stays writable', { tags: ['*'], exclude: ['v2'], set: { writeEnabled: true } }),
      ],
      { name: 'app', tags: [tag('v1', D1), tag('v2', D2)] },
    );
    const repo = result.repositories[0];
    assert.deepEqual(desired(repo.items), { 'app:v1': { deleteEnabled: false }, 'app:v2': LOCK });
    assert.deepEqual(repo.items[0].conflicted, ['writeEnabled']);
    assert.deepEqual(repo.conflicts, [
      {
        target: { kind: 'tag', repository: 'app', tag: 'v1' },
        flag: 'writeEnabled',
        settings: [
          { rule: 'lock releases', value: false },
          { rule: 'dev stays writable', value: true },
        ],
      },
    ]);
    const reversed = evaluate(
      [
        rule('dev stays writable', { tags: ['*'], exclude: ['v2'], set: { writeEnabled: true } }),
        rule('lock releases', { tags: ['v*'], set: { writeEnabled: false, deleteEnabled: false } }),
      ],
      { name: 'app', tags: [tag('v1', D1), tag('v2', D2)] },
    );
    assert.deepEqual(reversed.repositories[0].items[0].conflicted, ['writeEnabled'], 'order never resolves a conflict');
  });

  test('several tags, one manifest: rules reaching it through different tags conflict there, with the tags named', () => {
    const result = evaluate(
      [
        rule('lock releases', { tags: ['v*'], level: 'manifest', set: { deleteEnabled: false } }),
        rule('nightly deletable', { tags: ['nightly-*'], level: 'both', set: { deleteEnabled: true } }),
      ],
      { name: 'app', tags: [tag('v1', D1), tag('nightly-5', D1)], manifests: [manifest(D1, ['v1', 'v1.0', 'nightly-5'])] },
    );
    const repo = result.repositories[0];
    assert.deepEqual(desired(repo.items), { 'app:nightly-5': { deleteEnabled: true }, 'app@sha256:1111111': {} });
    assert.deepEqual(repo.conflicts, [
      {
        target: { kind: 'manifest', repository: 'app', digest: D1 },
        flag: 'deleteEnabled',
        settings: [
          { rule: 'lock releases', value: false, viaTags: ['v1', 'v1.0'] },
          { rule: 'nightly deletable', value: true, viaTags: ['nightly-5'] },
        ],
      },
    ]);
  });

  test('one rule through several tags of one manifest is one setting, not a conflict', () => {
    const result = evaluate([rule('lock', { level: 'manifest' })], { name: 'app', manifests: [manifest(D1, ['a', 'b', 'c'], 30, LOCKED)] });
    const [item] = result.repositories[0].items;
    assert.deepEqual(item.desired.writeEnabled, { value: false, rules: ['lock'] });
    assert.deepEqual(item.current, LOCKED);
    assert.deepEqual(result.repositories[0].conflicts, []);
  });
});

suite('policy engine: input', () => {
  test('a listing a rule needs but the inventory lacks is an error, not "nothing selected"', () => {
    assert.throws(() => evaluate([rule('t', { level: 'tag' })], { name: 'app' }), PolicyInputError);
    assert.throws(() => evaluate([rule('m', { level: 'manifest' })], { name: 'app', tags: [] }), /manifests of app were not listed/);
  });

  test('a selected item without a valid date is an error', () => {
    const broken: PolicyTag = { name: 'v1', digest: D1, lastUpdatedOn: new Date('not a date'), attributes: UNLOCKED };
    assert.throws(() => evaluate([rule('t', {})], { name: 'app', tags: [broken] }), /app:v1 has no valid last-updated time/);
  });

  test('collectInventory: the catalog once, then per selected repository only the full listings its rules need', async () => {
    const calls: string[] = [];
    const source: PolicySource = {
      listRepositoryNames: async () => {
        calls.push('catalog');
        return ['team/app', 'team/db', 'web', 'unrelated'];
      },
      listTags: async (repository): Promise<PolicyTag[]> => {
        calls.push(`tags ${repository}`);
        return [tag('v1', D1)];
      },
      listManifests: async (repository): Promise<PolicyManifest[]> => {
        calls.push(`manifests ${repository}`);
        return [manifest(D1, ['v1'])];
      },
    };
    const registry = registryWith([
      rule('team tags', { repositories: ['team/*'], level: 'tag' }),
      rule('db images', { repositories: ['team/db'], level: 'manifest' }),
      rule('web both', { repositories: ['web'], level: 'both' }),
      rule('off', { repositories: ['unrelated'], enabled: false }),
    ]);
    const progress: string[] = [];
    const collected = await collectInventory(source, registry, { onRepository: (name, i, total) => progress.push(`${i + 1}/${total} ${name}`) });
    assert.deepEqual(calls, ['catalog', 'tags team/app', 'tags team/db', 'manifests team/db', 'tags web', 'manifests web']);
    assert.deepEqual(progress, ['1/3 team/app', '2/3 team/db', '3/3 web']);
    assert.deepEqual(
      collected.repositories.map((r) => [r.name, r.tags !== undefined, r.manifests !== undefined]),
      [
        ['team/app', true, false],
        ['team/db', true, true],
        ['web', true, true],
      ],
    );
    const evaluation = evaluatePolicy(registry, collected, { now: NOW });
    assert.equal(evaluation.repositories.length, 3);
  });

  test('collectInventory: no enabled rule reads nothing; a cancelled run stops before the next listing', async () => {
    let calls = 0;
    const counting: PolicySource = {
      listRepositoryNames: async () => {
        calls += 1;
        return ['a', 'b'];
      },
      listTags: async () => {
        calls += 1;
        controller.abort();
        return [];
      },
      listManifests: async () => {
        calls += 1;
        return [];
      },
    };
    const controller = new AbortController();
    const none = await collectInventory(counting, registryWith([rule('off', { enabled: false })]));
    assert.deepEqual(none.repositories, []);
    assert.equal(calls, 0);
    await assert.rejects(collectInventory(counting, registryWith([rule('all', {})]), { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(calls, 2, 'the catalog and the first repository, then stopped');
  });
});
