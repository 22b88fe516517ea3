// Builds the extension and the command-line tool (dist/), and transpiles tests, the sandbox and the benchmark (out/).
// Type checking is separate: `npm run typecheck` (tsc --noEmit).
// `--production`: minified, no source maps, no out/. `--dist DIR`: build the extension into DIR
// instead of dist/ (the benchmark packs a staging copy), without out/.
//
// dist/ holds several files so that activation pays only for the extension's own code:
// - extension.js  the manifest's `main`: a few lines that load main.js and time it (loadMs) and
//                 activate() (activateMs), and note which files of dist/ were loaded by the end of
//                 activate() (loaded); exported as `activationCost` for tests and the benchmark;
// - main.js       the extension's own code;
// - sdk.js, identity.js, telemetry.js, azure.js, deploy.js  the Azure SDKs, the telemetry library,
//                 the Resource Manager SDKs and the deployment-file parsers, each loaded
//                 on first use. In main.js each of those packages is a small facade module:
//                 its exports are getters that `require` the vendor file when first read, so a
//                 static `import { RestError } from '@azure/core-rest-pipeline'` costs nothing
//                 until RestError is used, and `import('@azure/identity')` loads identity.js then.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname;
const distFlag = process.argv.indexOf('--dist');
const distDir = distFlag >= 0 ? resolve(process.argv[distFlag + 1] ?? '') : join(root, 'dist');
const requireFromRoot = createRequire(join(root, 'package.json'));

/** Vendor file → the packages it carries (each file self-contained: shared dependencies are bundled into each). */
const VENDOR_FILES = {
  'sdk.js': ['@azure/container-registry', '@azure/core-rest-pipeline'],
  'identity.js': ['@azure/identity'],
  'telemetry.js': ['@vscode/extension-telemetry'],
  // Deployment-file extraction (src/deploy): the YAML and Dockerfile parsers. Protect Deployed Images…
  // and the editor features load it on first use, never to activate on a YAML or JSON file.
  'deploy.js': ['yaml', 'dockerfile-ast'],
  // Azure Resource Manager discovery (src/azure): the modular SDKs' subpath entry points it imports.
  'azure.js': [
    '@azure/arm-resources-subscriptions/api',
    '@azure/arm-resources-subscriptions/api/tenants',
    '@azure/arm-resources-subscriptions/api/subscriptions',
    '@azure/arm-containerregistry/api',
    '@azure/arm-containerregistry/api/registries',
  ],
};

/**
 * `yaml` (deployment-file extraction) as its own browser build: the same version and source, but
 * with the debug switches compiled out. Its Node build reads `process.env.LOG_TOKENS` for every
 * token and `process.env.LOG_STREAM` for every document — a call into the process environment
 * each time, 13 % of extraction's CPU profile (docs/performance.md). Plain ES modules, no Node API.
 */
const YAML_WITHOUT_ENV_READS = { yaml: './node_modules/yaml/browser/index.js' };

