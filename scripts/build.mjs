// Builds the extension bundle and the command-line tool (dist/), and transpiles tests, the sandbox and the benchmark (out/).
// Type checking is separate: `npm run typecheck` (tsc --noEmit).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname;

function tsFiles(dir) {
  const full = join(root, dir);
  let found = [];
  for (const name of readdirSync(full)) {
    const path = join(full, name);
    if (statSync(path).isDirectory()) {
      found = found.concat(tsFiles(join(dir, name)));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      found.push(join(dir, name));
    }
  }
  return found;
}

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  external: ['vscode'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The policy engine's jsonc-parser: its UMD main cannot be bundled; its ES module build can.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

// The command-line tool (acr-locks): everything bundled, no vscode, for Node >= 22.
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/index.ts'],
  bundle: true,
  outfile: 'dist/cli.js',
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  // jsonc-parser's UMD main cannot be bundled; its ES module build can.
  mainFields: ['module', 'main'],
  define: { __ACR_LOCKS_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

if (!production) {
  // Tests import src/ modules directly, so they are transpiled file by file (no bundling).
  // out/ is rebuilt from scratch so a deleted test never runs from a stale file.
  rmSync(join(root, 'out'), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...tsFiles('src'), ...tsFiles('test'), ...tsFiles('bench')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
