/** Throttling, injected faults, token expiry, proxy refusal and CLI/state (issue 4, last "done when"). */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Sandbox } from './index';
import { admin, sdkClient } from './testUtil';
import { TokenBucket } from './faults';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

type Target = Pick<Sandbox, 'endpoint' | 'caFile' | 'users'>;

function call(sandbox: Target, method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Reply> {
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

function basic(sandbox: Target): Record<string, string> {
  const user = admin(sandbox);
  return { Authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` };
}

describe('sandbox fault and scale controls', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('answers over-limit writes with 429 and a counting-down Retry-After', async () => {
    sandbox = await start({ seed: 'demo', writeLimitPerMin: 3 });
    const statuses: number[] = [];
    const retryAfter: number[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await call(sandbox, 'PATCH', '/acr/v1/hello-world/_tags/v2', { ...basic(sandbox), 'Content-Type': 'application/json' }, '{"readEnabled":true}');
      statuses.push(reply.status);
      if (reply.status === 429) {
        retryAfter.push(Number(reply.headers['retry-after']));
        assert.match(reply.body, /TOOMANYREQUESTS/);
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.ok(retryAfter.every((s) => s >= 1 && s <= 20), `Retry-After ${retryAfter.join(',')}`);
    assert.equal(sandbox.stats.count({ status: 429, fault: 'throttle' }), 2);
    // Reads have their own bucket.
    assert.equal((await call(sandbox, 'GET', '/acr/v1/hello-world', basic(sandbox))).status, 200);
  });

  it('token bucket Retry-After counts down as time passes', () => {
    let time = 0;
    const bucket = new TokenBucket(6, () => time);
    for (let i = 0; i < 6; i++) {
      assert.equal(bucket.take(), 0);
    }
    assert.equal(bucket.take(), 10);
    time += 4000;
    assert.equal(bucket.take(), 6);
    time += 6000;
    assert.equal(bucket.take(), 0);
  });

  it('a burst caps the bucket: a faster client meets 429 after `burst` requests', () => {
    let time = 0;
    const bucket = new TokenBucket(600, () => time, 3);
    for (let i = 0; i < 3; i++) {
      assert.equal(bucket.take(), 0);
    }
    assert.equal(bucket.take(), 1, 'the fourth request in the same instant is throttled');
    time += 100;
    assert.equal(bucket.take(), 0, '600/min refills one token every 100 ms');
    time += 60_000;
    for (let i = 0; i < 3; i++) {
      assert.equal(bucket.take(), 0);
    }
    assert.equal(bucket.take(), 1, 'a long pause refills only up to the burst');
  });

  it('injects 5xx and connection resets at about the configured rate, reproducibly', async () => {
    const outcomes: string[][] = [];
    for (let run = 0; run < 2; run++) {
      sandbox = await start({ seed: 'empty', faultRate: 0.2, faultSeed: 7 });
      const seen: string[] = [];
      for (let i = 0; i < 200; i++) {
        try {
          const reply = await call(sandbox, 'GET', '/v2/', basic(sandbox));
          seen.push(String(reply.status));
        } catch {
          seen.push('reset');
        }
      }
      const faults = sandbox.stats.count({ fault: 'error' }) + sandbox.stats.count({ fault: 'reset' });
      assert.ok(faults >= 25 && faults <= 55, `expected ~40 faults of 200, got ${faults}`);
      assert.equal(seen.filter((s) => s !== '200').length, faults);
      assert.ok(seen.includes('reset') && seen.includes('503') && seen.includes('500'), 'all three kinds occur');
      outcomes.push(seen);
      await sandbox.stop();
      sandbox = undefined;
    }
    assert.deepEqual(outcomes[0], outcomes[1], 'same seed, same fault pattern');
  });

  it('expires access tokens after tokenLifetimeSec, forcing a new token', async () => {
    sandbox = await start({ seed: 'demo', tokenLifetimeSec: 1 });
    const client = sdkClient(sandbox);
    await client.getRepository('hello-world').getProperties();
    const tokensBefore = sandbox.stats.count({ path: '/oauth2/token', status: 200 });
    sandbox.control.advanceClock(2100);
    await client.getRepository('hello-world').getProperties();
    assert.ok(sandbox.stats.count({ path: '/oauth2/token', status: 200 }) > tokensBefore, 'a new access token was fetched');
    const expired = sandbox.stats.filter({ path: '/acr/v1/hello-world', status: 401 });
    assert.ok(expired.length >= 1);
  });

  it('rejects refresh tokens it did not issue, and wrong passwords', async () => {
    sandbox = await start({ seed: 'demo' });
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const forged = await call(sandbox, 'POST', '/oauth2/token', form, 'grant_type=refresh_token&service=x&scope=registry%3Acatalog%3A*&refresh_token=a.eyJleHAiOjk5OTk5OTk5OTl9.b');
    assert.equal(forged.status, 401);
    const wrong = await call(sandbox, 'POST', '/oauth2/token', form, 'grant_type=password&service=x&username=sandbox&password=nope&scope=registry%3Acatalog%3A*');
    assert.equal(wrong.status, 401);
    const anonymous = await call(sandbox, 'POST', '/oauth2/token', form, 'grant_type=password&service=x&refresh_token=&scope=repository%3Ahello-world%3Apull');
    assert.equal(anonymous.status, 401, 'anonymous pull is off by default');
    const exchange = await call(sandbox, 'POST', '/oauth2/exchange', form, `grant_type=access_token&service=x&access_token=${sandbox.aadToken}`);
    const refresh = (JSON.parse(exchange.body) as { refresh_token: string }).refresh_token;
    const payload = JSON.parse(Buffer.from(refresh.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
    assert.ok(payload.exp > Date.now() / 1000);
    const good = await call(sandbox, 'POST', '/oauth2/token', form, `grant_type=refresh_token&service=x&scope=registry%3Acatalog%3A*&refresh_token=${refresh}`);
    assert.equal(good.status, 200);
  });

  it('the reader token user cannot list the catalog or change attributes', async () => {
    sandbox = await start({ seed: 'demo' });
    const reader = sandbox.users.find((u) => u.username === 'reader');
    assert.ok(reader);
    const auth = { Authorization: `Basic ${Buffer.from(`${reader.username}:${reader.password}`).toString('base64')}` };
    assert.equal((await call(sandbox, 'GET', '/acr/v1/_catalog', auth)).status, 401);
    assert.equal((await call(sandbox, 'GET', '/acr/v1/team%2Fapp/_tags', auth)).status, 200);
    const patch = await call(sandbox, 'PATCH', '/acr/v1/team%2Fapp/_tags/latest', { ...auth, 'Content-Type': 'application/json' }, '{"writeEnabled":false}');
    assert.equal(patch.status, 401);
    assert.match(String(patch.headers['www-authenticate']), /scope="repository:team\/app:metadata_write",error="insufficient_scope"/);
  });

  it('the proxy tunnels <name>.azurecr.io:443 and refuses other hosts', async () => {
    sandbox = await start({ seed: 'empty', registries: ['sandbox', 'prod'] });
    const proxy = new URL(sandbox.proxy);
    const connectTo = (target: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(proxy.port), proxy.hostname, () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
        socket.once('data', (d: Buffer) => {
          resolve(d.toString('utf8').split('\r\n')[0] ?? '');
          socket.destroy();
        });
        socket.on('error', reject);
      });
    assert.match(await connectTo('prod.azurecr.io:443'), / 200 /);
    assert.match(await connectTo('example.com:443'), / 403 /);
    assert.match(await connectTo('other.azurecr.io:443'), / 403 /);
  });

  it('the CLI prints one JSON line, and --state persists writes across a clean restart', async () => {
    const state = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
    const cli = join(__dirname, 'cli.js');
    const launch = async (): Promise<{ info: Target; stop: () => Promise<number | null> }> => {
      const child = spawn(process.execPath, [cli, '--seed', 'demo', '--state', state], { stdio: ['ignore', 'pipe', 'inherit'] });
      const line = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString('utf8');
          if (text.includes('\n')) {
            resolve(text.split('\n')[0] ?? '');
          }
        });
        child.on('exit', () => reject(new Error('cli exited before printing')));
      });
      const info = JSON.parse(line) as Target;
      return { info, stop: () => new Promise((resolve) => (child.on('exit', (code) => resolve(code)), child.kill('SIGTERM'))) };
    };
    try {
      const first = await launch();
      assert.deepEqual(Object.keys(first.info), ['endpoint', 'registries', 'caFile', 'proxy', 'users', 'aadToken', 'arm']);
      const reply = await call(first.info, 'PATCH', '/acr/v1/multiarch', { ...basic(first.info), 'Content-Type': 'application/json' }, '{"deleteEnabled":false}');
      assert.equal(reply.status, 200);
      assert.equal(await first.stop(), 0);
      const second = await launch();
      const after = await call(second.info, 'GET', '/acr/v1/multiarch', basic(second.info));
      assert.equal((JSON.parse(after.body) as { changeableAttributes: { deleteEnabled: boolean } }).changeableAttributes.deleteEnabled, false);
      assert.equal(await second.stop(), 0);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
