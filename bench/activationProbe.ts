/**
 * Run in a fresh Node process: loads the shipped bundle (dist/extension.js) with a stub `vscode`
 * module and times `require` + `activate()`. The stub answers every API with an inert object, so
 * the figure is the extension's own cost (module evaluation and activation wiring) without the
 * host's. Prints one JSON line: {requireMs, activateMs, loaded} — `loaded`: the files of the
 * bundle's folder that activation loaded (the vendor files must not be among them).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Module, { createRequire } from 'node:module';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

function stub(path: string, cache = new Map<string, unknown>()): unknown {
  const existing = cache.get(path);
  if (existing !== undefined) {
    return existing;
  }
  const target = function () {
    // inert
  };
  const proxy: unknown = new Proxy(target, {
    get(obj, prop) {
      if (prop === Symbol.toPrimitive) {
        return () => '';
      }
      if (prop === Symbol.iterator) {
        return function* () {
          // empty
        };
      }
      if (prop === 'then' || typeof prop === 'symbol') {
        return undefined;
      }
      if (Object.prototype.hasOwnProperty.call(obj, prop) && prop !== 'prototype' && prop !== 'length' && prop !== 'name') {
        return Reflect.get(obj, prop);
      }
      return stub(`${path}.${prop}`, cache);
    },
    apply(_obj, _this, args: unknown[]) {
      // getConfiguration().get(key, default), globalState.get(key, default) → the default.
      if (path.endsWith('.get') && args.length >= 2) {
        return args[1];
      }
      if (path.endsWith('.get')) {
        return undefined;
      }
      return stub(`${path}()`, cache);
    },
    construct() {
      return stub(`new ${path}`, new Map()) as object;
    },
  });
  cache.set(path, proxy);
  return proxy;
}

/** The `vscode` module's top-level names, read from @types/vscode, each bound to a stub. */
function vscodeStub(): Record<string, unknown> {
  const typings = readFileSync(process.argv[3] ?? join(process.cwd(), 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const api: Record<string, unknown> = {};
  for (const match of typings.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)) {
    const name = match[1];
    if (name && !(name in api)) {
      api[name] = name === 'version' ? '1.101.0' : stub(`vscode.${name}`);
    }
  }
  return api;
}

function main(): void {
  const bundle = process.argv[2];
  if (!bundle) {
    throw new Error('usage: activationProbe <dist/extension.js>');
  }
  const vscode = vscodeStub();
  const moduleWithLoad = Module as unknown as { _load: Loader };
  const original = moduleWithLoad._load;
  moduleWithLoad._load = (request, parent, isMain) => (request === 'vscode' ? vscode : original(request, parent, isMain));

  const context = {
    subscriptions: [] as unknown[],
    globalState: { get: (_k: string, d?: unknown) => d, update: () => Promise.resolve(), keys: () => [], setKeysForSync: () => undefined },
    workspaceState: { get: (_k: string, d?: unknown) => d, update: () => Promise.resolve(), keys: () => [] },
    secrets: { get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve(), onDidChange: stub('onDidChange') },
    extensionUri: stub('extensionUri'),
    extensionPath: process.cwd(),
    extensionMode: 1,
    extension: { id: 'acr-image-locks.acr-image-locks', packageJSON: { version: '0.0.0' } },
    logUri: stub('logUri'),
    storageUri: undefined,
    globalStorageUri: stub('globalStorageUri'),
    environmentVariableCollection: stub('environmentVariableCollection'),
  };

  const t0 = process.hrtime.bigint();
  const extension = createRequire(__filename)(bundle) as { activate: (context: unknown) => unknown };
  const t1 = process.hrtime.bigint();
  extension.activate(context);
  const t2 = process.hrtime.bigint();
  const folder = dirname(resolve(bundle));
  const loaded = Object.keys(require.cache).filter((file) => dirname(file) === folder).map((file) => basename(file)).sort();
  process.stdout.write(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, activateMs: Number(t2 - t1) / 1e6, loaded }) + '\n');
  // Timers the extension may have started are not part of the measurement.
  process.exit(0);
}

main();
