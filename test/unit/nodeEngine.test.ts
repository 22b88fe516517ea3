// The project's Node (issue 22, item 9): package.json declares Node 22 or later (scripts/node.mjs's
// MIN_MAJOR, what the bundled Azure SDKs and acr-locks need) and .npmrc makes npm hold to it, so a
// plain `npm ci` on an older Node stops with one error naming both Nodes instead of installing
// with an EBADENGINE warning per dependency and leaving a tool that refuses to start.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { olderNode } from '../support/olderNode';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function minMajor(): number {
  const match = /export const MIN_MAJOR = (\d+);/.exec(readFileSync(join(root, 'scripts', 'node.mjs'), 'utf8'));
  assert.ok(match, 'scripts/node.mjs exports MIN_MAJOR');
  return Number(match[1]);
}

/** A Node.js older than `major` and npm's own script (run by that Node). */
function olderNodeAndNpm(major: number): { node: string; npmCli: string } | undefined {
  const npm = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'npm')).find((candidate) => existsSync(candidate));
  const older = olderNode(major);
  return older === undefined || npm === undefined ? undefined : { node: older.path, npmCli: realpathSync(npm) };
}

suite('The project’s Node: 22 or later, held by npm', () => {
  test('package.json declares engines.node >= MIN_MAJOR and .npmrc sets engine-strict', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
    assert.equal(manifest.engines?.node, `>=${minMajor()}`);
    assert.match(readFileSync(join(root, '.npmrc'), 'utf8'), /^engine-strict=true$/m);
  });

  test('npm ci on an older Node stops before installing, with one error naming both Nodes', function () {
    const older = olderNodeAndNpm(minMajor());
    if (older === undefined) {
      // No Node older than 22 on this machine's PATH (Debian's 20 is on this project's machines).
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'acr-locks-engine-'));
    try {
      for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
        copyFileSync(join(root, file), join(dir, file));
      }
      const result = spawnSync(older.node, [older.npmCli, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, npm_config_cache: join(dir, '.npm') },
      });
      assert.notEqual(result.status, 0, result.stdout);
      assert.match(result.stderr, /npm error code EBADENGINE/);
      assert.match(result.stderr, new RegExp(`Required: .*"node":">=${minMajor()}"`));
      assert.match(result.stderr, /Actual: .*"node":"v\d+\./);
      assert.equal(existsSync(join(dir, 'node_modules')), false, 'nothing was installed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
