/**
 * The command-line tool's hardening against the sandbox (docs/security.md): credentials reach
 * only the registry the user named, lock removals need --allow-unlock, SIGTERM reports like
 * Ctrl+C, registry-controlled text is printed escaped.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Sandbox } from './index';
import { admin } from './testUtil';
import { CLI, cliNode, multiRegistryPolicy, runCli, startCli, type CliResult } from './cliRun';

describe('acr-locks hardening against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let dir: string;
  let node: string;
  let password: string;

  before(async function () {
    this.timeout(900_000);
    node = await cliNode();
    assert.ok(existsSync(CLI), `${CLI} is missing: npm run build`);
    sandbox = await start({ seed: 'demo' });
    password = admin(sandbox).password;
    dir = mkdtempSync(join(tmpdir(), 'acr-locks-harden-'));
  });
  after(async () => {
    await sandbox?.stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_EXTRA_CA_CERTS: sandbox.caFile, HTTPS_PROXY: sandbox.proxy, ...extra };
  }

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  describe('credentials reach only the registry named', () => {
    it('a password with a two-registry policy and no --registry: refused, nothing sent anywhere', async () => {
      const policy = file('two.json', multiRegistryPolicy(['sandbox.azurecr.io', 'contosoprod.azurecr.io']));
      sandbox.stats.reset();
      const result = await runCli(node, ['plan', '--policy', policy, '-u', 'sandbox'], env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /needs --registry SERVER: the password is sent only to the one registry you name/);
      assert.equal(sandbox.stats.records.length, 0);
      const fromEnv = await runCli(node, ['plan', '--policy', policy], env({ ACR_USERNAME: 'sandbox', ACR_PASSWORD: password }));
      assert.equal(fromEnv.status, 1, fromEnv.stderr);
      assert.equal(sandbox.stats.records.length, 0);
    });

    it('with --registry, the second registry of the file gets no request at all', async () => {
      const policy = file('two.json', multiRegistryPolicy(['sandbox.azurecr.io', 'contosoprod.azurecr.io']));
      sandbox.stats.reset();
      const result = await runCli(node, ['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'], env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 2, result.stderr);
      assert.ok(sandbox.stats.count({ registry: 'sandbox' }) > 0);
      assert.equal(sandbox.stats.count({ registry: 'contosoprod' }), 0, 'the second registry was contacted');
      assert.equal(sandbox.stats.count({ host: 'contosoprod.azurecr.io' }), 0);
    });

    it('--trust-custom-domain HOST: the Azure token goes to that host only, not to another custom domain in the file', async () => {
      const port = new URL(sandbox.endpoint).port;
      const trusted = `localhost:${port}`;
      const other = `127.0.0.1:${port}`;
      const policy = file('custom-two.json', multiRegistryPolicy([trusted, other]));
      // A stand-in `az` for DefaultAzureCredential's Azure CLI step: any token is accepted by the sandbox's /oauth2/exchange.
      const bin = join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'az'), `#!/bin/sh\necho '{"accessToken":"${sandbox.aadToken}","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"tokenType":"Bearer"}'\n`);
      chmodSync(join(bin, 'az'), 0o755);
      sandbox.stats.reset();
      const result: CliResult = await runCli(
        node,
        ['plan', '--policy', policy, '--trust-custom-domain', trusted],
        { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: dir, NODE_EXTRA_CA_CERTS: sandbox.caFile, AZURE_TOKEN_CREDENTIALS: 'dev' },
      );
      assert.ok(sandbox.stats.count({ host: trusted, path: '/oauth2/exchange' }) > 0, `the trusted host got the token: ${result.stderr}`);
      assert.equal(sandbox.stats.count({ host: other }), 0, 'the other custom domain was contacted');
      assert.match(result.stderr, new RegExp(`${other.replace(/\./g, '\\.')} is not an Azure Container Registry domain, so no Azure token was sent to it`));
      assert.equal(result.status, 1);
    });
  });

  describe('lock removals need --allow-unlock', () => {
    const unlockPolicy = (): string =>
      file(
        'unlock.json',
        `{ "registries": [ { "loginServer": "sandbox.azurecr.io", "rules": [
          { "name": "v1 may change", "repositories": ["hello-world"], "tags": ["v1"], "level": "tag", "set": { "writeEnabled": true } },
          { "name": "v2 write-once", "repositories": ["hello-world"], "tags": ["v2"], "level": "tag", "set": { "writeEnabled": false } } ] } ] }`,
      );
    afterEach(() => {
      sandbox.control.setTagAttributes('sandbox', 'hello-world', 'v1', { writeEnabled: false, deleteEnabled: false });
      sandbox.control.setTagAttributes('sandbox', 'hello-world', 'v2', { writeEnabled: true, deleteEnabled: false });
    });

    it('plan counts and marks the removal', async () => {
      const args = ['plan', '--policy', unlockPolicy(), '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'];
      const result = await runCli(node, args, env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stdout, /2 items to change, 1 lock removal \(UNLOCK: apply needs --allow-unlock\)/);
      assert.match(result.stdout, /hello-world:v1 +writeEnabled → true +UNLOCK +v1 may change/);
      assert.doesNotMatch(result.stdout, /hello-world:v2 .*UNLOCK/);
      const json = await runCli(node, [...args, '--json'], env({ ACR_PASSWORD: password }));
      const parsed = JSON.parse(json.stdout) as { registries: { lockRemovals: number; repositories: { changes: { tag?: string; removesLock: boolean }[] }[] }[] };
      assert.equal(parsed.registries[0]?.lockRemovals, 1);
      assert.deepEqual(parsed.registries[0]?.repositories.flatMap((r) => r.changes.map((c) => `${c.tag ?? ''} ${String(c.removesLock)}`)), ['v1 true', 'v2 false']);
    });

    it('apply without --allow-unlock sends no PATCH at all (not even the other change), and says how many and how to allow', async () => {
      sandbox.stats.reset();
      const result = await runCli(node, ['apply', '--policy', unlockPolicy(), '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'], env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /1 change removes a lock .*Nothing was applied\..*run apply again with --allow-unlock/);
      assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
      assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'v2')?.changeableAttributes.writeEnabled, true, 'half applied');
      assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'v1')?.changeableAttributes.writeEnabled, false);
    });

    it('apply --allow-unlock applies both', async () => {
      sandbox.stats.reset();
      const result = await runCli(node, ['apply', '--policy', unlockPolicy(), '-u', 'sandbox', '--registry', 'sandbox.azurecr.io', '--allow-unlock'], env({ ACR_PASSWORD: password }));
      assert.equal(result.status, 0, result.stderr);
      assert.equal(sandbox.stats.count({ method: 'PATCH' }), 2);
      assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'v1')?.changeableAttributes.writeEnabled, true);
      assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'v2')?.changeableAttributes.writeEnabled, false);
    });
  });

  describe('SIGTERM during apply', () => {
    let slow: Sandbox;
    before(async () => {
      slow = await start({ seed: 'large:300', latencyMs: 40, registries: ['slowreg'] });
    });
    after(async () => slow?.stop());

    it('is reported like Ctrl+C (what was applied, what may have been), exit 1; a rerun converges', async function () {
      this.timeout(120_000);
      const policy = file('big.json', `{ "registries": [ { "loginServer": "slowreg.azurecr.io", "rules": [ { "name": "all locked", "repositories": ["big"], "tags": ["t*"], "level": "tag", "set": { "writeEnabled": false } } ] } ] }`);
      const password = admin(slow).password;
      const slowEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_EXTRA_CA_CERTS: slow.caFile, HTTPS_PROXY: slow.proxy, ACR_PASSWORD: password };
      const args = ['apply', '--policy', policy, '-u', 'slowreg', '--registry', 'slowreg.azurecr.io', '--concurrency', '4'];
      const run = startCli(node, args, slowEnv);
      const deadline = Date.now() + 60_000;
      while (slow.stats.count({ method: 'PATCH' }) < 45 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      run.child.kill('SIGTERM');
      const result = await run.done;
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /Cancelling \(SIGTERM\): no new changes are sent; changes on their way may have been applied/);
      assert.match(result.stderr, /slowreg\.azurecr\.io: sent \(\d+ answered\): \d+ of 300/, 'the progress line counts what was sent');
      const counts = /(\d+) changed, (\d+) already as wanted, (\d+) failed, (\d+) cancelled, (\d+) may have been applied, (\d+) not attempted \(of 300\)/.exec(result.stdout);
      assert.ok(counts, result.stdout.slice(0, 2000));
      const [changed, , , cancelled, maybe] = counts.slice(1).map(Number) as [number, number, number, number, number, number];
      assert.ok(cancelled > 0, 'the run was cancelled part-way');
      const locked = slow.control.listTags('slowreg', 'big').filter((t) => !t.changeableAttributes.writeEnabled).length;
      assert.ok(locked >= changed && locked <= changed + maybe, `locked ${locked}, reported changed ${changed} + may have been applied ${maybe}`);
      const again = await runCli(node, args, slowEnv);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(slow.control.listTags('slowreg', 'big').filter((t) => t.changeableAttributes.writeEnabled).length, 0, 'the rerun converged');
    });
  });
});
