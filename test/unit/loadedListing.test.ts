// The tree's complete listings offered to the editor (src/tree/loadedListing.ts), and resolution
// from them (src/deploy/resolve.ts `known`): what is complete is not listed again.
import * as assert from 'node:assert/strict';
import { resolveRepository } from '../../src/deploy/resolve';
import { UNLOCKED } from '../../src/locks/attributes';
import { type LockClient } from '../../src/locks/client';
import { RegistryError } from '../../src/registry/errors';
import { type ManifestInfo, type Page, type TagInfo } from '../../src/registry/models';
import { NodeCache, pagedOf } from '../../src/tree/cache';
import { loadedListing } from '../../src/tree/loadedListing';
import { type RegistryNode, type RepositoryNode } from '../../src/tree/nodes';

const at = new Date('2024-01-01T00:00:00Z');
const mine: RegistryNode = { kind: 'registry', config: { loginServer: 'R1234.azurecr.io', auth: 'password', username: 'u' } };
const azureView: RegistryNode = { kind: 'registry', config: { loginServer: 'r1234.azurecr.io', auth: 'microsoft' } };
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

function tagInfo(name: string, digest: string): TagInfo {
  return { kind: 'tag', repository: 'team/app', name, digest, attributes: { ...UNLOCKED }, createdOn: at, lastUpdatedOn: at };
}
function manifestInfo(digest: string, tags: string[]): ManifestInfo {
  return { kind: 'manifest', repository: 'team/app', digest, attributes: { ...UNLOCKED, writeEnabled: false }, tags, createdOn: at, lastUpdatedOn: at, references: [] };
}

/** A cache holding team/app under `registry` with its tag and manifest listings as given. */
function cacheWith(registry: RegistryNode, tagsDone: boolean, manifestsDone: boolean): NodeCache {
  const cache = new NodeCache();
  const repository: RepositoryNode = { kind: 'repository', registry, name: 'team/app' };
  const other: RepositoryNode = { kind: 'repository', registry, name: 'team/other' };
  const repositories = pagedOf(cache.repositories, registry);
  repositories.items.push(other, repository);
  repositories.loaded = true;
  const tags = pagedOf(cache.tags, repository);
  tags.items.push({ kind: 'tag', repository, tag: tagInfo('v1', D1), hidden: false });
  tags.loaded = true;
  tags.continuationToken = tagsDone ? undefined : 'next';
  const manifests = pagedOf(cache.manifests, cache.groupOf(repository));
  manifests.items.push({ kind: 'manifest', repository, manifest: manifestInfo(D1, ['v1']) });
  manifests.loaded = true;
  manifests.continuationToken = manifestsDone ? undefined : 'next';
  return cache;
}

/** Counts listings and direct reads; knows v1 → D1, and v2 → D2 hidden from listings. */
function countingClient(): { client: LockClient; calls: string[] } {
  const calls: string[] = [];
  const page = <T>(items: T[]): Promise<Page<T>> => Promise.resolve({ items });
  const client = {
    loginServer: 'r1234.azurecr.io',
    listTags: () => (calls.push('listTags'), page([tagInfo('v1', D1)])),
    listManifests: () => (calls.push('listManifests'), page([manifestInfo(D1, ['v1'])])),
    getTag: (_repository: string, name: string) => (calls.push(`getTag ${name}`), name === 'v2' ? Promise.resolve(tagInfo('v2', D2)) : Promise.reject(new RegistryError('notFound', 'no tag'))),
    getManifest: (_repository: string, digest: string) => (calls.push(`getManifest ${digest === D2 ? 'D2' : digest}`), Promise.resolve(manifestInfo(digest, []))),
  } as unknown as LockClient;
  return { client, calls };
}

suite('tree listings for the editor', () => {
  test('complete tag and manifest listings are offered (any view, login server in any case); a partial tag listing is not', () => {
    const both = loadedListing(cacheWith(azureView, true, true), 'r1234.AZURECR.io', 'team/app');
    assert.deepEqual(both?.tags.map((t) => t.name), ['v1']);
    assert.deepEqual(both?.manifests?.map((m) => m.digest), [D1]);
    const tagsOnly = loadedListing(cacheWith(mine, true, false), 'r1234.azurecr.io', 'team/app');
    assert.deepEqual(tagsOnly?.tags.map((t) => t.name), ['v1']);
    assert.equal(tagsOnly?.manifests, undefined, 'a manifest listing with pages left is not offered');
    assert.equal(loadedListing(cacheWith(mine, false, true), 'r1234.azurecr.io', 'team/app'), undefined, 'tags with pages left: nothing');
    assert.equal(loadedListing(cacheWith(mine, true, true), 'r1234.azurecr.io', 'team/other'), undefined, 'a repository whose tags were never listed');
    assert.equal(loadedListing(cacheWith(mine, true, true), 'other.azurecr.io', 'team/app'), undefined);
    const failed = cacheWith(mine, true, true);
    const tags = [...failed.tags.values()][0];
    assert.ok(tags);
    tags.error = new RegistryError('unreachable', 'page 2 failed');
    assert.equal(loadedListing(failed, 'r1234.azurecr.io', 'team/app'), undefined, 'a listing that stopped on an error is not complete');
  });

  test('resolution from the tree: both listings known → no listing sent; tags known → only the manifest listing', async () => {
    const wanted = { tags: new Set(['v1', 'v2', 'gone']), digests: new Set<string>() };
    const cold = countingClient();
    await resolveRepository(cold.client, 'team/app', wanted);
    assert.deepEqual(cold.calls.filter((c) => c.startsWith('list')), ['listTags', 'listManifests']);

    const known = loadedListing(cacheWith(mine, true, true), 'r1234.azurecr.io', 'team/app');
    const warm = countingClient();
    const listing = await resolveRepository(warm.client, 'team/app', wanted, undefined, known);
    assert.deepEqual(warm.calls, ['getTag v2', 'getTag gone', 'getManifest D2'], 'only what no listing shows is read (a hidden tag, a missing one)');
    assert.equal(listing.manifests.get(D1)?.attributes.writeEnabled, false, 'the flags come from the tree’s manifest listing');
    assert.deepEqual([...listing.missingTags], ['gone']);

    const half = countingClient();
    await resolveRepository(half.client, 'team/app', { tags: new Set(['v1']), digests: new Set() }, undefined, loadedListing(cacheWith(mine, true, false), 'r1234.azurecr.io', 'team/app'));
    assert.deepEqual(half.calls, ['listManifests']);
  });
});
