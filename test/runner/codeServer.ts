// Starts one code-server (VS Code server + web workbench) per run, on a fresh port.
//
// code-server runs in its own process group (stop() ends the extension host and its other children too),
// so nothing ends it when the process that started it dies without calling stop() — SIGKILL, the OOM
// killer: it would keep serving, its extension pointing at a dead sandbox. So each code-server comes with a
// watchdog (watchdog.ts), a small node process whose stdin is a pipe from this process: the kernel closes
// that pipe when this process ends, however it ends, and on EOF the watchdog ends code-server's group. A
// pipe rather than polling the parent's pid (slow to notice, and pids are reused) or PR_SET_PDEATHSIG
// (Linux only, not reachable from Node, and it would reach the server only, not its group). The watchdog
// is in a process group of its own, so a signal to this process's group (Ctrl-C, a CI job's timeout)
// cannot end it first; stop() tells it to exit quietly (a byte, then EOF).
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { log } from './log';
import { describeExit } from './supervisor';
import { codeServerEntry, node24Bin } from './paths';
import { type RunFolder, cleanParentEnv } from './runFolder';

export interface CodeServerOptions {
  run: RunFolder;
  /** Adds `--vscode-option enable-smoke-test-driver` (needed for the extension-tests payload). */
  smokeTestDriver: boolean;
  /** Extra environment for the server and so for its extension host. */
  env?: Record<string, string>;
  port?: number;
  /** Leaves workspace trust on (no `--disable-workspace-trust`): the folder opens in Restricted Mode unless trusted. */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** URL of the workbench with the run's workspace folder open, plus extra query parameters. */
  workbenchUrl(query?: Record<string, string>): string;
  logFile: string;
  /** Resolves when the server process ends, with how ("exited with code 1"), whether stop() ended it or not. */
  exited: Promise<string>;
  /** Ends the server's whole process group (extension host and other children too), also after the server itself died. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function serverEnv(run: RunFolder, extra: Record<string, string> | undefined): Record<string, string> {
  return {
    ...cleanParentEnv(),
    ...run.env,
    PATH: `${path.dirname(node24Bin)}${path.delimiter}${process.env.PATH ?? ''}`,
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function commonArgs(run: RunFolder): string[] {
  return ['--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir];
}

/** `code-server --install-extension <vsix>` into the run's extensions folder. */
export function installExtension(run: RunFolder, vsix: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(node24Bin, [codeServerEntry, ...commonArgs(run), '--install-extension', vsix], {
      env: serverEnv(run, undefined), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        log('code-server', `installed ${path.basename(vsix)} into ${run.extensionsDir}`);
        resolve();
      } else {
        reject(new Error(`--install-extension exited with ${code}:\n${output}`));
      }
    });
  });
}

async function waitForHealthz(origin: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}); log:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms; log:\n${fs.readFileSync(logFile, 'utf8')}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts code-server's watchdog (watchdog.ts) for the group `pgid`; returns how to dismiss it (after stop()).
 * Neither it nor its pipe keeps this process alive.
 */
function startWatchdog(pgid: number, logFile: string): () => void {
  const watchdog = spawn(process.execPath, [path.join(__dirname, 'watchdog.js'), String(pgid), logFile], {
    stdio: ['pipe', 'ignore', 'inherit'], detached: true,
  });
  watchdog.on('error', (error) => log('code-server', `its watchdog did not start: ${error.message}`));
  const pipe = watchdog.stdin as net.Socket;
  pipe.on('error', () => undefined);
  pipe.unref();
  watchdog.unref();
  return () => {
    if (!pipe.writableEnded) {
      pipe.end('stopped');
    }
  };
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { run } = options;
  const port = options.port ?? await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logFile = path.join(run.dir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...commonArgs(run),
    '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    run.workspaceDir,
  ];
  // detached: own process group, so stop() also ends the extension host and other children.
  const child = spawn(node24Bin, args, { env: serverEnv(run, options.env), stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const dismissWatchdog = child.pid === undefined ? () => undefined : startWatchdog(child.pid, logFile);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(describeExit(code, signal))));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      // The server is gone, but its group (extension host, file watcher …) may not be.
      killGroup(child, 'SIGKILL');
      dismissWatchdog();
      return;
    }
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL');
    dismissWatchdog();
  };
  try {
    await waitForHealthz(origin, child, logFile, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  log('code-server', `listening on ${origin} (pid ${String(child.pid)}, its own process group; run folder ${run.dir})`);
  return {
    port, origin, logFile, stop, exited,
    workbenchUrl: (query = {}) => {
      const params = new URLSearchParams({ folder: run.workspaceDir, ...query });
      return `${origin}/?${params.toString()}`;
    },
  };
}
