// The layers, over the whole import graph of src/ (type-only imports included, as eslint's rule
// sees them): src/registry and src/locks reach no `vscode`; the tree's logic reaches no `vscode`;
// nothing the tree reaches signs in (src/auth); the engine reaches no tree, command or UI code.
// Then the proof at run time: this plain Node process (no `vscode` module) loads them.
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
const TREE_VSCODE = ['render.ts', 'createExplorer.ts', 'settings.ts'].map((f) => join(src, 'tree', f));

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

suite('import graph', () => {
  test('the graph is read: every layer has files and edges', () => {
    assert.ok(files.filter(under('locks')).length >= 5, 'src/locks has files');
    assert.ok(files.filter(under('tree')).length >= 10, 'src/tree has files');
    assert.ok((graph.get(join(src, 'extension.ts')) ?? []).includes('vscode'), 'extension.ts imports vscode (the check can see it)');
    assert.ok(
      violations([join(src, 'extension.ts')], under('auth')).length > 0,
      'extension.ts reaches src/auth (the check can see transitive edges)',
    );
  });

  test('src/registry and src/locks reach no vscode', () => {
    assert.deepEqual(violations(files.filter((f) => under('registry')(f) || under('locks')(f)), (m) => m === 'vscode'), []);
  });

  test('src/connections.ts reaches no vscode', () => {
    assert.deepEqual(violations([join(src, 'connections.ts')], (m) => m === 'vscode'), []);
  });

  test("the tree's logic reaches no vscode (only render.ts, createExplorer.ts and settings.ts use it)", () => {
    const logic = files.filter((f) => under('tree')(f) && !TREE_VSCODE.includes(f));
    assert.deepEqual(violations(logic, (m) => m === 'vscode'), []);
  });

  test('nothing the tree reaches signs in (no tree → auth edge)', () => {
    assert.deepEqual(violations(files.filter(under('tree')), (m) => under('auth')(m) || m === join(src, 'connections.ts')), []);
  });

  test('the engine reaches no tree, command, UI or sign-in code', () => {
    const bad = (m: string): boolean => ['tree', 'commands', 'ui', 'auth'].some((folder) => under(folder)(m));
    assert.deepEqual(violations(files.filter(under('locks')), bad), []);
  });

  test('src/registry reaches nothing outside src/registry', () => {
    const bad = (m: string): boolean => m.startsWith(src) && !under('registry')(m);
    assert.deepEqual(violations(files.filter(under('registry')), bad), []);
  });

  test('this plain Node process (no vscode module) loads the engine, the registry layer and the tree model', async () => {
    await assert.rejects(import('vscode'), /Cannot find (module|package) 'vscode'/, 'there is no vscode module here');
    const out = join(root, 'out', 'src');
    const loaded: Record<string, unknown>[] = [];
    for (const module of ['locks/index.js', 'connections.js', 'registry/registryClient.js', 'registry/bulk.js', 'tree/model.js', 'tree/contextValue.js']) {
      loaded.push((await import(join(out, module))) as Record<string, unknown>);
    }
    assert.equal(typeof loaded[0].LockEngine, 'function');
    assert.equal(typeof loaded[1].Connections, 'function');
    assert.equal(typeof loaded[4].ExplorerModel, 'function');
  });
});
