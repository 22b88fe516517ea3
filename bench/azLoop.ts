/** The alternative: one `az acr repository update` process per tag, through the sandbox's CONNECT proxy. */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type Sandbox } from '../test/sandbox/index';
import { REPOSITORY } from './registryBench';

export interface AzResult {
  readonly samples: number;
  readonly secondsPerItem: number;
  /** Server-side requests per item (sandbox stats). */
  readonly requestsPerItem: number;
  readonly version: string;
}

export function findAz(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'az');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function run(az: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(az, args, { env, timeout: 120_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`az ${args.slice(0, 3).join(' ')} failed: ${error.message}\n${stderr}`));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

/** Locks `tags` one az process at a time (the first one is a warm-up and not timed). */
export async function azLoop(az: string, sandbox: Sandbox, warmupTag: string, tags: readonly string[]): Promise<AzResult> {
  const registry = sandbox.registries[0];
  const admin = sandbox.users.find((u) => u.username === registry?.name);
  if (!registry || !admin) {
    throw new Error('the sandbox has no registry or admin user');
  }
  const configDir = mkdtempSync(join(tmpdir(), 'acr-bench-az-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HTTPS_PROXY: sandbox.proxy,
    https_proxy: sandbox.proxy,
    REQUESTS_CA_BUNDLE: sandbox.caFile,
    AZURE_CONFIG_DIR: configDir,
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
    AZURE_CORE_NO_COLOR: 'true',
  };
  const lock = (tag: string): string[] => [
    'acr', 'repository', 'update', '-n', registry.name, '--image', `${REPOSITORY}:${tag}`,
    '--write-enabled', 'false', '--delete-enabled', 'false', '-u', admin.username, `--password=${admin.password}`, '--only-show-errors',
  ];
  try {
    const version = (await run(az, ['version', '--query', '"azure-cli"', '-o', 'tsv'], env)).stdout.trim();
    await run(az, lock(warmupTag), env);
    sandbox.stats.reset();
    const started = process.hrtime.bigint();
    for (const tag of tags) {
      await run(az, lock(tag), env);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const requests = sandbox.stats.count({ registry: registry.name });
    return { samples: tags.length, secondsPerItem: seconds / tags.length, requestsPerItem: requests / tags.length, version };
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}
