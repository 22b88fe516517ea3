// The tree model (no VS Code) against the in-process sandbox: the first page of a repository
// costs one _tags and one _manifests request, Load more one more; a registry whose next link
// loops ends the listing with an error node instead of another "Load more…"; the filter and a
// refresh work on what is loaded.
import * as assert from 'node:assert/strict';
import { silentLogger } from '../../src/registry/log';
import { ExplorerModel } from '../../src/tree/model';
import { type LoadMoreNode, type Node, type RepositoryNode, type TagNode } from '../../src/tree/nodes';
import { start, type Sandbox } from '../sandbox/index';
import { sandboxConnection } from './sandboxConnections';

function tags(nodes: readonly Node[]): string[] {
  return nodes.filter((n): n is TagNode => n.kind === 'tag').map((t) => t.tag.name);
}

suite('tree model against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;

  teardown(async () => {
    await sandbox.stop();
  });

  async function bigRepository(model: ExplorerModel): Promise<RepositoryNode> {
    const [registry] = model.registries();
    assert.ok(registry);
    const repository = (await model.children(registry)).find((n): n is RepositoryNode => n.kind === 'repository' && n.name === 'big');
    assert.ok(repository);
    return repository;
  }

  function modelFor(box: Sandbox): ExplorerModel {
    const { connections, registry } = sandboxConnection(box);
    const model = new ExplorerModel((r) => connections.clientFor(r.config), { pageSize: () => 100, sortOrder: () => 'name' }, silentLogger);
    model.setRegistries([registry]);
    return model;
  }

  test('first page: one _tags and one _manifests request; Load more: one more _tags request, only that parent redrawn', async () => {
    sandbox = await start({ seed: 'large:250', log: () => undefined });
    const model = modelFor(sandbox);
    const repository = await bigRepository(model);
    sandbox.stats.reset();
    const first = await model.children(repository);
    assert.equal(sandbox.stats.count({ method: 'GET', path: '/acr/v1/big/_tags', status: 200 }), 1);
    assert.equal(sandbox.stats.count({ method: 'GET', path: '/acr/v1/big/_manifests', status: 200 }), 1);
    assert.equal(first[0]?.kind, 'manifestGroup');
    assert.equal(tags(first).length, 100);
    const more = first.at(-1);
    assert.equal(more?.kind, 'loadMore');

    const redrawn: (Node | undefined)[] = [];
    model.onDidChange((node) => redrawn.push(node));
    await model.loadMore(more as LoadMoreNode);
    assert.equal(sandbox.stats.count({ method: 'GET', path: '/acr/v1/big/_tags', status: 200 }), 2);
    assert.deepEqual(redrawn, [repository]);
    assert.equal(tags(await model.children(repository)).length, 200);
    assert.equal(sandbox.stats.count({ method: 'GET', path: '/acr/v1/big/_tags', status: 200 }), 2, 'shown from the cache');

    model.setFilter('t0002?');
    assert.deepEqual(tags(await model.children(repository)), Array.from({ length: 10 }, (_, i) => `t0002${i}`));
    model.setFilter('');
    await model.refresh(repository);
    assert.equal(tags(await model.children(repository)).length, 100, 'a refresh drops the cache: the first page again');
    assert.equal(sandbox.stats.count({ method: 'GET', path: '/acr/v1/big/_tags', status: 200 }), 3);
  });

  test('Load more on a listing whose next link loops ends with an error node, not another Load more', async () => {
    sandbox = await start({ seed: 'large:350', log: () => undefined });
    const model = modelFor(sandbox);
    const repository = await bigRepository(model);
    sandbox.control.setHostile('nextLinkLoop');
    let nodes = await model.children(repository);
    for (let i = 0; i < 5 && nodes.at(-1)?.kind === 'loadMore'; i++) {
      await model.loadMore(nodes.at(-1) as LoadMoreNode);
      nodes = await model.children(repository);
    }
    const last = nodes.at(-1);
    assert.ok(last?.kind === 'message' && last.message.id === 'error', `the listing ends with an error, got ${last?.kind}`);
    assert.equal(last.error?.kind, 'badResponse');
    assert.ok(sandbox.stats.count({ method: 'GET', path: '/acr/v1/big/_tags' }) <= 3, 'the loop was stopped at once');
  });
});

suite('one registry, one state (both views)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;

  teardown(async () => {
    await sandbox.stop();
  });

  test('a change applied through one view’s node redraws the same tag under the other view’s node of that registry; a refresh reads both again', async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const model = new ExplorerModel((r) => connections.clientFor(r.config), { pageSize: () => 100, sortOrder: () => 'name' }, silentLogger);
    model.setRegistries([registry]);
    const [mine] = model.registries();
    assert.ok(mine);
    // The Azure view hands its own node of the same registry (another object, same login server) to the model.
    const azure: Node = { kind: 'registry', config: { ...mine.config } };
    assert.equal(azure.kind, 'registry');
    const repositoryOf = async (node: Node): Promise<RepositoryNode> => {
      const found = (await model.children(node)).find((n): n is RepositoryNode => n.kind === 'repository' && n.name === 'hello-world');
      assert.ok(found);
      return found;
    };
    const tagOf = async (repository: RepositoryNode, name: string): Promise<TagNode> => {
      const found = (await model.children(repository)).find((n): n is TagNode => n.kind === 'tag' && n.tag.name === name);
      assert.ok(found);
      return found;
    };
    const mineTag = await tagOf(await repositoryOf(mine), 'v1');
    const azureTag = await tagOf(await repositoryOf(azure), 'v1');
    assert.notEqual(mineTag, azureTag);
    const redrawn: (Node | undefined)[] = [];
    model.onDidChange((node) => redrawn.push(node));
    const client = await connections.clientFor(registry);
    const answer = await client.updateTag('hello-world', 'v1', { writeEnabled: false, deleteEnabled: false });
    model.applyUpdate(mineTag, answer);
    assert.equal(azureTag.tag.attributes.writeEnabled, false, 'the other view’s row has the registry’s answer');
    assert.ok(redrawn.includes(azureTag) && redrawn.includes(mineTag), 'both rows redrawn');
    redrawn.length = 0;
    await model.refresh(mine);
    assert.ok(redrawn.includes(mine) && redrawn.includes(azure), 'a refresh of the registry redraws it in both views');
  });
});
