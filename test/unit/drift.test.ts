// The tree's policy marks (src/tree/drift.ts): looked up by node (login server case-insensitive),
// counted per repository, merged when two policy files mark one item, and replaced by each check.
import * as assert from 'node:assert/strict';
import { UNLOCKED } from '../../src/locks/attributes';
import { DriftIndex, type DriftMark } from '../../src/tree/drift';
import { type ManifestNode, type RegistryNode, type RepositoryNode, type TagNode } from '../../src/tree/nodes';

const registry: RegistryNode = { kind: 'registry', config: { loginServer: 'myregistry.azurecr.io', auth: 'microsoft' } };
const repository: RepositoryNode = { kind: 'repository', registry, name: 'team/app' };
const when = new Date('2025-01-01T00:00:00Z');

function tagNode(name: string): TagNode {
  return { kind: 'tag', repository, hidden: false, tag: { kind: 'tag', repository: 'team/app', name, digest: 'sha256:aa', createdOn: when, lastUpdatedOn: when, attributes: UNLOCKED } };
}

function manifestNode(digest: string): ManifestNode {
  return {
    kind: 'manifest',
    repository,
    manifest: { kind: 'manifest', repository: 'team/app', digest, tags: [], createdOn: when, lastUpdatedOn: when, attributes: UNLOCKED, references: [], sizeInBytes: 0 },
  };
}

const drift = (rule: string): DriftMark => ({
  kind: 'drift',
  flags: [{ flag: 'writeEnabled', current: true, settings: [{ rule, value: false }], conflict: false }],
  rules: [rule],
  file: '.acr-locks.json',
});

suite('tree policy marks (DriftIndex)', () => {
  test('marks are found by node, counted per repository, and replaced by the next check', () => {
    const index = new DriftIndex();
    let fired = 0;
    index.onDidChange(() => (fired += 1));
    const conflict: DriftMark = {
      kind: 'conflict',
      flags: [{ flag: 'deleteEnabled', settings: [{ rule: 'a', value: false }, { rule: 'b', value: true }], conflict: true }],
      rules: ['a', 'b'],
      file: '.acr-locks.json',
    };
    index.replace([
      { loginServer: 'MyRegistry.azurecr.io', repository: 'team/app', tag: 'v1', mark: drift('releases') },
      { loginServer: 'myregistry.azurecr.io', repository: 'team/app', digest: 'sha256:bb', mark: conflict },
    ]);
    assert.equal(fired, 1);
    assert.equal(index.size, 2);
    assert.deepEqual(index.markOf(tagNode('v1'))?.rules, ['releases']);
    assert.equal(index.markOf(tagNode('v2')), undefined);
    assert.equal(index.markOf(manifestNode('sha256:bb'))?.kind, 'conflict');
    assert.equal(index.markOf(repository), undefined, 'a repository has counts, not an item mark');
    assert.deepEqual(index.repositoryOf(repository), { drift: 1, conflicts: 1, rules: ['releases', 'a', 'b'], file: '.acr-locks.json' });
    assert.equal(index.repositoryOf({ ...repository, name: 'other' }), undefined);

    index.replace([{ loginServer: 'myregistry.azurecr.io', repository: 'team/app', tag: 'v1', mark: drift('releases') }, { loginServer: 'myregistry.azurecr.io', repository: 'team/app', tag: 'v1', mark: drift('second file') }]);
    assert.equal(index.size, 1);
    assert.deepEqual(index.markOf(tagNode('v1'))?.rules, ['releases', 'second file']);
    assert.equal(index.markOf(manifestNode('sha256:bb')), undefined);
    index.clear();
    assert.equal(index.size, 0);
    assert.equal(fired, 3);
  });
});
