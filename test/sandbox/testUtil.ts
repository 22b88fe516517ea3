/** Helpers shared by the sandbox tests. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TokenCredential } from '@azure/core-auth';
import { ContainerRegistryClient, ContainerRegistryContentClient } from '@azure/container-registry';
import { type Sandbox } from './index';

export function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** A TokenCredential returning the sandbox's AAD token (accepted by /oauth2/exchange). */
export function aadCredential(sandbox: Sandbox): TokenCredential {
  return { getToken: () => Promise.resolve({ token: sandbox.aadToken, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

/** Trust the sandbox CA through the SDK's own `tlsOptions` (no global state). Retries off unless asked. */
export function sdkClient(sandbox: Sandbox, maxRetries = 0): ContainerRegistryClient {
  return new ContainerRegistryClient(sandbox.endpoint, aadCredential(sandbox), {
    tlsOptions: { ca: readFileSync(sandbox.caFile) },
    retryOptions: { maxRetries, retryDelayInMs: 50, maxRetryDelayInMs: 200 },
  });
}

export function contentClient(sandbox: Sandbox, repository: string): ContainerRegistryContentClient {
  return new ContainerRegistryContentClient(sandbox.endpoint, repository, aadCredential(sandbox), {
    tlsOptions: { ca: readFileSync(sandbox.caFile) },
    retryOptions: { maxRetries: 0 },
  });
}

export function admin(sandbox: Pick<Sandbox, 'users'>): { username: string; password: string } {
  const user = sandbox.users[0];
  if (!user) {
    throw new Error('sandbox has no users');
  }
  return user;
}

export function user(sandbox: Sandbox, name: string): { username: string; password: string } {
  const found = sandbox.users.find((u) => u.username === name);
  if (!found) {
    throw new Error(`no user ${name}`);
  }
  return found;
}

/** Awaits `promise` expecting a rejection; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<{ statusCode?: number; message: string; code?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) {
      return error as Error & { statusCode?: number; code?: string };
    }
    return { message: String(error) };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Runs a command asynchronously (the sandbox lives in this process, so never spawnSync against it). */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<{ status: number | null; stdout: string; stderr: string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, output: stdout + stderr });
    });
  });
}

let azTemplate: Promise<string> | undefined;

/**
 * A fresh folder for `az`'s state (HOME and AZURE_CONFIG_DIR, see azEnv), removed by the caller.
 * Its `.azure` starts as a copy of one this process prepared once (`az acr … -h`: az's command
 * index is built), so the first real `az` call of each test does not build it again (2–20 s here).
 * Nothing is shared between tests: each gets its own copy (no sign-in is kept; the tests pass -u/-p).
 */
export async function azHome(prefix: string): Promise<string> {
  azTemplate ??= (async () => {
    const template = mkdtempSync(join(tmpdir(), 'acr-locks-az-template-'));
    process.once('exit', () => rmSync(template, { recursive: true, force: true }));
    await run('az', ['acr', 'repository', 'update', '-h'], azEnv({ proxy: '', caFile: '' }, template, { proxy: false }));
    return template;
  })();
  const template = await azTemplate;
  const home = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(template, '.azure'), join(home, '.azure'), { recursive: true });
  return home;
}

/**
 * The environment for Debian's `az` against a sandbox: its CONNECT proxy (az reaches
 * `<name>.azurecr.io` through it; `proxy: false` for a login server it reaches directly), its
 * CA, and az's state in `home` (never the real $HOME).
 */
export function azEnv(sandbox: Pick<Sandbox, 'proxy' | 'caFile'>, home: string, options: { proxy?: boolean } = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AZURE_CONFIG_DIR: join(home, '.azure'),
    ...(options.proxy === false ? {} : { HTTPS_PROXY: sandbox.proxy, https_proxy: sandbox.proxy }),
    NO_PROXY: '',
    no_proxy: '',
    REQUESTS_CA_BUNDLE: sandbox.caFile,
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
    AZURE_CORE_NO_COLOR: 'true',
  };
}
