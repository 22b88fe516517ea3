/**
 * The command-line tool's remaining hardening (issue 21, docs/security.md) against the sandbox:
 * a password prompt that neither hangs nor ignores Ctrl+C, verbose library logging that prints no
 * credential, waits shown as they start and named for what they are, one proxy tunnel reused.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Sandbox } from './index';
import { admin } from './testUtil';
import { CLI, cliNode, multiRegistryPolicy, runCli, startCli } from './cliRun';

/** A JSON web token (the sandbox's registry and Azure tokens are JWTs). */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/;

describe('acr-locks safety against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let dir: string;
  let node: string;
  let password: string;
  let policy: string;

  before(async function () {
    this.timeout(900_000);
    node = await cliNode();
    assert.ok(existsSync(CLI), `${CLI} is missing: npm run build`);
    sandbox = await start({ seed: 'demo' });
    password = admin(sandbox).password;
    dir = mkdtempSync(join(tmpdir(), 'acr-locks-safety-'));
    policy = join(dir, 'policy.json');
    writeFileSync(policy, multiRegistryPolicy(['sandbox.azurecr.io']));
  });
  after(async () => {
    await sandbox?.stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  afterEach(() => {
    sandbox.control.setHostile();
    sandbox.control.setFaults({ readLimitPerMin: 0, limitBurst: 0 });
  });

  function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_EXTRA_CA_CERTS: sandbox.caFile, HTTPS_PROXY: sandbox.proxy, ...extra };
  }

  const planArgs = (): string[] => ['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'];

  describe('-u without ACR_PASSWORD and an open standard input', () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`prompts on standard error, and ${signal} ends it at once with exit 1, nothing sent`, async () => {
        sandbox.stats.reset();
        const run = startCli(node, planArgs(), env(), { holdStdin: true, timeoutMs: 30_000 });
        const deadline = Date.now() + 20_000;
        while (!run.stderr().includes('Password for') && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
        }
        assert.match(run.stderr(), /Password for sandbox@sandbox\.azurecr\.io \(from stdin; set ACR_PASSWORD to skip\):/);
        const sent = Date.now();
        run.child.kill(signal);
        const result = await run.done;
        assert.ok(Date.now() - sent < 5_000, `ended ${Date.now() - sent} ms after ${signal}`);
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stderr, /Cancelled while waiting for the password of sandbox on standard input; nothing was sent/);
        assert.equal(sandbox.stats.records.length, 0);
      });
    }

    it('a password piped on standard input still works (after the prompt)', async () => {
      const result = await runCli(node, planArgs(), env(), { stdin: `${password}\n` });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /Password for sandbox@sandbox\.azurecr\.io/);
    });
  });

  describe('verbose library logging (DEBUG=*, AZURE_LOG_LEVEL=verbose, NODE_DEBUG)', () => {
    it('prints no password, proxy secret or token, with a proxy URL that carries credentials', async () => {
      const proxy = new URL(sandbox.proxy);
      proxy.username = 'proxyuser';
      proxy.password = 'proxy-s3cret-value';
      for (const how of [{ ACR_PASSWORD: password }, {}]) {
        const result = await runCli(
          node,
          planArgs(),
          env({ ...how, HTTPS_PROXY: proxy.toString(), DEBUG: '*', AZURE_LOG_LEVEL: 'verbose', NODE_DEBUG: 'undici,fetch,http,https,net,tls' }),
          'ACR_PASSWORD' in how ? {} : { stdin: `${password}\n` },
        );
        assert.equal(result.status, 2, result.stderr.slice(-3000));
        const output = `${result.stdout}\n${result.stderr}`;
        assert.ok(output.length > 2000, 'verbose logging printed something');
        for (const secret of [password, 'proxy-s3cret-value', sandbox.aadToken, ...sandbox.users.map((u) => u.password)]) {
          assert.ok(!output.includes(secret), `a secret (${secret.slice(0, 3)}…) was printed`);
        }
        assert.doesNotMatch(output, JWT, 'a token was printed');
        assert.doesNotMatch(output, /proxyuser:/, 'proxy credentials were printed');
      }
    });
  });

  describe('waits the registry asks for', () => {
    it('a Retry-After is printed as the wait starts, with the status', async () => {
      sandbox.control.setFaults({ readLimitPerMin: 60, limitBurst: 1 });
      const result = await runCli(node, planArgs(), env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /sandbox\.azurecr\.io: registry asked to wait [12] s \(429\); waiting…/);
    });

    it('a huge Retry-After is reported as what it is, without waiting and without "after retries"', async () => {
      sandbox.control.setHostile('hugeRetryAfter');
      sandbox.stats.reset();
      const started = Date.now();
      const result = await runCli(node, planArgs(), env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 1, result.stderr);
      assert.ok(Date.now() - started < 20_000, 'it did not wait');
      assert.match(result.stderr, /the registry asked to wait 100000 s \(429\); not waiting more than 60 s/);
      assert.doesNotMatch(result.stderr, /after retries|kept throttling/);
    });
  });

  describe('proxy tunnels', () => {
    it('a run of many requests through HTTPS_PROXY opens at most a few tunnels', async () => {
      sandbox.stats.reset();
      const before = sandbox.proxyStats.tunnels;
      const result = await runCli(node, planArgs(), env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 2, result.stderr);
      const requests = sandbox.stats.records.length;
      const tunnels = sandbox.proxyStats.tunnels - before;
      assert.ok(requests >= 10, `only ${requests} requests`);
      assert.ok(tunnels >= 1 && tunnels <= 3, `${tunnels} tunnels for ${requests} requests`);
    });
  });
});
