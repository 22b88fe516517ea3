// The layout's rules, over the whole import graph of src/ (type-only imports included, as eslint's
// rule sees them), transitively:
// - src/util reaches nothing else of the product; src/registry (ACR over the SDK) reaches only
//   itself and src/util — never the lock engine;
// - every core (registry, util, locks, the policy, deploy, tree and Azure cores, the CLI, and the
//   vscode-free wiring modules) reaches no `vscode`, no command, no VS Code half and no UI service;
// - the lock engine reaches no view and no policy code; the tree reaches no policy or deployment code (policy's
//   and deploy's VS Code halves implement tree/drift.ts and tree/deployed.ts) and never signs in;
// - no command imports another command (commands share code through commands/support and
//   commands/lock, never through a sibling command).
// Then the proof at run time: this plain Node process (no `vscode` module) loads the cores.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: static and dynamic imports, re-exports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) {
    found.push(match[1]);
  }
  for (const match of text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g)) {
    found.push(match[1]);
  }
  for (const match of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) {
    found.push(match[1]);
  }
  return found;
}

function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) {
    return specifier;
  }
  const base = join(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(`${relative(root, from)}: cannot resolve ${specifier}`);
}

const graph = new Map<string, string[]>(sources(src).map((file) => [file, specifiers(file).map((s) => resolve(file, s))]));

/** Everything reachable from `start` (files and package names), each with one path that reaches it. */
function reachable(start: string): Map<string, string[]> {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const next of graph.get(current) ?? []) {
      if (!paths.has(next)) {
        paths.set(next, [...(paths.get(current) ?? []), next]);
        queue.push(next);
      }
    }
  }
  return paths;
}

const rel = (path: string): string => (path.startsWith(root) ? relative(root, path) : path);
const under = (folder: string) => (path: string) => path.startsWith(join(src, folder) + '/') || path === join(src, `${folder}.ts`);
/** A VS Code half: any file under a `vscode/` folder. */
const vscodeHalf = (path: string): boolean => path.startsWith(src) && relative(src, path).split('/').includes('vscode');
const FEATURE_CORES = ['locks', 'policy', 'deploy', 'editor', 'tree', 'azure', 'util', 'registry', 'cli'];
const WIRING_CORES = ['connections.ts', 'config.ts', 'recovery.ts', 'ui/ui.ts'].map((f) => join(src, f));
const isCore = (path: string): boolean => (FEATURE_CORES.some((f) => under(f)(path)) && !vscodeHalf(path)) || WIRING_CORES.includes(path);

/** The offending edges: reachable modules matching `bad`, each shown with the import chain. */
function violations(starts: readonly string[], bad: (path: string) => boolean): string[] {
  const out = new Set<string>();
  for (const start of starts) {
    for (const [module, path] of reachable(start)) {
      if (bad(module)) {
        out.add(path.map(rel).join(' → '));
      }
    }
  }
  return [...out];
}

const files = [...graph.keys()];
const cores = files.filter(isCore);

/** Command files: one command each (src/commands/*.ts and every feature's vscode/commands/*.ts, less the lists). */
const commandFiles = files.filter(
  (f) => (dirname(f) === join(src, 'commands') || dirname(f).endsWith(join('vscode', 'commands'))) && !f.endsWith('index.ts'),
);

suite('import graph', () => {
  test('the graph is read: every layer has files and edges', () => {
    assert.ok(files.filter(under('locks')).length >= 5, 'src/locks has files');
    assert.ok(files.filter(under('tree')).length >= 10, 'src/tree has files');
    assert.ok(cores.length >= 60, `cores found (${cores.length})`);
    assert.ok(commandFiles.length >= 20, `command files found (${commandFiles.length})`);
    assert.ok((graph.get(join(src, 'extension.ts')) ?? []).includes('vscode'), 'extension.ts imports vscode (the check can see it)');
    assert.ok(
      violations([join(src, 'extension.ts')], under('auth')).length > 0,
      'extension.ts reaches src/auth (the check can see transitive edges)',
    );
  });

  test('no core reaches vscode', () => {
    assert.deepEqual(violations(cores, (m) => m === 'vscode'), []);
  });

  test('no core reaches a command, a VS Code half or a UI service', () => {
    const bad = (m: string): boolean => under('commands')(m) || vscodeHalf(m) || (under('ui')(m) && m !== join(src, 'ui', 'ui.ts')) || m === join(src, 'services.ts');
    assert.deepEqual(violations(cores, bad), []);
  });

  test('src/util reaches nothing outside src/util', () => {
    const bad = (m: string): boolean => m.startsWith(src) && !under('util')(m);
    assert.deepEqual(violations(files.filter(under('util')), bad), []);
  });

  test('src/registry reaches nothing outside src/registry and src/util (never the lock engine)', () => {
    const bad = (m: string): boolean => m.startsWith(src) && !under('registry')(m) && !under('util')(m);
    assert.deepEqual(violations(files.filter(under('registry')), bad), []);
  });

  test('the engine reaches no view, policy, command, UI or sign-in code', () => {
    const bad = (m: string): boolean => ['tree', 'azure', 'policy', 'commands', 'ui', 'auth'].some((folder) => under(folder)(m));
    assert.deepEqual(violations(files.filter(under('locks')), bad), []);
  });

  test('the tree reaches no policy or deployment code and never signs in', () => {
    // policy/vscode implements tree/drift.ts and deploy/vscode implements tree/deployed.ts.
    const bad = (m: string): boolean => under('policy')(m) || under('deploy')(m) || under('auth')(m) || m === join(src, 'connections.ts');
    assert.deepEqual(violations(files.filter(under('tree')), bad), []);
  });

  test('no command imports another command', () => {
    const commands = new Set(commandFiles);
    const edges = commandFiles.flatMap((f) => (graph.get(f) ?? []).filter((m) => commands.has(m) && m !== f).map((m) => `${rel(f)} → ${rel(m)}`));
    assert.deepEqual(edges, []);
  });

  test('this plain Node process (no vscode module) loads the engine, the registry layer, the policy and deploy cores and the tree model', async () => {
    await assert.rejects(import('vscode'), /Cannot find (module|package) 'vscode'/, 'there is no vscode module here');
    const out = join(root, 'out', 'src');
    const loaded: Record<string, unknown>[] = [];
    for (const module of ['locks/index.js', 'connections.js', 'registry/registryClient.js', 'locks/run/bulk.js', 'tree/model.js', 'tree/contextValue.js', 'policy/index.js', 'deploy/protect/index.js', 'tree/deployed.js']) {
      loaded.push((await import(join(out, module))) as Record<string, unknown>);
    }
    assert.equal(typeof loaded[0].LockEngine, 'function');
    assert.equal(typeof loaded[1].Connections, 'function');
    assert.equal(typeof loaded[4].ExplorerModel, 'function');
    assert.equal(typeof loaded[6].planPolicy, 'function');
    assert.equal(typeof loaded[7].planDeployments, 'function');
    assert.equal(typeof loaded[8].DeployedIndex, 'function');
  });
});
