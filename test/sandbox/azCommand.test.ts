/**
 * Copy az Command against Debian's azure-cli 2.45 (issue 14): the command the extension copies for
 * a `*.azurecr.io` login server — with or without a port — is one az accepts and applies; for
 * `localhost:PORT` there is none, because az turns `--name localhost:PORT` into the login server
 * `localhost:PORT.azurecr.io` (what the extension then says instead of copying).
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { azAddress, azUpdateCommand } from '../../src/locks/azCommand';
import { start, type Sandbox } from './index';
import { admin, azEnv, azHome, hasBinary, run } from './testUtil';

describe('Copy az Command with the real az', function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let home: string;

  before(async function () {
    if (!hasBinary('az')) {
      this.skip(); // az is not installed (apt-get install azure-cli; npm test installs it first, scripts/prerequisites.mjs).
    }
    sandbox = await start({ seed: 'demo', log: () => undefined });
    home = await azHome('sandbox-azcmd-');
  });
  after(async () => {
    await sandbox?.stop();
    if (home) {
      rmSync(home, { recursive: true, force: true });
    }
  });

  /** Runs a copied command line (simple words, as azUpdateCommand quotes them) with the sandbox admin's credentials. */
  async function az(commandLine: string, proxy: boolean): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const words = commandLine.split(' ');
    assert.equal(words[0], 'az');
    const user = admin(sandbox);
    return run('az', [...words.slice(1), '-u', user.username, `--password=${user.password}`, '-o', 'json'], azEnv(sandbox, home, { proxy }), 90_000);
  }

  const tag = { kind: 'tag', repository: 'hello-world', tag: 'latest' } as const;

  for (const loginServer of ['sandbox.azurecr.io', 'sandbox.azurecr.io:443']) {
    it(`the command copied for ${loginServer} is accepted and applied by az`, async () => {
      assert.ok(azAddress(loginServer).ok);
      sandbox.control.setTagAttributes('sandbox', 'hello-world', 'latest', { writeEnabled: true, deleteEnabled: true });
      const command = azUpdateCommand(loginServer, tag, { writeEnabled: false, deleteEnabled: false });
      const result = await az(command, true);
      assert.equal(result.status, 0, `${command}: ${result.stderr}`);
      const attributes = sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes;
      assert.equal(attributes?.writeEnabled, false);
      assert.equal(attributes?.deleteEnabled, false);
    });
  }

  it('for localhost:PORT az has no command: it would address localhost:PORT.azurecr.io', async () => {
    const loginServer = new URL(sandbox.endpoint).host;
    assert.deepEqual(azAddress(loginServer), { ok: false, reason: 'notAzureLoginServer' });
    // What the extension would have copied before: az rejects it, trying <login server>.azurecr.io.
    const result = await az(azUpdateCommand(loginServer, tag, { writeEnabled: true }), false);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, new RegExp(`${loginServer.replace(/[.:]/g, '\\$&')}\\.azurecr\\.io`));
  });
});
