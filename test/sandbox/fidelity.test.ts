/**
 * The sandbox's answers where the Azure SDK's recordings of real ACR traffic show details the
 * first version did not copy: the metadata API's unknown-manifest envelope, timestamps with 0–7
 * fractional digits (trailing zeros dropped), and which answers carry which ACR headers.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import { start, type Sandbox } from './index';
import { admin, sdkClient } from './testUtil';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function request(sandbox: Sandbox, method: string, path: string, body = '', headers: Record<string, string> = {}): Promise<Answer> {
  const { username, password } = admin(sandbox);
  const url = new URL(path, sandbox.endpoint);
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method,
      ca: readFileSync(sandbox.caFile),
      headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Strict reading of an ACR timestamp into milliseconds, independent of Date.parse. */
function instantOf(timestamp: string): { ms: number; digits: number } {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/.exec(timestamp);
  assert.ok(match, `ACR timestamp shape: ${timestamp}`);
  const fraction = match[2] ?? '';
  return { ms: Date.parse(`${match[1]}Z`) + Math.floor(Number(fraction.padEnd(7, '0')) / 10000), digits: fraction.length };
}

describe('sandbox fidelity to recorded ACR traffic', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await start({ seed: 'demo' });
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  it('an unknown digest on /acr/v1 answers MANIFEST_UNKNOWN "manifest unknown" with no detail', async () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    const answer = await request(sandbox, 'GET', `/acr/v1/hello-world/_manifests/${encodeURIComponent(digest)}`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body, '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}\n');
  });

  it('timestamps drop trailing zeros: the demo data covers 0 to 7 fractional digits, and the SDK reads each exactly', async () => {
    const repositories = ['hello-world', 'team%2Fapp', 'multiarch', 'locked-repo'];
    const all: string[] = [];
    for (const r of repositories) {
      const repo = JSON.parse((await request(sandbox, 'GET', `/acr/v1/${r}`)).body) as { createdTime: string; lastUpdateTime: string };
      const tags = JSON.parse((await request(sandbox, 'GET', `/acr/v1/${r}/_tags`)).body) as { tags: { createdTime: string; lastUpdateTime: string }[] };
      const manifests = JSON.parse((await request(sandbox, 'GET', `/acr/v1/${r}/_manifests`)).body) as { manifests: { createdTime: string; lastUpdateTime: string }[] };
      all.push(repo.createdTime, repo.lastUpdateTime, ...[...tags.tags, ...manifests.manifests].flatMap((i) => [i.createdTime, i.lastUpdateTime]));
    }
    const raw = JSON.parse((await request(sandbox, 'GET', '/acr/v1/hello-world/_manifests')).body) as { manifests: { digest: string; createdTime: string; lastUpdateTime: string }[] };
    const digits = new Set(all.map((t) => instantOf(t).digits));
    assert.deepEqual([...digits].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.ok(all.every((t) => !/\.\d*0Z$/.test(t)), 'no trailing zeros');

    const client = sdkClient(sandbox);
    for await (const manifest of client.getRepository('hello-world').listManifestProperties()) {
      const expected = raw.manifests.find((m) => m.digest === manifest.digest);
      assert.ok(expected);
      assert.equal(manifest.createdOn.getTime(), instantOf(expected.createdTime).ms, expected.createdTime);
      assert.equal(manifest.lastUpdatedOn.getTime(), instantOf(expected.lastUpdateTime).ms, expected.lastUpdateTime);
    }
  });

  it('time-ordered paging sorts instants, not text, across digit counts', async () => {
    const client = sdkClient(sandbox);
    const names: string[] = [];
    const times: number[] = [];
    for await (const page of client.getArtifact('hello-world', 'latest').listTagProperties({ order: 'LastUpdatedOnAscending' }).byPage({ maxPageSize: 1 })) {
      names.push(...page.map((t) => t.name));
      times.push(...page.map((t) => t.lastUpdatedOn.getTime()));
    }
    assert.equal(names.length, 4);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });

  it('headers: /oauth2 has no Docker-Distribution-Api-Version; DELETE and /v2 carry X-Ms-Request-Id; /oauth2 and DELETE the remaining-calls rate', async () => {
    const { username, password } = admin(sandbox);
    const form = new URLSearchParams({ grant_type: 'password', service: new URL(sandbox.endpoint).host, scope: 'repository:hello-world:pull', username, password });
    const oauth = await request(sandbox, 'POST', '/oauth2/token', form.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(oauth.status, 200);
    assert.equal(oauth.headers['docker-distribution-api-version'], undefined);
    assert.match(String(oauth.headers['x-ms-ratelimit-remaining-calls-per-second']), /^\d+(\.\d+)?$/);
    assert.equal(oauth.headers['x-ms-request-id'], undefined);

    const v2 = await request(sandbox, 'GET', '/v2/');
    assert.equal(v2.headers['docker-distribution-api-version'], 'registry/2.0');
    assert.match(String(v2.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(v2.headers['x-ms-ratelimit-remaining-calls-per-second'], undefined);

    const metadata = await request(sandbox, 'GET', '/acr/v1/hello-world');
    assert.equal(metadata.headers['docker-distribution-api-version'], 'registry/2.0');
    assert.equal(metadata.headers['x-ms-request-id'], undefined);
    assert.equal(metadata.headers['x-ms-ratelimit-remaining-calls-per-second'], undefined);

    const deleted = await request(sandbox, 'DELETE', '/acr/v1/hello-world/_tags/latest');
    assert.equal(deleted.status, 202);
    assert.match(String(deleted.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
    assert.match(String(deleted.headers['x-ms-ratelimit-remaining-calls-per-second']), /^\d+(\.\d+)?$/);
  });
});
