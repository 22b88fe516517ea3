/**
 * .vsix size and activation cost of the shipped bundle. The production bundle is built into a
 * staging copy of the extension (not the shared dist/, which tests use concurrently) and packed
 * there with vsce, honouring the repository's .vscodeignore.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PackageResult {
  readonly vsixKB: number;
  readonly vsixFile: string;
  /** The manifest's `main` (the loader) plus the extension's own code: what activation loads. */
  readonly bundleKB: number;
  /** dist/ files in the .vsix, by name, with their size in KB (vendor files included). */
  readonly distFiles: Readonly<Record<string, number>>;
  readonly stagingBundle: string;
  cleanup(): void;
}

/** What the .vsix must carry from dist/ (scripts/build.mjs). */
export const DIST_FILES = ['extension.js', 'main.js', 'sdk.js', 'identity.js', 'telemetry.js', 'azure.js', 'deploy.js'];

export interface ActivationResult {
  readonly runs: number;
  /** Median of require + activate(), fresh process each run. */
  readonly medianMs: number;
  readonly medianRequireMs: number;
  readonly medianActivateMs: number;
}

function exec(file: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: 180_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

const MANIFEST_FILES = /^(package\.json|package\.nls.*\.json|\.vscodeignore|README\.md|CHANGELOG\.md|LICENSE.*)$/;

/**
 * A copy of the extension as `npm run package` ships it: the manifest files, media, l10n,
 * schemas and the production build of dist/ (never the shared dist/, which tests use concurrently).
 */
export async function stageExtension(root: string): Promise<{ readonly dir: string; readonly dist: string }> {
  const staging = mkdtempSync(join(tmpdir(), 'acr-bench-vsix-'));
  for (const name of readdirSync(root)) {
    if (MANIFEST_FILES.test(name)) {
      cpSync(join(root, name), join(staging, name));
    }
  }
  for (const dir of ['media', 'l10n', 'schemas']) {
    if (existsSync(join(root, dir))) {
      cpSync(join(root, dir), join(staging, dir), { recursive: true });
    }
  }
  const dist = join(staging, 'dist');
  await exec(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', '--dist', dist], root);
  return { dir: staging, dist };
}

export async function packageVsix(root: string, resultsDir: string): Promise<PackageResult> {
  const { dir: staging, dist } = await stageExtension(root);
  mkdirSync(resultsDir, { recursive: true });
  const vsixFile = join(resultsDir, 'acr-image-locks.vsix');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // Same flags as `npm run package`.
  const flags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
  await exec(process.execPath, [vsce, 'package', ...flags, '--out', vsixFile], staging);
  const listed = (await exec(process.execPath, [vsce, 'ls', ...flags.slice(0, 1)], staging)).split('\n').map((line) => line.trim());
  const missing = DIST_FILES.filter((file) => !listed.includes(`dist/${file}`));
  if (missing.length > 0) {
    throw new Error(`the .vsix lacks ${missing.map((file) => `dist/${file}`).join(', ')} (.vscodeignore?)`);
  }
  const distFiles = Object.fromEntries(DIST_FILES.map((file) => [file, statSync(join(dist, file)).size / 1024]));
  return {
    vsixKB: statSync(vsixFile).size / 1024,
    vsixFile,
    bundleKB: (distFiles['extension.js'] ?? 0) + (distFiles['main.js'] ?? 0),
    distFiles,
    stagingBundle: join(dist, 'extension.js'),
    cleanup: () => rmSync(staging, { recursive: true, force: true }),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface HostActivation {
  /** activate() as the extension measures it. */
  readonly activateMs: number;
  /** ext.activate() seen from the test: loading the bundle plus activate(). */
  readonly wallMs: number | null;
}

/**
 * Activation in the real extension host: runs the host suite's activation test (code-server,
 * development mode) and reads the line it prints.
 */
export async function measureHostActivation(root: string): Promise<HostActivation> {
  const runner = join(root, 'out', 'test', 'runner', 'runHostSuite.js');
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [runner],
      {
        cwd: root,
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, ACR_LOCKS_TEST_GREP: 'Activation the extension is present and activates' },
      },
      (error, stdout, stderr) => (error ? reject(new Error(`host activation run failed: ${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
  const line = /ACTIVATION-MS (\{.*\})/.exec(output);
  if (!line) {
    throw new Error('the host suite printed no ACTIVATION-MS line');
  }
  return JSON.parse(line[1]) as HostActivation;
}

/** Runs out/bench/activationProbe.js `runs` times, each in a fresh Node process. */
export async function measureActivation(root: string, bundle: string, runs: number): Promise<ActivationResult> {
  const probe = join(root, 'out', 'bench', 'activationProbe.js');
  const typings = join(root, 'node_modules', '@types', 'vscode', 'index.d.ts');
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < runs; i++) {
    const line = (await exec(process.execPath, [probe, bundle, typings], root)).trim().split('\n').pop() ?? '';
    const parsed = JSON.parse(line) as { requireMs: number; activateMs: number };
    requireMs.push(parsed.requireMs);
    activateMs.push(parsed.activateMs);
    total.push(parsed.requireMs + parsed.activateMs);
  }
  return { runs, medianMs: median(total), medianRequireMs: median(requireMs), medianActivateMs: median(activateMs) };
}
