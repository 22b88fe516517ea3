/** Debian's skopeo pushes and pulls through the sandbox's OCI API (issue 4, second "done when"). */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Sandbox } from './index';
import { buildImage } from './image';
import { writeOciLayout } from './ociLayout';
import { admin, hasBinary, run } from './testUtil';

describe('sandbox with skopeo', function () {
  let sandbox: Sandbox;
  let work: string;
  let certDir: string;
  let host: string;

  before(function () {
    if (!hasBinary('skopeo')) {
      this.skip(); // skopeo is not installed (apt-get install skopeo; npm test installs it first, scripts/prerequisites.mjs).
    }
  });

  beforeEach(async () => {
    sandbox = await start({ seed: 'demo' });
    work = mkdtempSync(join(tmpdir(), 'sandbox-skopeo-'));
    certDir = join(work, 'certs');
    mkdirSync(certDir);
    copyFileSync(sandbox.caFile, join(certDir, 'ca.crt'));
    host = new URL(sandbox.endpoint).host;
  });
  afterEach(async () => {
    await sandbox?.stop();
    if (work) {
      rmSync(work, { recursive: true, force: true });
    }
  });

  function skopeo(...args: string[]): Promise<{ status: number | null; output: string }> {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, XDG_RUNTIME_DIR: work, XDG_CONFIG_HOME: join(work, 'config') };
    return run('skopeo', ['--insecure-policy', ...args], env);
  }

  function creds(): string {
    const user = admin(sandbox);
    return `${user.username}:${user.password}`;
  }

  it('pushes an image by tag, then refuses pushing to the tag once it is write-locked', async () => {
    const image = buildImage({ content: 'pushed by skopeo' });
    const layout = join(work, 'layout');
    writeOciLayout(layout, 'v1', image);
    const push = await skopeo('copy', '--dest-cert-dir', certDir, '--dest-creds', creds(), `oci:${layout}:v1`, `docker://${host}/pushed/app:v1`);
    assert.equal(push.status, 0, push.output);
    const tag = sandbox.control.getTag('sandbox', 'pushed/app', 'v1');
    assert.equal(tag?.digest, image.digest);
    assert.equal(sandbox.control.getManifest('sandbox', 'pushed/app', image.digest)?.architecture, 'amd64');

    sandbox.control.setTagAttributes('sandbox', 'pushed/app', 'v1', { writeEnabled: false });
    const again = await skopeo('copy', '--dest-cert-dir', certDir, '--dest-creds', creds(), `oci:${layout}:v1`, `docker://${host}/pushed/app:v1`);
    assert.notEqual(again.status, 0);
    assert.match(again.output, /The operation is disallowed on this registry, repository or image/);
    assert.equal(sandbox.stats.count({ method: 'PUT', path: '/v2/pushed/app/manifests/v1', status: 405 }), 1);

    // Another tag for the same image is still allowed (the lock is per tag).
    const other = await skopeo('copy', '--dest-cert-dir', certDir, '--dest-creds', creds(), `oci:${layout}:v1`, `docker://${host}/pushed/app:v2`);
    assert.equal(other.status, 0, other.output);
  });

  it('refuses pushing into a write-locked repository', async () => {
    const layout = join(work, 'layout');
    writeOciLayout(layout, 'x', buildImage({ content: 'into a locked repository' }));
    const push = await skopeo('copy', '--dest-cert-dir', certDir, '--dest-creds', creds(), `oci:${layout}:x`, `docker://${host}/locked-repo:new`);
    assert.notEqual(push.status, 0);
    assert.match(push.output, /disallowed/);
    assert.equal(sandbox.control.getTag('sandbox', 'locked-repo', 'new'), undefined);
  });

  it('pulls an unlocked tag and a multi-arch index, but not a read-disabled tag', async () => {
    const out = join(work, 'pulled');
    const pull = await skopeo('copy', '--src-cert-dir', certDir, '--src-creds', creds(), `docker://${host}/team/app:latest`, `oci:${out}:latest`);
    assert.equal(pull.status, 0, pull.output);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    assert.equal(index.manifests[0]?.digest, sandbox.control.getTag('sandbox', 'team/app', 'latest')?.digest);

    const all = await skopeo('copy', '--all', '--src-cert-dir', certDir, '--src-creds', creds(), `docker://${host}/multiarch:latest`, `oci:${join(work, 'multi')}:latest`);
    assert.equal(all.status, 0, all.output);

    const blocked = await skopeo('copy', '--src-cert-dir', certDir, '--src-creds', creds(), `docker://${host}/team/app:1.0`, `oci:${join(work, 'blocked')}:x`);
    assert.notEqual(blocked.status, 0);
    assert.match(blocked.output, /disallowed/);
  });

  it('pulls with the read-only token user, which cannot push', async () => {
    const reader = sandbox.users.find((u) => u.username === 'reader');
    assert.ok(reader);
    const readerCreds = `${reader.username}:${reader.password}`;
    const pull = await skopeo('copy', '--src-cert-dir', certDir, '--src-creds', readerCreds, `docker://${host}/hello-world:v2`, `oci:${join(work, 'r')}:v2`);
    assert.equal(pull.status, 0, pull.output);
    writeOciLayout(join(work, 'layout'), 'x', buildImage({ content: 'reader push' }));
    const push = await skopeo('copy', '--dest-cert-dir', certDir, '--dest-creds', readerCreds, `oci:${join(work, 'layout')}:x`, `docker://${host}/hello-world:reader`);
    assert.notEqual(push.status, 0);
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'reader'), undefined);
  });
});
