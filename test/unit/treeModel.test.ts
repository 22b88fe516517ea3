// The tree's logic under plain mocha (no VS Code): the cache's bookkeeping, page loading,
// contextValue tokens and the model's registries and skipped settings entries.
import * as assert from 'node:assert/strict';
import { type RegistryConfig } from '../../src/config';
import { UNLOCKED, type LockAttributes } from '../../src/locks/attributes';
import { RegistryError } from '../../src/registry/errors';
import { silentLogger } from '../../src/registry/log';
import { type ManifestInfo, type TagInfo } from '../../src/registry/models';
import { NodeCache, pagedOf } from '../../src/tree/cache';
import { contextValue } from '../../src/tree/contextValue';
import { Generation } from '../../src/tree/generation';
import { ExplorerModel } from '../../src/tree/model';
import { type ManifestNode, type Node, type RegistryNode, type RepositoryNode, type TagNode } from '../../src/tree/nodes';
import { firstPageError, loadPage, type Paged, withTail } from '../../src/tree/paging';

const at = new Date('2024-01-01T00:00:00Z');
const registry: RegistryNode = { kind: 'registry', config: { loginServer: 'r1234.azurecr.io', auth: 'password', username: 'u' } };
const repository: RepositoryNode = { kind: 'repository', registry, name: 'team/app' };

function tag(name: string, digest: string, attributes: Partial<LockAttributes> = {}): TagNode {
  const info: TagInfo = { kind: 'tag', repository: repository.name, name, digest, attributes: { ...UNLOCKED, ...attributes }, createdOn: at, lastUpdatedOn: at };
  return { kind: 'tag', repository, tag: info, hidden: false };
}

function manifest(digest: string, tags: string[], attributes: Partial<LockAttributes> = {}): ManifestInfo {
  return { kind: 'manifest', repository: repository.name, digest, attributes: { ...UNLOCKED, ...attributes }, tags, createdOn: at, lastUpdatedOn: at, references: [] };
}

const noClient = (): Promise<never> => Promise.reject(new Error('no registry in this test'));

suite('tree cache', () => {
  test('links each listed tag to its manifest, and finds every node of the same target', () => {
    const cache = new NodeCache();
    pagedOf(cache.repositories, registry).items.push(repository);
    const latest = tag('latest', 'sha256:aaa');
    const v1 = tag('v1', 'sha256:aaa');
    const other = tag('v2', 'sha256:bbb');
    pagedOf(cache.tags, repository).items.push(latest, v1, other);
    const group = cache.groupOf(repository);
    assert.equal(cache.groupOf(repository), group, 'one group node per repository');
    const locked = manifest('sha256:aaa', ['latest', 'v1'], { writeEnabled: false, deleteEnabled: false });
    const manifestNode: ManifestNode = { kind: 'manifest', repository, manifest: locked };
    pagedOf(cache.manifests, group).items.push(manifestNode);

    cache.linkManifests(repository);
    assert.equal(latest.manifest, locked);
    assert.equal(v1.manifest, locked);
    assert.equal(other.manifest, undefined, 'a manifest not loaded yet is not invented');

    assert.deepEqual(cache.sameTarget(latest), [latest], 'a tag: only itself');
    assert.deepEqual(new Set(cache.sameTarget(manifestNode)), new Set([manifestNode, latest, v1]), 'a manifest: itself and its tags');
    assert.equal(cache.knownManifest(repository, 'sha256:aaa'), locked);
  });

  test('dropping a repository forgets its listings, details and expansions; a registry drop returns its repositories', () => {
    const cache = new NodeCache();
    pagedOf(cache.repositories, registry).items.push(repository);
    const latest = tag('latest', 'sha256:aaa');
    pagedOf(cache.tags, repository).items.push(latest);
    pagedOf(cache.expanded, latest).items.push({ kind: 'manifest', repository, manifest: manifest('sha256:aaa', ['latest']) });
    assert.deepEqual(cache.dropRegistry(registry), [repository]);
    assert.equal(cache.tags.has(repository), false);
    assert.equal(cache.expanded.has(latest), false);
    assert.equal(cache.repositories.has(registry), false);
  });
});

