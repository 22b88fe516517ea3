// The tree's deployment marks (src/tree/deployed.ts): looked up by node (login server
// case-insensitive), merged when two references deploy one item, orphans shown only on request,
// and replaced by each scan.
import * as assert from 'node:assert/strict';
import { UNLOCKED } from '../../src/locks/attributes';
import { DeployedIndex } from '../../src/tree/deployed';
import { type ManifestNode, type RegistryNode, type RepositoryNode, type TagNode } from '../../src/tree/nodes';

const registry: RegistryNode = { kind: 'registry', config: { loginServer: 'MyRegistry.azurecr.io', auth: 'microsoft' } };
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

suite('tree deployment marks (DeployedIndex)', () => {
  test('deployed tags and manifests are found by node; two references of one item merge their file:line', () => {
    const index = new DeployedIndex();
    let fired = 0;
    index.onDidChange(() => (fired += 1));
    index.replace([
      { loginServer: 'myregistry.azurecr.io', repository: 'team/app', tag: '1.0', at: ['chart/values-prod.yaml:12'], orphan: false },
      { loginServer: 'myregistry.azurecr.io', repository: 'team/app', tag: '1.0', at: ['k8s/app.yaml:21'], orphan: false },
      { loginServer: 'myregistry.azurecr.io', repository: 'team/app', digest: 'sha256:bb', at: ['k8s/app.yaml:21'], orphan: false },
    ]);
    assert.equal(fired, 1);
    assert.deepEqual(index.markOf(tagNode('1.0')), { at: ['chart/values-prod.yaml:12', 'k8s/app.yaml:21'], orphan: false });
    assert.deepEqual(index.markOf(manifestNode('sha256:bb')), { at: ['k8s/app.yaml:21'], orphan: false });
    assert.equal(index.markOf(tagNode('1.1')), undefined, 'not deployed: no mark');
    assert.equal(index.markOf(manifestNode('sha256:aa')), undefined);
    assert.equal(index.markOf(repository), undefined, 'repositories carry no deployed mark');
    index.replace([]);
    assert.equal(index.markOf(tagNode('1.0')), undefined, 'the next scan replaces every mark');
    assert.equal(fired, 2);
  });

  test('orphans are marked only once the user asks', () => {
    const index = new DeployedIndex();
    index.replace([
      { loginServer: 'myregistry.azurecr.io', repository: 'team/app', tag: 'latest', at: [], orphan: true },
      { loginServer: 'myregistry.azurecr.io', repository: 'team/app', tag: '1.0', at: ['k8s/app.yaml:21'], orphan: false },
    ]);
    assert.equal(index.orphans, 1);
    assert.equal(index.markOf(tagNode('latest')), undefined, 'hidden by default');
    assert.deepEqual(index.markOf(tagNode('1.0'))?.at, ['k8s/app.yaml:21']);
    let fired = 0;
    index.onDidChange(() => (fired += 1));
    index.showOrphans = true;
    assert.equal(fired, 1);
    assert.deepEqual(index.markOf(tagNode('latest')), { at: [], orphan: true });
    index.showOrphans = true;
    assert.equal(fired, 1, 'no redraw when nothing changed');
  });
});