const common = {
  absWorkingDir: root,
  bundle: true,
  external: ['vscode'],
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

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

/** The package's export names, when it can be loaded here (the telemetry library needs `vscode`: no names). */
function exportNames(pkg) {
  try {
    return Object.keys(requireFromRoot(pkg)).filter((name) => name !== '__esModule' && name !== 'default');
  } catch {
    return undefined;
  }
}

function facadeSource(pkg, file) {
  const target = `require(${JSON.stringify(`./${file}`)})[${JSON.stringify(pkg)}]`;
  const names = exportNames(pkg);
  if (!names) {
    return `module.exports = ${target};\n`;
  }
  return [
    'let loaded;',
    `const load = () => (loaded ??= ${target});`,
    'Object.defineProperty(exports, "__esModule", { value: true });',
    `for (const name of ${JSON.stringify(names)}) {`,
    '  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });',
    '}',
    '',
  ].join('\n');
}

/** In main.js: each vendored package becomes a facade over its vendor file (kept external, loaded at run time). */
const vendorFacades = {
  name: 'vendor-facades',
  setup(build) {
    const fileOf = new Map(Object.entries(VENDOR_FILES).flatMap(([file, pkgs]) => pkgs.map((pkg) => [pkg, file])));
    build.onResolve({ filter: /^[@a-z]/ }, (args) => (fileOf.has(args.path) && args.namespace !== 'vendor-facade' ? { path: args.path, namespace: 'vendor-facade' } : undefined));
    build.onResolve({ filter: /^\.\/[a-z]+\.js$/, namespace: 'vendor-facade' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'vendor-facade' }, (args) => ({ contents: facadeSource(args.path, fileOf.get(args.path)), loader: 'js', resolveDir: root }));
  },
};

const loaderSource = `"use strict";
// Loads the extension's own code and times it; see scripts/build.mjs.
const { performance } = require("node:perf_hooks");
const path = require("node:path");
const started = performance.now();
const main = require("./main.js");
const activationCost = { loadMs: performance.now() - started, activateMs: undefined, loaded: [] };
exports.activationCost = activationCost;
exports.activate = function activate(context) {
  const begun = performance.now();
  try {
    return main.activate(context);
  } finally {
    activationCost.activateMs = performance.now() - begun;
    activationCost.loaded = Object.keys(require.cache).filter((file) => path.dirname(file) === __dirname).map((file) => path.basename(file)).sort();
  }
};
exports.deactivate = function deactivate() {
  return main.deactivate();
};
`;

rmSync(distDir, { recursive: true, force: true });
await Promise.all([
  // The policy engine's jsonc-parser: its UMD main cannot be bundled; its ES module build can.
  esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: join(distDir, 'main.js'),
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js', ...YAML_WITHOUT_ENV_READS },
    plugins: [vendorFacades],
  }),
  esbuild.build({ ...common, stdin: { contents: loaderSource, resolveDir: root, sourcefile: 'extension-loader.js', loader: 'js' }, outfile: join(distDir, 'extension.js'), external: ['./main.js'], sourcemap: false }),
  ...Object.entries(VENDOR_FILES).map(([file, pkgs]) =>
    esbuild.build({
      ...common,
      stdin: {
        contents: pkgs.map((pkg) => `Object.defineProperty(exports, ${JSON.stringify(pkg)}, { enumerable: true, get: () => require(${JSON.stringify(pkg)}) });`).join('\n'),
        resolveDir: root,
        sourcefile: `vendor-${file}`,
        loader: 'js',
      },
      outfile: join(distDir, file),
      alias: YAML_WITHOUT_ENV_READS,
    }),
  ),
  // The command-line tool (acr-locks): everything bundled, no vscode, for Node >= 22. Not in the .vsix.
  esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/index.ts'],
    bundle: true,
    outfile: join(distDir, 'cli.js'),
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    // jsonc-parser's UMD main cannot be bundled; its ES module build can.
    mainFields: ['module', 'main'],
    alias: YAML_WITHOUT_ENV_READS,
    define: { __ACR_LOCKS_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  }),
  // The GitHub Action (action.yml: dist/action.js) and the Azure Pipelines task (pipelinesTask/task.json:
  // task.js, copied from dist/task.js when the task is packaged): the CLI's code, bundled the same way.
  ...[
    ['src/action/index.ts', 'action.js'],
    ['src/pipelinesTask/index.ts', 'task.js'],
  ].map(([entry, file]) =>
    esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      outfile: join(distDir, file),
      format: 'cjs',
      platform: 'node',
      target: 'node22',
      mainFields: ['module', 'main'],
      alias: YAML_WITHOUT_ENV_READS,
      define: { __ACR_LOCKS_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
      sourcemap: !production,
      minify: production,
      logLevel: 'warning',
    }),
  ),
]);

if (!production && distFlag < 0) {
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
  // The benchmark measures extraction as it ships: bundled like the extension and acr-locks.
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/deploy/extract.ts'],
    bundle: true,
    outfile: join(root, 'out', 'bench', 'deployExtract.bundle.js'),
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    alias: YAML_WITHOUT_ENV_READS,
    logLevel: 'warning',
  });
}
