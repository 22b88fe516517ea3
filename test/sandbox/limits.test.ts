/** ACR's 2026 rate limits (per registry and per identity, by category, sku presets) and TLS connection counts. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { start, type Sandbox } from './index';
import { RateLimiter, SKU_LIMITS } from './limits';
import { effectiveLimits, DEFAULT_FAULTS } from './faults';
import { parseArgs } from './cliArgs';
import { admin, user } from './testUtil';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(sandbox: Sandbox, method: string, path: string, headers: Record<string, string> = {}, body = '', agent: Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.endpoint}${path}`, { method, headers, ca: readFileSync(sandbox.caFile), agent }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function basic(credentials: { username: string; password: string }): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` };
}

const JSON_BODY = { 'Content-Type': 'application/json' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function patchTag(sandbox: Sandbox, auth: Record<string, string>, tag = 'v2'): Promise<Reply> {
  return call(sandbox, 'PATCH', `/acr/v1/hello-world/_tags/${tag}`, { ...auth, ...JSON_BODY }, '{"readEnabled":true}');
}

describe('sandbox rate limits (ACR 2026: per registry and per identity)', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('sku presets carry the published figures; explicit limits override them', () => {
    assert.deepEqual(SKU_LIMITS.standard, SKU_LIMITS.basic);
    assert.deepEqual(SKU_LIMITS.standard.registry, { read: 10_000, write: 2_000, delete: 1_000, signIn: 10_000 });
    assert.deepEqual(SKU_LIMITS.standard.identity, { read: 5_000, write: 1_000, delete: 500, signIn: 0 });
    assert.deepEqual(SKU_LIMITS.premium.registry, { read: 20_000, write: 4_000, delete: 4_000, signIn: 20_000 });
    assert.deepEqual(SKU_LIMITS.premium.identity, { read: 10_000, write: 2_000, delete: 2_000, signIn: 0 });
    const limits = effectiveLimits({ ...DEFAULT_FAULTS, sku: 'premium', identityWriteLimitPerMin: 7 });
    assert.equal(limits.identity.write, 7);
    assert.equal(limits.registry.write, 4_000);
    assert.deepEqual(effectiveLimits(DEFAULT_FAULTS).registry, { read: 0, write: 0, delete: 0, signIn: 0 });
  });

  it('one identity exhausts its own write bucket; another still writes until the registry bucket is empty', async () => {
    sandbox = await start({ seed: 'demo', writeLimitPerMin: 5, identityWriteLimitPerMin: 3 });
    const owner = basic(admin(sandbox));
    const locker = basic(user(sandbox, 'locker'));
    const ownerStatuses = [];
    for (let i = 0; i < 4; i++) {
      ownerStatuses.push((await patchTag(sandbox, owner)).status);
    }
    assert.deepEqual(ownerStatuses, [200, 200, 200, 429]);
    assert.equal(sandbox.stats.filter({ status: 429 })[0]?.throttledBy, 'identity');
    assert.equal((await patchTag(sandbox, locker)).status, 200);
    assert.equal((await patchTag(sandbox, locker)).status, 200);
    const third = await patchTag(sandbox, locker);
    assert.equal(third.status, 429, 'the registry bucket (5/min) is empty now');
    assert.equal(sandbox.stats.filter({ status: 429, identity: 'locker' })[0]?.throttledBy, 'registry');
    const wait = Number(third.headers['retry-after']);
    assert.ok(wait >= 1 && wait <= 12, `Retry-After ${wait}: 5/min refills a token every 12 s`);
    assert.equal((await call(sandbox, 'GET', '/acr/v1/hello-world', owner)).status, 200, 'reads have their own buckets');
    sandbox.control.advanceClock(wait * 1000);
    assert.equal((await patchTag(sandbox, locker)).status, 200, 'after Retry-After (on the sandbox clock) the registry bucket has a token again');
  });

  it('identity is the token subject (admin, token user, AAD), the Basic user, or anonymous', async () => {
    sandbox = await start({ seed: 'demo', sku: 'standard' });
    const owner = admin(sandbox);
    const tokenReply = await call(sandbox, 'POST', '/oauth2/token', FORM, `grant_type=password&service=localhost&scope=repository%3Ahello-world%3Ametadata_read&username=${owner.username}&password=${owner.password}`);
    const access = (JSON.parse(tokenReply.body) as { access_token: string }).access_token;
    await call(sandbox, 'GET', '/acr/v1/hello-world', { Authorization: `Bearer ${access}` });
    const exchange = await call(sandbox, 'POST', '/oauth2/exchange', FORM, `grant_type=access_token&service=localhost&access_token=${sandbox.aadToken}`);
    const refresh = (JSON.parse(exchange.body) as { refresh_token: string }).refresh_token;
    const aadReply = await call(sandbox, 'POST', '/oauth2/token', FORM, `grant_type=refresh_token&service=localhost&scope=repository%3Ahello-world%3Ametadata_read&refresh_token=${refresh}`);
    const aadAccess = (JSON.parse(aadReply.body) as { access_token: string }).access_token;
    await call(sandbox, 'GET', '/acr/v1/hello-world', { Authorization: `Bearer ${aadAccess}` });
    await call(sandbox, 'GET', '/acr/v1/hello-world', basic(user(sandbox, 'reader')));
    await call(sandbox, 'GET', '/acr/v1/hello-world');
    await call(sandbox, 'GET', '/acr/v1/hello-world', { Authorization: 'Bearer forged.token.value' });
    const identities = sandbox.stats.filter({ path: '/acr/v1/hello-world' }).map((r) => r.identity);
    assert.deepEqual(identities, [owner.username, 'aad-identity', 'reader', 'anonymous', 'anonymous']);
  });

  it('deletes and sign-in have their own buckets', async () => {
    sandbox = await start({ seed: 'demo', deleteLimitPerMin: 1, signInLimitPerMin: 2 });
    const owner = basic(admin(sandbox));
    assert.equal((await call(sandbox, 'DELETE', '/acr/v1/hello-world/_tags/latest', owner)).status, 202);
    assert.equal((await call(sandbox, 'DELETE', '/acr/v1/team%2Fapp/_tags/latest', owner)).status, 429);
    assert.equal((await patchTag(sandbox, owner)).status, 200, 'a write is not a delete');
    const form = `grant_type=password&service=localhost&scope=repository%3Ahello-world%3Apull&username=${admin(sandbox).username}&password=${admin(sandbox).password}`;
    const signIns = [];
    for (let i = 0; i < 3; i++) {
      signIns.push((await call(sandbox, 'POST', '/oauth2/token', FORM, form)).status);
    }
    assert.deepEqual(signIns, [200, 200, 429]);
  });

  it('X-Ms-Ratelimit-Remaining-Calls-Per-Second (on sign-in and DELETE answers) is the tightest bucket left, per second over a minute', async () => {
    sandbox = await start({ seed: 'demo', sku: 'premium' });
    const owner = basic(admin(sandbox));
    const header = 'x-ms-ratelimit-remaining-calls-per-second';
    const form = `grant_type=password&service=localhost&scope=repository%3Ahello-world%3Apull&username=${admin(sandbox).username}&password=${admin(sandbox).password}`;
    const signIn = await call(sandbox, 'POST', '/oauth2/token', FORM, form);
    assert.equal(signIn.headers[header], (19_999 / 60).toFixed(6), 'premium: 20,000 sign-ins/min per registry, one spent');
    const deleted = await call(sandbox, 'DELETE', '/acr/v1/hello-world/_tags/latest', owner);
    assert.equal(deleted.headers[header], (1_999 / 60).toFixed(6), 'premium: 2,000 deletes/min per identity, one spent');
    assert.equal((await patchTag(sandbox, owner)).headers[header], undefined, 'PATCH answers carry none (as recorded)');
    sandbox.control.setFaults({ sku: 'standard' });
    assert.equal((await call(sandbox, 'POST', '/oauth2/token', FORM, form)).headers[header], (9_999 / 60).toFixed(6));
    sandbox.control.setFaults({ sku: 'none', signInLimitPerMin: 1 });
    await call(sandbox, 'POST', '/oauth2/token', FORM, form);
    const refused = await call(sandbox, 'POST', '/oauth2/token', FORM, form);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers[header], '0.000000');
  });

  it('buckets burst, then refuse with a Retry-After that counts down; registries are separate', () => {
    let time = 0;
    const limiter = new RateLimiter({ registry: { read: 0, write: 60, delete: 0, signIn: 0 }, identity: { read: 0, write: 0, delete: 0, signIn: 0 } }, 2, () => time);
    assert.equal(limiter.take('a', 'x', 'write').kind, 'allowed');
    assert.equal(limiter.take('a', 'x', 'write').kind, 'allowed');
    const refused = limiter.take('a', 'x', 'write');
    assert.deepEqual(refused, { kind: 'throttle', retryAfterSec: 1, scope: 'registry' });
    assert.equal(limiter.take('b', 'x', 'write').kind, 'allowed', 'another registry has its own bucket');
    assert.deepEqual(limiter.take('a', 'x', 'read'), { kind: 'none' }, 'reads are unlimited here');
    time += 1000;
    assert.equal(limiter.take('a', 'x', 'write').kind, 'allowed', '60/min refills one token a second');
    const slow = new RateLimiter({ registry: { read: 0, write: 6, delete: 0, signIn: 0 }, identity: { read: 0, write: 0, delete: 0, signIn: 0 } }, 1, () => time);
    slow.take('a', 'x', 'write');
    const waits = [0, 4000, 4000].map((step) => {
      time += step;
      const decision = slow.take('a', 'x', 'write');
      return decision.kind === 'throttle' ? decision.retryAfterSec : 0;
    });
    assert.deepEqual(waits, [10, 6, 2]);
  });

  it('counts TLS connections: keep-alive reuses one, a fresh agent per request opens one each', async () => {
    sandbox = await start({ seed: 'empty' });
    const owner = basic(admin(sandbox));
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 5; i++) {
        await call(sandbox, 'GET', '/v2/', owner, '', keepAlive);
      }
    } finally {
      keepAlive.destroy();
    }
    assert.equal(sandbox.stats.connections, 1);
    for (let i = 0; i < 5; i++) {
      await call(sandbox, 'GET', '/v2/', owner);
    }
    assert.equal(sandbox.stats.connections, 6);
    sandbox.stats.reset();
    assert.equal(sandbox.stats.connections, 0);
  });

  it('the CLI takes --sku and the per-identity limits', () => {
    assert.deepEqual(parseArgs(['--sku', 'premium', '--identity-write-limit-per-min', '50', '--delete-limit-per-min', '9']), { sku: 'premium', identityWriteLimitPerMin: 50, deleteLimitPerMin: 9 });
    assert.throws(() => parseArgs(['--sku', 'gold']), /--sku expects basic, standard or premium/);
    assert.throws(() => parseArgs(['--sign-in-limit-per-min', '-1']), /integer/);
  });
});
