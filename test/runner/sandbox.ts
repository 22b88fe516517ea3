// Starts the sandbox registry in-process (test/sandbox/index.ts, compiled to out/test/sandbox/).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { log } from './log';
import { repoRoot } from './paths';
import { type SandboxInfo, toSandboxInfo } from './sandboxInfo';
import type { SandboxControl } from '../sandbox/control';

export interface RunningSandbox { info: SandboxInfo; stop(): Promise<void> }

let runningControl: SandboxControl | undefined;

/**
 * The control of the sandbox this process started (startSandbox), for tests that run in the same
 * process as their runner (the UI tests): e.g. `hold('PATCH')` to observe the workbench while a
 * change is at the registry. Throws when no sandbox runs here.
 */
export function sandboxControl(): SandboxControl {
  if (!runningControl) {
    throw new Error('no sandbox runs in this process (startSandbox)');
  }
  return runningControl;
}

type StartFn = (options?: { seed?: string; port?: number; caDir?: string; armPageSize?: number; onFailure?: RunnerSandboxOptions['onFailure'] }) => Promise<unknown>;

/** Options for the runners' sandbox beyond the seed. */
export interface RunnerSandboxOptions {
  /** Registries per ARM list page (the sandbox's default is Azure's: one page for a small subscription). */
  armPageSize?: number;
  /** The sandbox's HTTPS listener or its CONNECT proxy failed or closed while running. */
  onFailure?: (part: 'sandbox' | 'proxy', error: Error) => void;
}

const sandboxModule = path.join(repoRoot, 'out', 'test', 'sandbox', 'index.js');

function findStart(mod: unknown): StartFn | undefined {
  if (typeof mod !== 'object' || mod === null) {
    return undefined;
  }
  const candidate = (mod as { start?: unknown; default?: { start?: unknown } }).start
    ?? (mod as { default?: { start?: unknown } }).default?.start;
  return typeof candidate === 'function' ? (candidate as StartFn) : undefined;
}

/**
 * Starts the sandbox with the given seed. Returns undefined (with a warning) only when the
 * sandbox is not part of the build yet; a sandbox that fails to start is an error.
 * Its CA (certificate and key) lives in a temporary folder, removed on stop: the processes the
 * runners start trust that CA (trust.ts), so a test that starts its own sandbox passes
 * `caDir: dirname(caFile)` to be trusted too.
 */
export async function startSandbox(seed = 'demo', options: RunnerSandboxOptions = {}): Promise<RunningSandbox | undefined> {
  if (!fs.existsSync(sandboxModule)) {
    log('sandbox', `WARNING: ${path.relative(repoRoot, sandboxModule)} not found; running without a sandbox registry`);
    return undefined;
  }
  const start = findStart(await import(sandboxModule));
  if (!start) {
    throw new Error(`${sandboxModule} does not export start()`);
  }
  const caDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-locks-sandbox-ca-'));
  const handle = await start({ seed, caDir, ...options }).catch((error: unknown) => {
    fs.rmSync(caDir, { recursive: true, force: true });
    throw error;
  });
  const stopFn = (handle as { stop?: unknown }).stop;
  runningControl = (handle as { control?: SandboxControl }).control;
  const info = toSandboxInfo(handle);
  log('sandbox', `started (${seed}) at ${info.endpoint}: ${info.registries.map((r) => r.loginServer).join(', ')}`);
  return {
    info,
    stop: async () => {
      runningControl = undefined;
      if (typeof stopFn === 'function') {
        await (stopFn as () => Promise<void>).call(handle);
      }
      fs.rmSync(caDir, { recursive: true, force: true });
    },
  };
}
