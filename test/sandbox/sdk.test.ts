/** The official @azure/container-registry client against the sandbox (issue 4, first "done when"). */
import * as assert from 'node:assert/strict';
import { type ContainerRegistryClient } from '@azure/container-registry';
import { start, type Sandbox } from './index';
import { contentClient, rejection, sdkClient } from './testUtil';

describe('sandbox with @azure/container-registry 1.1.2', () => {
  let sandbox: Sandbox;
  let client: ContainerRegistryClient;

  beforeEach(async () => {
    sandbox = await start({ seed: 'demo' });
    client = sdkClient(sandbox);
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  it('lists repositories page by page following Link headers', async () => {
    const pages: string[][] = [];
    for await (const page of client.listRepositoryNames().byPage({ maxPageSize: 2 })) {
      pages.push([...page]);
    }
    assert.deepEqual(pages, [
      ['hello-world', 'locked-repo'],
      ['multiarch', 'team/app'],
    ]);
    assert.equal(sandbox.stats.count({ method: 'GET', path: '/acr/v1/_catalog', status: 200 }), 2);
    const second = sandbox.stats.filter({ method: 'GET', path: '/acr/v1/_catalog', status: 200 })[1];
    assert.equal(second?.query, '?last=locked-repo&n=2&orderby=');
  });

  it('lists tags with paging and order, hiding list-disabled tags', async () => {
    const artifact = client.getArtifact('hello-world', 'latest');
    const pages: string[][] = [];
    for await (const page of artifact.listTagProperties().byPage({ maxPageSize: 3 })) {
      pages.push(page.map((t) => t.name));
    }
    assert.deepEqual(pages, [['latest', 'v1', 'v2'], ['v3']]);
    const newestFirst: string[] = [];
    for await (const tag of artifact.listTagProperties({ order: 'LastUpdatedOnDescending' })) {
      newestFirst.push(tag.name);
    }
    assert.deepEqual(newestFirst, ['v3', 'v2', 'v1', 'latest']);
    const hidden = await artifact.getTagProperties('beta');
    assert.equal(hidden.canList, false);
    assert.equal(hidden.canRead, true);
  });

  it('lists manifests, including the untagged children of a multi-arch index', async () => {
    const repository = client.getRepository('multiarch');
    const manifests = [];
    for await (const page of repository.listManifestProperties().byPage({ maxPageSize: 1 })) {
      manifests.push(...page);
    }
    assert.equal(manifests.length, 3);
    const index = manifests.find((m) => m.tags.includes('latest'));
    assert.ok(index, 'the index carries the tag');
    const children = manifests.filter((m) => m !== index);
    assert.deepEqual(children.map((c) => c.architecture).sort(), ['amd64', 'arm64']);
    assert.ok(children.every((c) => c.tags.length === 0 && c.operatingSystem === 'linux'));
    const props = await client.getArtifact('multiarch', 'latest').getManifestProperties();
    assert.equal(props.digest, index.digest);
    assert.deepEqual(props.relatedArtifacts.map((r) => r.architecture).sort(), ['amd64', 'arm64']);
    assert.equal(props.registryLoginServer, 'sandbox.azurecr.io');
  });

  it('gets and partially updates properties at repository, tag and manifest level independently', async () => {
    const repository = client.getRepository('team/app');
    const repoProps = await repository.updateProperties({ canWrite: false });
    assert.deepEqual([repoProps.canDelete, repoProps.canWrite, repoProps.canRead, repoProps.canList], [true, false, true, true]);
    assert.equal(repoProps.tagCount, 3);

    const artifact = client.getArtifact('team/app', 'latest');
    const tagProps = await artifact.updateTagProperties('latest', { canDelete: false });
    assert.deepEqual([tagProps.canDelete, tagProps.canWrite, tagProps.canRead, tagProps.canList], [false, true, true, true]);
    const manifestProps = await artifact.updateManifestProperties({ canList: false });
    assert.deepEqual([manifestProps.canDelete, manifestProps.canWrite, manifestProps.canRead, manifestProps.canList], [true, true, true, false]);

    // Each level kept its own flags.
    assert.equal((await repository.getProperties()).canDelete, true);
    assert.equal((await artifact.getTagProperties('latest')).canList, true);
    assert.equal((await artifact.getManifestProperties()).canDelete, true);
    assert.equal(sandbox.control.getTag('sandbox', 'team/app', 'latest')?.changeableAttributes.deleteEnabled, false);
  });

  it('refuses deletes while locked (405 REGISTRY_DISALLOWED_OPERATION) and allows them once unlocked', async () => {
    const helloWorld = client.getArtifact('hello-world', 'v1');
    const tagError = await rejection(helloWorld.deleteTag('v1'));
    assert.equal(tagError.statusCode, 405);
    assert.match(tagError.message, /disallowed/);

    // Manifest lock under an unlocked tag blocks deleting the image.
    const appImage = client.getArtifact('team/app', '1.1');
    assert.equal((await appImage.getTagProperties('1.1')).canDelete, true);
    assert.equal((await rejection(appImage.delete())).statusCode, 405);

    assert.equal((await rejection(client.deleteRepository('locked-repo'))).statusCode, 405);
    assert.equal((await rejection(client.deleteRepository('hello-world'))).statusCode, 405, 'locked tags inside block the repository delete');

    await appImage.updateManifestProperties({ canDelete: true, canWrite: true });
    await appImage.delete();
    assert.equal(sandbox.control.getTag('sandbox', 'team/app', '1.1'), undefined);

    await client.getArtifact('hello-world', 'latest').deleteTag('latest');
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest'), undefined);
    assert.ok(sandbox.control.getTag('sandbox', 'hello-world', 'v1'), 'the manifest stays, still tagged v1');
  });

  it('deletes an unlocked repository (202) and then reports it unknown (404)', async () => {
    await client.deleteRepository('multiarch');
    assert.equal(sandbox.stats.count({ method: 'DELETE', path: '/acr/v1/multiarch', status: 202 }), 1);
    assert.equal((await rejection(client.getRepository('multiarch').getProperties())).statusCode, 404);
  });

  it('answers a token lacking the scope with 401 insufficient_scope, then one new token', async () => {
    await client.getRepository('team/app').getProperties();
    sandbox.stats.reset();
    await client.getRepository('hello-world').getProperties();
    const sequence = sandbox.stats.records.map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.deepEqual(sequence, ['GET /acr/v1/hello-world 401', 'POST /oauth2/token 200', 'GET /acr/v1/hello-world 200']);
  });

  it('blocks pulling a read-disabled tag but serves unlocked ones with verified digests', async () => {
    const content = contentClient(sandbox, 'team/app');
    const ok = await content.getManifest('latest');
    assert.equal(ok.digest, sandbox.control.getTag('sandbox', 'team/app', 'latest')?.digest);
    const blocked = await rejection(content.getManifest('1.0'));
    assert.equal(blocked.statusCode, 405);
  });

  it('pushes with the content client and refuses overwriting a write-locked tag', async () => {
    const content = contentClient(sandbox, 'hello-world');
    const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
    const { digest: configDigest } = await content.uploadBlob(config);
    const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: [] };
    const pushed = await content.setManifest(manifest, { tag: 'fresh' });
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'fresh')?.digest, pushed.digest);
    assert.equal((await rejection(content.setManifest(manifest, { tag: 'v3' }))).statusCode, 405);
  });
});
