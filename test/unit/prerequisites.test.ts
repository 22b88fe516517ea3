// scripts/prerequisites.mjs: one list of system packages; without root it names the command.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const script = path.join(__dirname, '..', '..', '..', 'scripts', 'prerequisites.mjs');

function runScript(purpose: string): { status: number | null; output: string } {
  // No az, skopeo or apt-get on PATH, no Chromium: everything that can be missing is missing,
  // and nothing can be installed, as for a user without root.
  const result = spawnSync(process.execPath, [script, purpose], {
    encoding: 'utf8',
    env: { PATH: '/nonexistent', ACR_LOCKS_CHROMIUM: '/nonexistent/chromium', ACR_LOCKS_NO_INSTALL: '1' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

suite('System prerequisites (scripts/prerequisites.mjs)', () => {
  test('without a way to install, npm test stops with one message naming the exact command', () => {
    const { status, output } = runScript('test');
    assert.equal(status, 1);
    assert.match(output, /missing system packages for `npm test`/);
    assert.match(output, /sudo apt-get update && sudo apt-get install -y chromium (libkrb5-dev )?azure-cli skopeo\n/);
    assert.match(output, /azure-cli: the sandbox and the lock commands are verified/);
  });

  test('each command asks only for what it needs: npm start needs no browser, az or skopeo', () => {
    const { output } = runScript('start');
    assert.doesNotMatch(output, /chromium|azure-cli|skopeo/);
  });

  test('an unknown purpose is an error, not a silent pass', () => {
    const { status, output } = runScript('deploy');
    assert.equal(status, 1);
    assert.match(output, /unknown purpose "deploy": expected one of test, start, bench/);
  });
});
