/** The sandbox's hostile modes and its recording second origin (contract 5), seen on the wire. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { start, type HostileMode, type Sandbox } from './index';
import { HUGE_RETRY_AFTER_SEC } from './hostile';
import { admin, sdkClient } from './testUtil';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(sandbox: Sandbox, method: string, url: string, body = ''): Promise<Reply> {
  const user = admin(sandbox);
  const headers: Record<string, string> = { Authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` };
  if (body) {
    headers['Content-Type'] = 'application/json';
  }
  const target = url.startsWith('https://') ? url : `${sandbox.endpoint}${url}`;
  return new Promise((resolve, reject) => {
    const req = request(target, { method, headers, ca: readFileSync(sandbox.caFile), agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function parsed(reply: Reply): Record<string, unknown> {
  assert.equal(reply.status, 200, reply.body);
  const value: unknown = JSON.parse(reply.body);
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value));
  return value as Record<string, unknown>;
}

describe('sandbox hostile modes', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await start({ seed: 'demo' });
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  it('the evil origin is another HTTPS origin, trusted through the same CA, and records what it gets', async () => {
    assert.notEqual(new URL(sandbox.evil.origin).origin, new URL(sandbox.endpoint).origin);
    const reply = await call(sandbox, 'GET', `${sandbox.evil.origin}/acr/v1/_catalog?n=1`);
    assert.equal(reply.status, 200, 'a request with Authorization is answered');
    assert.equal(sandbox.evil.requests.length, 1);
    const seen = sandbox.evil.requests[0];
    assert.equal(seen?.method, 'GET');
    assert.equal(seen?.path, '/acr/v1/_catalog?n=1');
    assert.match(seen?.headers.authorization ?? '', /^Basic /);
    assert.equal(sandbox.stats.count(), 0, 'the sandbox itself saw nothing');
  });

  it('crossOriginRedirect: every registry call is redirected (307) to the evil origin; OAuth is not', async () => {
    sandbox.control.setHostile('crossOriginRedirect');
    for (const [method, path] of [
      ['GET', '/acr/v1/_catalog?n=2'],
      ['PATCH', '/acr/v1/hello-world/_tags/latest'],
      ['GET', '/v2/'],
    ] as const) {
      const reply = await call(sandbox, method, path, method === 'PATCH' ? '{"writeEnabled":false}' : '');
      assert.equal(reply.status, 307, `${method} ${path}`);
      assert.equal(reply.headers.location, `${sandbox.evil.origin}${path}`);
    }
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes.writeEnabled, true, 'the PATCH did nothing');
    const token = await call(sandbox, 'POST', '/oauth2/token?service=localhost&scope=registry:catalog:*&grant_type=password');
    assert.notEqual(token.status, 307);
    assert.equal(sandbox.evil.requests.length, 0, 'redirects alone send nothing there');
  });

  it('crossOriginRedirect: the bare SDK (cross-origin redirects allowed) hands its access token to the evil origin', async () => {
    // Shows the mode can expose a leak: the registry layer's tests assert the opposite.
    sandbox.control.setHostile('crossOriginRedirect');
    await sdkClient(sandbox).getRepository('hello-world').getProperties().catch(() => undefined);
    const withToken = sandbox.evil.requests.filter((r) => /^Bearer /.test(r.headers.authorization ?? ''));
    assert.ok(withToken.length >= 1, `evil saw ${sandbox.evil.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  });

  it('absoluteNextLink: the Link of a listing points at the evil origin', async () => {
    sandbox.control.setHostile('absoluteNextLink');
    const reply = await call(sandbox, 'GET', '/acr/v1/hello-world/_tags?n=1');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.link, `<${sandbox.evil.origin}/acr/v1/hello-world/_tags?last=latest&n=1&orderby=>; rel="next"`);
  });

  it('absoluteNextLink: the bare SDK follows it and sends its token there', async () => {
    sandbox.control.setHostile('absoluteNextLink');
    const pages = sdkClient(sandbox).getArtifact('hello-world', 'latest').listTagProperties().byPage({ maxPageSize: 1 });
    await pages.next();
    await pages.next().catch(() => undefined);
    const withToken = sandbox.evil.requests.filter((r) => /^Bearer /.test(r.headers.authorization ?? ''));
    assert.ok(withToken.length >= 1, `evil saw ${sandbox.evil.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  });

  it('nextLinkLoop: the second page links to itself, however often it is fetched', async () => {
    sandbox.control.setHostile('nextLinkLoop');
    const first = await call(sandbox, 'GET', '/acr/v1/hello-world/_tags?n=1');
    const next = /^<([^>]+)>/.exec(String(first.headers.link))?.[1];
    assert.equal(next, '/acr/v1/hello-world/_tags?last=latest&n=1&orderby=');
    for (let i = 0; i < 3; i++) {
      const again = await call(sandbox, 'GET', `${next}&api-version=2021-07-01`);
      assert.equal(again.status, 200);
      assert.equal(again.headers.link, `<${next}>; rel="next"`);
    }
    const last = await call(sandbox, 'GET', '/acr/v1/hello-world/_tags?last=v2&n=10');
    assert.equal(last.headers.link, '</acr/v1/hello-world/_tags?last=v2&n=10>; rel="next"', 'even the end of the list links on');
  });

  it('hugeRetryAfter: registry calls get 429 with Retry-After 100000; OAuth is left alone', async () => {
    sandbox.control.setHostile('hugeRetryAfter');
    const reply = await call(sandbox, 'GET', '/acr/v1/hello-world');
    assert.equal(reply.status, 429);
    assert.equal(reply.headers['retry-after'], String(HUGE_RETRY_AFTER_SEC));
    assert.match(reply.body, /TOOMANYREQUESTS/);
    const token = await call(sandbox, 'POST', '/oauth2/exchange?grant_type=access_token&service=localhost&access_token=x');
    assert.equal(token.status, 200);
  });

  it('ignorePatch: PATCH answers 200 with the unchanged entity and changes nothing', async () => {
    sandbox.control.setHostile('ignorePatch');
    const tag = parsed(await call(sandbox, 'PATCH', '/acr/v1/hello-world/_tags/latest', '{"writeEnabled":false,"deleteEnabled":false}'));
    assert.deepEqual((tag.tag as { changeableAttributes: unknown }).changeableAttributes, {
      deleteEnabled: true,
      writeEnabled: true,
      readEnabled: true,
      listEnabled: true,
    });
    parsed(await call(sandbox, 'PATCH', '/acr/v1/team%2Fapp', '{"writeEnabled":false}'));
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes.writeEnabled, true);
    assert.equal(sandbox.control.getRepository('sandbox', 'team/app')?.changeableAttributes.writeEnabled, true);
  });

  it('omitAttributes: GET, PATCH and list answers carry no changeableAttributes (the PATCH still applies)', async () => {
    sandbox.control.setHostile('omitAttributes');
    const digest = sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.digest ?? '';
    const bodies = [
      await call(sandbox, 'GET', '/acr/v1/hello-world'),
      await call(sandbox, 'GET', '/acr/v1/hello-world/_tags/latest'),
      await call(sandbox, 'GET', '/acr/v1/hello-world/_tags'),
      await call(sandbox, 'GET', `/acr/v1/hello-world/_manifests/${encodeURIComponent(digest)}`),
      await call(sandbox, 'GET', '/acr/v1/hello-world/_manifests'),
      await call(sandbox, 'PATCH', '/acr/v1/hello-world/_tags/latest', '{"deleteEnabled":false}'),
    ].map((reply) => reply.body);
    for (const body of bodies) {
      parsed({ status: 200, headers: {}, body });
      assert.doesNotMatch(body, /changeableAttributes|writeEnabled/, body);
    }
    assert.match(bodies[2] ?? '', /"name":"latest"/, 'the list still lists');
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes.deleteEnabled, false);
  });

  it('malformedJson: 200 answers of the registry API are cut-off JSON; errors stay intact', async () => {
    sandbox.control.setHostile('malformedJson');
    for (const path of ['/acr/v1/hello-world', '/acr/v1/hello-world/_tags', '/acr/v1/_catalog']) {
      const reply = await call(sandbox, 'GET', path);
      assert.equal(reply.status, 200);
      assert.equal(Number(reply.headers['content-length']), Buffer.byteLength(reply.body));
      assert.throws(() => JSON.parse(reply.body) as unknown, SyntaxError, path);
    }
    const missing = await call(sandbox, 'GET', '/acr/v1/nope');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /NAME_UNKNOWN/);
  });

  it('no mode (the default, or setHostile()) answers normally; an unknown mode is refused', async () => {
    sandbox.control.setHostile('malformedJson');
    sandbox.control.setHostile();
    parsed(await call(sandbox, 'GET', '/acr/v1/hello-world'));
    const typo: string = 'nonsense';
    assert.throws(() => sandbox.control.setHostile(typo as HostileMode), /unknown hostile mode/);
  });
});
