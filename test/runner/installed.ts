// "Installed mode": the packaged .vsix installed into a fresh code-server, user settings
// pointing the extension at the sandbox registry. Shared by runUi (UI tests) and start (npm start).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { type CodeServer, installExtension, startCodeServer } from './codeServer';
import { log, seconds } from './log';
import { repoRoot, vsixPath } from './paths';
import { type RunFolder, createRunFolder, removeRunTmp, writeUserSettings } from './runFolder';
import { trustEnv } from './trust';
import { SANDBOX_ENV, type SandboxInfo, adminUser, sandboxLoginServer, sandboxProxyEnv } from './sandboxInfo';

/** `npm run package` → acr-image-locks.vsix in the repository root. */
export function packageVsix(): Promise<string> {
  const started = Date.now();
  log('package', 'npm run package ...');
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'package'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && fs.existsSync(vsixPath)) {
        log('package', `${vsixPath} (${seconds(started)})`);
        resolve(vsixPath);
      } else {
        reject(new Error(`npm run package failed (exit ${code}):\n${output}`));
      }
    });
  });
}

/**
 * User settings that make the extension connect to the sandbox (`localhost:PORT`) as its admin
 * user; the extension takes the password from ACR_LOCKS_SANDBOX for exactly this registry.
 */
export function sandboxSettings(info: SandboxInfo | undefined): Record<string, unknown> {
  if (!info) {
    return {};
  }
  const username = adminUser(info)?.username ?? 'admin';
  return { 'acrLocks.registries': [{ loginServer: sandboxLoginServer(info), auth: 'password', username }] };
}

/**
 * `npm start`'s My Registries: the demo registry by its Azure name (`sandbox.azurecr.io`, reached
 * through the sandbox's CONNECT proxy like a real registry), the name the Azure view finds it by —
 * one registry, one name, so a change in either view shows in both (the tests keep `localhost:PORT`,
 * a registry the Azure view does not know).
 */
export function demoSettings(info: SandboxInfo | undefined): Record<string, unknown> {
  const registry = info?.registries[0];
  if (!info || !registry) {
    return {};
  }
  const username = adminUser(info)?.username ?? 'admin';
  return { 'acrLocks.registries': [{ loginServer: registry.loginServer, auth: 'password', username }] };
}

export interface InstalledWorkbench { run: RunFolder; server: CodeServer; stop(): Promise<void> }

export async function startInstalledWorkbench(kind: string, vsix: string, sandbox: SandboxInfo | undefined,
  options: { port?: number; settings?: Record<string, unknown> } = {}): Promise<InstalledWorkbench> {
  const run = createRunFolder(kind);
  writeUserSettings(run, { ...sandboxSettings(sandbox), ...options.settings });
  try {
    await installExtension(run, vsix);
  } catch (error) {
    removeRunTmp(run);
    throw error;
  }
  const env: Record<string, string> = sandbox
    ? { [SANDBOX_ENV]: JSON.stringify(sandbox), ...trustEnv(run.dir, sandbox.caFile || undefined), ...sandboxProxyEnv(sandbox) }
    : {};
  const server = await startCodeServer({ run, smokeTestDriver: false, env, port: options.port })
    .catch((error: unknown) => {
      removeRunTmp(run);
      throw error;
    });
  const stop = async (): Promise<void> => {
    await server.stop();
    removeRunTmp(run);
  };
  return { run, server, stop };
}