suite('tree paging', () => {
  const context = { generation: new Generation(), log: silentLogger };

  test('concurrent loads of one listing share one request; pages append with their token', async () => {
    const paged: Paged<TagNode> = { items: [], loaded: false };
    const tokens: (string | undefined)[] = [];
    const [a, b, c] = [tag('a', 'sha256:1'), tag('b', 'sha256:2'), tag('c', 'sha256:3')];
    const fetch = (token: string | undefined): Promise<{ items: TagNode[]; continuationToken?: string }> => {
      tokens.push(token);
      return Promise.resolve(token === undefined ? { items: [a, b], continuationToken: 'next' } : { items: [c] });
    };
    await Promise.all([loadPage(paged, fetch, context), loadPage(paged, fetch, context)]);
    assert.deepEqual(tokens, [undefined], 'one request for both callers');
    assert.deepEqual(paged.items, [a, b]);
    assert.equal(paged.continuationToken, 'next');
    const parent = repository;
    assert.deepEqual(withTail(parent, paged, [], 'noTags', 'noTagMatch').map((n) => n.kind), ['loadMore'], 'Load more… while there is a next page');
    await loadPage(paged, fetch, context);
    assert.deepEqual(tokens, [undefined, 'next']);
    assert.deepEqual(paged.items, [a, b, c]);
    assert.equal(paged.continuationToken, undefined);
    const empty = withTail(parent, paged, [], 'noTags', 'noTagMatch');
    assert.deepEqual(empty.map((n) => (n.kind === 'message' ? n.message.id : n.kind)), ['noTagMatch'], 'loaded items, none visible: no match');
  });

  test('a failed first page is the listing’s error (never thrown); a page of a dropped generation is discarded', async () => {
    const paged: Paged<TagNode> = { items: [], loaded: false };
    await loadPage(paged, () => Promise.reject(new RegistryError('server', '503', { status: 503 })), context);
    assert.equal(paged.loaded, true);
    assert.equal(firstPageError(paged)?.kind, 'server');
    const tail = withTail(repository, paged, [], 'noTags', 'noTagMatch');
    assert.deepEqual(tail.map((n) => (n.kind === 'message' ? n.message.id : n.kind)), ['error']);

    const generation = new Generation();
    const late: Paged<string> = { items: [], loaded: false };
    let resolve: (page: { items: string[] }) => void = () => undefined;
    const pending = loadPage(late, () => new Promise((r) => (resolve = r)), { generation, log: silentLogger });
    generation.bump();
    resolve({ items: ['stale'] });
    await pending;
    assert.deepEqual(late.items, [], 'a refresh happened meanwhile: the old page is not shown');
  });
});

suite('tree contextValue', () => {
  test('tokens are sorted, wrapped in ;, and carry the lock flags, the auth mode and the manifest caveat', () => {
    assert.equal(contextValue(registry), ';auth-password;registry;');
    const locked = tag('v1', 'sha256:aaa', { writeEnabled: false, deleteEnabled: false });
    locked.manifest = manifest('sha256:aaa', ['v1'], { deleteEnabled: false });
    assert.equal(contextValue(locked), ';deleteOff;listOn;loaded;manifestLocked;readOn;tag;writeOff;');
    assert.equal(contextValue(repository), ';repository;unread;', 'a repository whose locks are not read yet: no flag tokens, "unread"');
    const errorNode: Node = { kind: 'message', message: { id: 'error', error: new RegistryError('server', '503') }, severity: 'error' };
    assert.equal(contextValue(errorNode), ';error;message;');
  });
});

suite('tree model (no registry)', () => {
  const settings = { pageSize: () => 100, sortOrder: () => 'name' as const };

  test('the top level lists the registries, then one message per skipped settings entry with Open Settings', async () => {
    const model = new ExplorerModel(noClient, settings, silentLogger);
    const configs: RegistryConfig[] = [{ loginServer: 'a1234.azurecr.io', auth: 'microsoft' }];
    model.setRegistries(configs, [
      { index: 1, reason: 'loginServer', loginServer: 'bad/path' },
      { index: 2, reason: 'notObject' },
    ]);
    const top = await model.children(undefined);
    assert.deepEqual(top.map((n) => n.kind), ['registry', 'message', 'message']);
    const problems = top.filter((n) => n.kind === 'message');
    assert.deepEqual(
      problems.map((n) => (n.kind === 'message' && n.message.id === 'configProblem' ? [n.message.problem.index, n.message.problem.reason, n.action?.kind] : [])),
      [
        [1, 'loginServer', 'openSettings'],
        [2, 'notObject', 'openSettings'],
      ],
    );
    model.setRegistries(configs);
    assert.deepEqual((await model.children(undefined)).map((n) => n.kind), ['registry'], 'fixed entries disappear');
  });

  test('a registry whose settings did not change keeps its node; changes fire one redraw of everything', () => {
    const model = new ExplorerModel(noClient, settings, silentLogger);
    const fired: (Node | undefined)[] = [];
    const subscription = model.onDidChange((node) => fired.push(node));
    model.setRegistries([{ loginServer: 'a1234.azurecr.io', auth: 'microsoft' }]);
    const [first] = model.registries();
    model.setRegistries([{ loginServer: 'a1234.azurecr.io', auth: 'microsoft' }, { loginServer: 'b1234.azurecr.io', auth: 'anonymous' }]);
    assert.equal(model.registries()[0], first, 'same settings, same node (and cache)');
    assert.deepEqual(fired, [undefined, undefined]);
    subscription.dispose();
    model.setRegistries([]);
    assert.equal(fired.length, 2, 'a disposed listener hears nothing');
  });

  test('a registry whose client cannot be had shows an error node with its recovery action, never throws', async () => {
    const model = new ExplorerModel(() => Promise.reject(new RegistryError('signInRequired', 'no session')), settings, silentLogger);
    model.setRegistries([{ loginServer: 'a1234.azurecr.io', auth: 'microsoft' }]);
    const [node] = model.registries();
    const children = await model.children(node);
    assert.equal(children.length, 1);
    const message = children[0];
    assert.ok(message?.kind === 'message' && message.message.id === 'error');
    assert.equal(message.error?.kind, 'signInRequired');
    assert.deepEqual(message.action, { kind: 'signIn', registry: node });
  });
});
