// Packs the command-line tool as its own npm package (acr-locks): stages dist/cli.js with
// cli/package.json (version from the root package.json), cli/README.md and LICENSE, then runs
// `npm pack`. The tarball has no dependencies: it installs and runs wherever Node.js >= 22 is.
//   node scripts/packCli.mjs [--no-build] [--out DIR]    (default DIR: dist/)
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(root, 'dist'));

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} exited with ${result.status}`);
  }
  return result.stdout;
}

if (!args.includes('--no-build')) {
  run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], root);
}
const stage = mkdtempSync(join(tmpdir(), 'acr-locks-cli-'));
try {
  const manifest = JSON.parse(readFileSync(join(root, 'cli', 'package.json'), 'utf8'));
  manifest.version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // The bundle without its source-map comment (the map is not shipped).
  const bundle = readFileSync(join(root, 'dist', 'cli.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  writeFileSync(join(stage, 'cli.js'), bundle);
  chmodSync(join(stage, 'cli.js'), 0o755);
  copyFileSync(join(root, 'cli', 'README.md'), join(stage, 'README.md'));
  copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  mkdirSync(out, { recursive: true });
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out], stage));
  process.stdout.write(`${join(out, packed[0].filename)}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
