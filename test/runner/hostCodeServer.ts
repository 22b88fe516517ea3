// Runs the extension-host suite inside code-server, driven by Chromium (the smoke-test payload).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { log } from './log';
import { repoRoot } from './paths';
import { createRunFolder } from './runFolder';

export interface HostRunOptions {
  /** Environment for the extension host (ACR_LOCKS_SANDBOX, ...). */
  extensionEnv: Record<string, string>;
  /** Environment for the server process (NODE_EXTRA_CA_CERTS must be set at process start). */
  serverEnv: Record<string, string>;
  timeoutMs: number;
  /** Called with the run folder before the server starts (e.g. to point results files into it). */
  runDir?: (dir: string) => void;
}

/** Workbench lines that are not the suite's own output. */
const NOISE = [
  /^\[(Extension Host|LocalProcess|Window|Renderer)\]/, /^(Started local extension host|Extension host)/,
  /ExtensionService#/, /^\s*\[(main|trace|debug|info)\b/i, /Remote agent/i, /^Settings Sync/,
  /^Skipping/, /^Ignoring/, /acquirePort|The web worker extension host/, /^%c/,
];

function isNoise(line: string): boolean {
  return NOISE.some((pattern) => pattern.test(line));
}

export async function runInCodeServer(options: HostRunOptions): Promise<number> {
  const run = createRunFolder('host');
  options.runDir?.(run.dir);
  const server = await startCodeServer({ run, smokeTestDriver: true, env: options.serverEnv });
  const context = await launchBrowser(run).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const transcript: string[] = [];
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
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        transcript.push(line);
        if (!isNoise(line)) {
          process.stdout.write(`${line}\n`);
        }
      }
    });
    const base = `vscode-remote://127.0.0.1:${server.port}${repoRoot}`;
    const payload = [
      ['extensionDevelopmentPath', base],
      ['extensionTestsPath', `${base}/out/test/suite/index`],
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
    return code;
  } finally {
    fs.writeFileSync(path.join(run.dir, 'host-console.log'), `${transcript.join('\n')}\n`);
    await context.close().catch(() => undefined);
    await server.stop();
  }
}
