// A fresh folder per run: code-server's user data and extensions, a workspace, and
// HOME/XDG_*/TMPDIR so nothing the host or the browser writes lands in the real $HOME.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runsDir } from './paths';

export interface RunFolder {
  id: string;
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  workspaceDir: string;
  browserProfileDir: string;
  /** Short TMPDIR outside the run folder (unix socket paths must stay under ~107 bytes). */
  tmpDir: string;
  /** HOME, XDG_*, TMPDIR (and AZURE_CONFIG_DIR) pointing inside the run folder. */
  env: Record<string, string>;
}

/** Settings that keep the welcome page, chat, tips and the secondary side bar away. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  // Nothing under `http.*`: tests run with VS Code's network defaults, as users do. The sandbox CA
  // is trusted through the process environment (trust.ts), not through settings.
};

const KEEP_RUNS = 6;

function tmpBase(): string {
  const tmp = os.tmpdir();
  return tmp.length <= 24 ? tmp : '/tmp';
}

/** Removes the run's TMPDIR (sockets, Chromium's singleton files); the run folder stays for its logs. */
export function removeRunTmp(run: RunFolder): void {
  fs.rmSync(run.tmpDir, { recursive: true, force: true });
}

function pruneOldRuns(): void {
  if (!fs.existsSync(runsDir)) {
    return;
  }
  const runs = fs.readdirSync(runsDir).map((name) => path.join(runsDir, name))
    .filter((dir) => fs.statSync(dir).isDirectory())
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  for (const dir of runs.slice(KEEP_RUNS)) {
    const tmpLink = path.join(dir, 'tmp');
    if (fs.existsSync(tmpLink) && fs.lstatSync(tmpLink).isSymbolicLink()) {
      fs.rmSync(fs.realpathSync(tmpLink), { recursive: true, force: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function createRunFolder(kind: string): RunFolder {
  pruneOldRuns();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const id = `${kind}-${stamp}-${crypto.randomBytes(3).toString('hex')}`;
  const dir = path.join(runsDir, id);
  const tmpDir = fs.mkdtempSync(path.join(tmpBase(), 'acr-locks-'));
  const home = path.join(dir, 'home');
  const folders = {
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    workspaceDir: path.join(dir, 'workspace'),
    browserProfileDir: path.join(dir, 'chromium-profile'),
  };
  const env: Record<string, string> = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_RUNTIME_DIR: path.join(dir, 'runtime'),
    TMPDIR: tmpDir,
    AZURE_CONFIG_DIR: path.join(home, '.azure'),
  };
  for (const folder of [...Object.values(folders), ...Object.values(env)]) {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  }
  fs.symlinkSync(tmpDir, path.join(dir, 'tmp'));
  const run: RunFolder = { id, dir, ...folders, tmpDir, env };
  writeUserSettings(run, {});
  return run;
}

export function userSettingsFile(run: RunFolder): string {
  return path.join(run.userDataDir, 'User', 'settings.json');
}

/** User settings that open the run's folder in Restricted Mode, without the trust prompt or banner. */
export const restrictedModeSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

/** Writes user settings.json: the quiet defaults plus `settings` (later keys win). */
export function writeUserSettings(run: RunFolder, settings: Record<string, unknown>): void {
  const file = userSettingsFile(run);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...quietSettings, ...settings }, null, 2)}\n`);
}

/** process.env minus variables that would make child processes talk to another VS Code. */
export function cleanParentEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') {
      env[key] = value;
    }
  }
  return env;
}
