// Runs the extension-host suite inside code-server, driven by Chromium (the smoke-test payload).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { log } from './log';
import { repoRoot } from './paths';
import { HOST_SUITE_PREFIX, HOST_SUITE_START } from './results';
import { createRunFolder, removeRunTmp, restrictedModeSettings, writeUserSettings } from './runFolder';
import { trustEnv } from './trust';

export interface HostRunOptions {
  /** Environment for the extension host (ACR_LOCKS_SANDBOX, ...). */
  extensionEnv: Record<string, string>;
  /** Environment for the server process. */
  serverEnv: Record<string, string>;
  /** CA to trust in the server process (trust.ts: SSL_CERT_FILE and NODE_EXTRA_CA_CERTS, read at process start). */
  caFile?: string;
  timeoutMs: number;
  /** Called with the run folder before the server starts (e.g. to point results files into it). */
  runDir?: (dir: string) => void;
  /** The module the extension host runs (its `run()`), relative to the repository; default the host suite's index. */
  testsPath?: string;
  /** The extension's folder (its package.json and dist/); default the repository (the development build). */
  extensionPath?: string;
  /** Opens the workspace folder untrusted (Restricted Mode): workspace trust on, the folder never trusted. */
  restrictedMode?: boolean;
}

/** Workbench lines that can interleave with the suite's output. */
const WORKBENCH_NOISE = [/^Updating additional builtin extensions cache/, /^Ignoring fetching additional builtin extensions/, /^Creating a socket/, /^\[(Service Worker|AgentHost|AccountPolicyGate|reconnection-grace-time)/];

/**
 * Streams the suite's own output (between the index's start marker and its counts line) to
 * stdout; the workbench's lines go only to the run's host-console.log.
 */
class SuiteOutput {
  readonly transcript: string[] = [];
  private streaming = false;
  sawStart = false;

  add(text: string): void {
    for (const line of text.split('\n')) {
      this.transcript.push(line);
      if (line === HOST_SUITE_START) {
        this.streaming = true;
        this.sawStart = true;
      } else if (this.streaming && !WORKBENCH_NOISE.some((pattern) => pattern.test(line))) {
        process.stdout.write(`${line}\n`);
      }
      if (line.startsWith(HOST_SUITE_PREFIX)) {
        this.streaming = false;
      }
    }
  }
}

export async function runInCodeServer(options: HostRunOptions): Promise<number> {
  const run = createRunFolder(options.restrictedMode === true ? 'host-restricted' : 'host');
  if (options.restrictedMode === true) {
    writeUserSettings(run, restrictedModeSettings);
  }
  options.runDir?.(run.dir);
  const server = await startCodeServer({
    run,
    smokeTestDriver: true,
    env: { ...options.serverEnv, ...trustEnv(run.dir, options.caFile) },
    workspaceTrust: options.restrictedMode === true,
  });
  const context = await launchBrowser(run).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const output = new SuiteOutput();
  try {
    const page = await context.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number, logs?: { relativePath: string; contents: string }[]) => {
        for (const file of logs ?? []) {
          const target = path.join(run.dir, 'logs', file.relativePath);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, file.contents);
        }
        resolve(code);
      });
    });
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      output.add(format(...(Array.isArray(args) ? args : [args])));
    });
    const base = `vscode-remote://127.0.0.1:${server.port}${repoRoot}`;
    const payload = [
      ['extensionDevelopmentPath', options.extensionPath ? `vscode-remote://127.0.0.1:${server.port}${options.extensionPath}` : base],
      ['extensionTestsPath', `${base}/${options.testsPath ?? 'out/test/suite/index'}`],
      ['extensionEnvironment', JSON.stringify(options.extensionEnv)],
    ];
    log('host', 'opening the workbench; the suite runs in the extension host ...');
    await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        log('host', `TIMEOUT: the suite did not finish within ${options.timeoutMs / 1000}s (see ${run.dir})`);
        resolve(124);
      }, options.timeoutMs);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    if (!output.sawStart) {
      log('host', `the suite never started; last workbench lines (all in ${run.dir}/host-console.log):`);
      process.stdout.write(`${output.transcript.slice(-40).join('\n')}\n`);
    }
    return code;
  } finally {
    fs.writeFileSync(path.join(run.dir, 'host-console.log'), `${output.transcript.join('\n')}\n`);
    await context.close().catch(() => undefined);
    await server.stop();
    removeRunTmp(run);
  }
}
