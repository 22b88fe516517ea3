/**
 * Running the bundled command-line tool (dist/cli.js) as a child process, for the hardening
 * tests (hardenCli.test.ts, transportLimits.test.ts). The sandbox runs in the test's process,
 * so the child is always awaited asynchronously.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from '../runner/codeServerInstall';
import { node24Bin, repoRoot } from '../runner/paths';

export const CLI = join(repoRoot, 'dist', 'cli.js');
/** The oldest Node the tool runs on (src/cli/index.ts checks the same). */
export const MIN_NODE_MAJOR = 22;
const MIN_MAJOR = MIN_NODE_MAJOR;

export interface CliResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** This Node if it is new enough, else the test host's Node 24 (installed into .cache when missing). */
export async function cliNode(): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) >= MIN_MAJOR) {
    return process.execPath;
  }
  if (!existsSync(node24Bin)) {
    await ensureCodeServer();
  }
  return node24Bin;
}

export interface CliRun {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  /** Standard error so far. */
  stderr(): string;
}

/** Starts the tool; `timeoutMs` kills it (SIGKILL) so a test never hangs. */
/** `holdStdin`: standard input is a pipe that stays open (nothing written, never ended). */
export function startCli(node: string, args: readonly string[], env: NodeJS.ProcessEnv, options: { stdin?: string; holdStdin?: boolean; timeoutMs?: number } = {}): CliRun {
  const child = spawn(node, [CLI, ...args], { env, stdio: [options.stdin === undefined && options.holdStdin !== true ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  if (options.stdin !== undefined) {
    child.stdin?.end(options.stdin);
  }
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, stdout, stderr });
    });
  });
  return { child, done, stderr: () => stderr };
}

export function runCli(node: string, args: readonly string[], env: NodeJS.ProcessEnv, options: { stdin?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return startCli(node, args, env, options).done;
}

/** A policy file text with one entry per login server, each with the demo's "releases are immutable" rule. */
export function multiRegistryPolicy(loginServers: readonly string[], set = '{ "writeEnabled": false, "deleteEnabled": false }'): string {
  const entries = loginServers.map(
    (loginServer) => `    { "loginServer": "${loginServer}", "rules": [ { "name": "releases are immutable", "repositories": ["**"], "tags": ["v*"], "level": "tag", "set": ${set} } ] }`,
  );
  return `{\n  "registries": [\n${entries.join(',\n')}\n  ]\n}\n`;
}
