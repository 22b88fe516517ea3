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
