/**
 * Debian's azure-cli 2.45 through the CONNECT proxy, running the `az acr repository` / `az acr manifest`
 * commands of the two seed documents (issue 4, third "done when"). Asserts documented semantics.
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { start, type Sandbox } from './index';
import { admin, azEnv, azHome, hasBinary, run } from './testUtil';

interface Attrs {
  deleteEnabled: boolean;
  writeEnabled: boolean;
  readEnabled: boolean;
  listEnabled: boolean;
}

describe('sandbox with az (azure-cli) through the CONNECT proxy', function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let home: string;

  before(async function () {
    if (!hasBinary('az')) {
      this.skip(); // az is not installed (apt-get install azure-cli; npm test installs it first, scripts/prerequisites.mjs).
    }
    sandbox = await start({ seed: 'demo' });
    home = await azHome('sandbox-az-');
  });
  after(async () => {
    await sandbox?.stop();
    if (home) {
      rmSync(home, { recursive: true, force: true });
    }
  });

  async function az(...args: string[]): Promise<{ status: number | null; json: unknown; stderr: string }> {
    const user = admin(sandbox);
    const env = azEnv(sandbox, home);
    const registryFlag = args[0] === 'manifest' ? '-r' : '-n';
    const result = await run('az', ['acr', ...args, registryFlag, 'sandbox', '-u', user.username, `--password=${user.password}`, '-o', 'json'], env, 60_000);
    let json: unknown;
    try {
      json = result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
    } catch {
      json = undefined;
    }
    return { status: result.status, json, stderr: result.stderr };
  }

  async function ok(...args: string[]): Promise<unknown> {
    const result = await az(...args);
    assert.equal(result.status, 0, `az acr ${args.join(' ')} failed: ${result.stderr}`);
    return result.json;
  }

  async function refused(...args: string[]): Promise<string> {
    const result = await az(...args);
    assert.notEqual(result.status, 0, `az acr ${args.join(' ')} should have failed`);
    assert.match(result.stderr, /disallowed|not supported/i);
    return result.stderr;
  }

  function attrs(value: unknown): Attrs {
    const v = value as { changeableAttributes?: Attrs; tag?: { changeableAttributes?: Attrs } };
    const found = v.changeableAttributes ?? v.tag?.changeableAttributes;
    assert.ok(found, `no changeableAttributes in ${JSON.stringify(value)}`);
    return found;
  }

  const digestOf = (repo: string, tag: string): string => {
    const digest = sandbox.control.getTag('sandbox', repo, tag)?.digest;
    assert.ok(digest);
    return digest;
  };

  it('lists repositories, tags (without the hidden one) and manifests (with it)', async () => {
    assert.deepEqual(await ok('repository', 'list'), ['hello-world', 'locked-repo', 'multiarch', 'team/app']);
    assert.deepEqual(await ok('repository', 'show-tags', '--repository', 'hello-world'), ['latest', 'v1', 'v2', 'v3']);
    const hidden = (await ok('repository', 'show', '--image', 'hello-world:beta')) as { name: string };
    assert.equal(hidden.name, 'beta');
    assert.equal(attrs(hidden).listEnabled, false);
    const manifests = (await ok('repository', 'show-manifests', '--repository', 'hello-world', '--detail')) as { tags?: string[] }[];
    assert.ok(manifests.some((m) => m.tags?.includes('beta')), 'a hidden tag still appears in its manifest tags');
    assert.equal(manifests.length, 5);
    const metadata = (await ok('manifest', 'list-metadata', '--name', 'multiarch')) as { tags?: string[]; architecture?: string }[];
    assert.equal(metadata.length, 3);
    assert.deepEqual(metadata.filter((m) => !m.tags).map((m) => m.architecture).sort(), ['amd64', 'arm64']);
  });

  it('shows attributes of a repository, a tag and a manifest by digest, each independent', async () => {
    const repo = (await ok('repository', 'show', '--repository', 'team/app')) as { imageName: string; tagCount: number };
    assert.equal(repo.imageName, 'team/app');
    assert.equal(repo.tagCount, 3);
    assert.equal(attrs(await ok('repository', 'show', '--image', 'team/app:1.1')).writeEnabled, true);
    const digest = digestOf('team/app', '1.1');
    const manifest = (await ok('repository', 'show', '--image', `team/app@${digest}`)) as { digest: string };
    assert.equal(manifest.digest, digest);
    assert.equal(attrs(manifest).writeEnabled, false, 'the manifest under the unlocked tag is locked');
    const shown = (await ok('manifest', 'show-metadata', '--name', 'team/app:1.1')) as { name?: string; digest: string };
    assert.equal(shown.digest, digest);
    const byDigest = (await ok('manifest', 'show-metadata', '--name', `team/app@${digest}`)) as { digest: string };
    assert.equal(attrs(byDigest).deleteEnabled, false);
  });

  it('updates each of the four flags at all three levels; a partial update leaves the other flags', async () => {
    const flags: [string, keyof Attrs][] = [
      ['--write-enabled', 'writeEnabled'],
      ['--delete-enabled', 'deleteEnabled'],
      ['--read-enabled', 'readEnabled'],
      ['--list-enabled', 'listEnabled'],
    ];
    const digest = digestOf('team/app', 'latest');
    const targets: [string, string][] = [
      ['--repository', 'team/app'],
      ['--image', 'team/app:latest'],
      ['--image', `team/app@${digest}`],
    ];
    for (const [option, target] of targets) {
      const expected: Attrs = { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true };
      for (const [flag, key] of flags) {
        expected[key] = false;
        assert.deepEqual(attrs(await ok('repository', 'update', option, target, flag, 'false')), expected, `${option} ${target} ${flag}`);
      }
    }
    // Independence: the tag's flags did not change the manifest's beyond its own updates, and vice versa.
    assert.equal(sandbox.control.getRepository('sandbox', 'team/app')?.changeableAttributes.listEnabled, false);
    // The documents' unlock commands: both flags in one call; read/list stay as they were.
    const unlocked = attrs(await ok('repository', 'update', '--image', 'team/app:latest', '--delete-enabled', 'true', '--write-enabled', 'true'));
    assert.deepEqual(unlocked, { deleteEnabled: true, writeEnabled: true, readEnabled: false, listEnabled: false });
    const repoUnlocked = attrs(await ok('repository', 'update', '--repository', 'team/app', '--delete-enabled', 'true', '--write-enabled', 'true'));
    assert.deepEqual(repoUnlocked, { deleteEnabled: true, writeEnabled: true, readEnabled: false, listEnabled: false });
    assert.equal(sandbox.control.getManifest('sandbox', 'team/app', digest)?.changeableAttributes.writeEnabled, false, 'unlocking the repository leaves the manifest lock');
    // az acr manifest update-metadata with repo:tag addresses the tag (az 2.45 behaviour).
    assert.equal(attrs(await ok('manifest', 'update-metadata', '--name', 'team/app:latest', '--read-enabled', 'true')).readEnabled, true);
    assert.equal(sandbox.control.getTag('sandbox', 'team/app', 'latest')?.changeableAttributes.readEnabled, true);
    assert.equal(sandbox.control.getManifest('sandbox', 'team/app', digest)?.changeableAttributes.readEnabled, false);
    assert.equal(attrs(await ok('manifest', 'update-metadata', '--name', `team/app@${digest}`, '--list-enabled', 'true')).listEnabled, true);
    assert.equal(sandbox.control.getManifest('sandbox', 'team/app', digest)?.changeableAttributes.listEnabled, true);
  });

  it('untags and deletes as the locks allow; a manifest lock blocks deleting an image whose tag is unlocked', async () => {
    await refused('repository', 'untag', '--image', 'hello-world:v2');
    assert.ok(sandbox.control.getTag('sandbox', 'hello-world', 'v2'), 'delete-protected tag survives');
    await ok('repository', 'untag', '--image', 'hello-world:latest');
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest'), undefined);
    assert.ok(sandbox.control.getManifest('sandbox', 'hello-world', digestOf('hello-world', 'v1')), 'untag keeps the manifest');

    // Lock, then unlock the tag; the manifest's own lock still blocks deleting the image.
    await ok('repository', 'update', '--image', 'team/app:1.1', '--write-enabled', 'false', '--delete-enabled', 'false');
    await ok('repository', 'update', '--image', 'team/app:1.1', '--write-enabled', 'true', '--delete-enabled', 'true');
    await refused('repository', 'delete', '--image', 'team/app:1.1', '--yes');
    const digest = digestOf('team/app', '1.1');
    await ok('repository', 'update', '--image', `team/app@${digest}`, '--delete-enabled', 'true', '--write-enabled', 'true');
    await ok('repository', 'delete', '--image', 'team/app:1.1', '--yes');
    assert.equal(sandbox.control.getManifest('sandbox', 'team/app', digest), undefined);

    // write-protected but deletable tag: deleting is blocked too (writeEnabled=false blocks delete).
    await refused('repository', 'delete', '--image', `hello-world@${digestOf('hello-world', 'v3')}`, '--yes');
  });

  it('refuses deleting a locked repository until it is unlocked', async () => {
    await refused('repository', 'delete', '--repository', 'locked-repo', '--yes');
    await ok('repository', 'update', '--repository', 'locked-repo', '--delete-enabled', 'true', '--write-enabled', 'true');
    await ok('repository', 'delete', '--repository', 'locked-repo', '--yes');
    assert.equal(sandbox.control.getRepository('sandbox', 'locked-repo'), undefined);
    assert.equal(sandbox.stats.count({ method: 'DELETE', path: '/acr/v1/locked-repo', status: 202 }), 1);
  });
});
