/** Token users for permission checks: `viewer` (AcrPull-like: catalog, metadata read, pull) and `locker` (metadata read/write, no catalog). */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { start, type Sandbox } from './index';
import { user } from './testUtil';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(sandbox: Sandbox, method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.endpoint}${path}`, { method, headers, ca: readFileSync(sandbox.caFile), agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

/** Password grant (as az does) for `scope`; returns the token and its `access` claim. */
async function token(sandbox: Sandbox, username: string, scope: string): Promise<{ token: string; access: AccessEntry[] }> {
  const { password } = user(sandbox, username);
  const form = new URLSearchParams({ grant_type: 'password', service: 'localhost', scope, username, password }).toString();
  const reply = await call(sandbox, 'POST', '/oauth2/token', { 'Content-Type': 'application/x-www-form-urlencoded' }, form);
  assert.equal(reply.status, 200, reply.body);
  const accessToken = (JSON.parse(reply.body) as { access_token: string }).access_token;
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { access: AccessEntry[] };
  return { token: accessToken, access: claims.access };
}

const bearer = (t: string): Record<string, string> => ({ Authorization: `Bearer ${t}` });
const json = { 'Content-Type': 'application/json' };

describe('sandbox token users viewer and locker', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await start({ registries: ['sandbox'], arm: { subscriptions: [{ displayName: 'One', registries: [{ name: 'sandbox' }] }] } });
  });
  after(async () => {
    await sandbox.stop();
  });

  it('the sandbox info lists both with passwords and their grants', () => {
    const viewer = sandbox.users.find((u) => u.username === 'viewer');
    const locker = sandbox.users.find((u) => u.username === 'locker');
    assert.ok(viewer?.password && locker?.password);
    assert.deepEqual(viewer.actions, ['registry:catalog:*', 'repository:*:metadata_read', 'repository:*:pull']);
    assert.deepEqual(locker.actions, ['repository:*:metadata_read', 'repository:*:metadata_write']);
  });

  it('viewer: the token grants only catalog, metadata_read and pull of what was asked; catalog and _tags work, PATCH is 401 insufficient_scope', async () => {
    const asked = 'registry:catalog:* repository:hello-world:pull,push,delete,metadata_read,metadata_write';
    const { token: t, access } = await token(sandbox, 'viewer', asked);
    assert.deepEqual(access, [
      { type: 'registry', name: 'catalog', actions: ['*'] },
      { type: 'repository', name: 'hello-world', actions: ['pull', 'metadata_read'] },
    ]);
    const catalog = await call(sandbox, 'GET', '/acr/v1/_catalog', bearer(t));
    assert.equal(catalog.status, 200, catalog.body);
    assert.ok((JSON.parse(catalog.body) as { repositories: string[] }).repositories.includes('hello-world'));
    const tags = await call(sandbox, 'GET', '/acr/v1/hello-world/_tags', bearer(t));
    assert.equal(tags.status, 200, tags.body);
    const manifest = await call(sandbox, 'GET', '/v2/hello-world/manifests/latest', { ...bearer(t), Accept: 'application/vnd.docker.distribution.manifest.v2+json' });
    assert.equal(manifest.status, 200, 'viewer can pull');
    const patch = await call(sandbox, 'PATCH', '/acr/v1/hello-world/_tags/latest', { ...bearer(t), ...json }, '{"writeEnabled":false}');
    assert.equal(patch.status, 401);
    assert.match(String(patch.headers['www-authenticate']), /scope="repository:hello-world:metadata_write",error="insufficient_scope"/);
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes.writeEnabled, true, 'nothing changed');
    // Asking for exactly metadata_write gets a token without it; Basic auth is refused the same way.
    const only = await token(sandbox, 'viewer', 'repository:hello-world:metadata_write');
    assert.deepEqual(only.access, [{ type: 'repository', name: 'hello-world', actions: [] }]);
    const { username, password } = user(sandbox, 'viewer');
    const basic = await call(sandbox, 'PATCH', '/acr/v1/hello-world/_tags/latest', { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, ...json }, '{"writeEnabled":false}');
    assert.equal(basic.status, 401);
    assert.match(String(basic.headers['www-authenticate']), /error="insufficient_scope"/);
  });

  it('locker: metadata read and write; the catalog is refused (401 insufficient_scope), and so is a pull', async () => {
    const { token: t, access } = await token(sandbox, 'locker', 'registry:catalog:* repository:team/app:pull,metadata_read,metadata_write');
    assert.deepEqual(access, [
      { type: 'registry', name: 'catalog', actions: [] },
      { type: 'repository', name: 'team/app', actions: ['metadata_read', 'metadata_write'] },
    ]);
    const catalog = await call(sandbox, 'GET', '/acr/v1/_catalog', bearer(t));
    assert.equal(catalog.status, 401);
    assert.match(String(catalog.headers['www-authenticate']), /scope="registry:catalog:\*",error="insufficient_scope"/);
    assert.equal((await call(sandbox, 'GET', '/acr/v1/team%2Fapp/_tags', bearer(t))).status, 200);
    const patch = await call(sandbox, 'PATCH', '/acr/v1/team%2Fapp/_tags/latest', { ...bearer(t), ...json }, '{"deleteEnabled":false}');
    assert.equal(patch.status, 200, patch.body);
    assert.equal(sandbox.control.getTag('sandbox', 'team/app', 'latest')?.changeableAttributes.deleteEnabled, false);
    sandbox.control.setTagAttributes('sandbox', 'team/app', 'latest', { deleteEnabled: true });
    const pull = await call(sandbox, 'GET', '/v2/team/app/manifests/latest', { ...bearer(t), Accept: 'application/vnd.oci.image.manifest.v1+json' });
    assert.equal(pull.status, 401);
  });
});
