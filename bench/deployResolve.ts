/**
 * "Protect what is deployed" at scale, through the code `acr-locks plan|apply` runs
 * (src/deploy/protect/ over RegistryClient): 1,000 distinct deployed tags (50 Kubernetes files
 * of 20 containers each, references to `big:t00001…t01000`) against a sandbox seeded with
 * `large:1000`, latency 20 ms, Standard SKU (per-identity read limit 5,000/min):
 *
 * - a cold plan: read requests per distinct tag (target ≤ 1.05), throttled answers (target 0),
 *   reads against the per-identity limit, failures (target 0), wall time;
 * - apply of the plan (1,000 tags + 1,000 manifests) at the Standard SKU's real write limits
 *   (1,000 per identity per minute), every change verified;
 * - a second plan: 0 changes and no write (no PATCH/PUT/DELETE).
 *
 * `benchDeployResolve(options)` is for bench/run.ts (which trusts the CA through
 * NODE_EXTRA_CA_CERTS); run alone: `npm run -s build && node out/bench/deployResolve.js`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDeploymentPlan, deploymentCounts, type DeploymentPlan, planDeployments } from '../src/deploy/protect';
import { LockEngine } from '../src/locks/engine';
import { DEFAULT_DEPLOYED_MANIFEST, DEFAULT_DEPLOYED_TAG, DEFAULT_FLOATING_TAGS } from '../src/policy';
import { connect, type RunContext } from '../src/cli/registryRun';
import { type Sandbox, start } from '../test/sandbox/index';
import { DEFAULT_TRANSPORT_LIMITS } from '../src/registry/transportLimits';

export interface DeployResolveBenchOptions {
  /** Where the sandbox's CA is (the process trusts it through NODE_EXTRA_CA_CERTS). */
  readonly caDir: string;
  readonly latencyMs?: number;
  readonly concurrency?: number;
  readonly log?: (message: string) => void;
}

export interface DeployResolveBenchResult {
  readonly [field: string]: number | string;
  readonly deployTags: number;
  readonly deployFiles: number;
  /** Read requests (GET/HEAD, the sign-in challenge included) of the cold plan. */
  readonly deployPlanReads: number;
  readonly deployPlanReadsPerTag: number;
  /** Of those, to the /acr/v1 API (counts and listings). */
  readonly deployPlanApiReads: number;
  readonly deployPlanWireRequests: number;
  readonly deployPlanSeconds: number;
  readonly deployPlanThrottled: number;
  readonly deployPlanFailures: number;
  readonly deployIdentityReadLimitPerMin: number;
  readonly deployPlanChanges: number;
  readonly deployApplyChanged: number;
  readonly deployApplyFailed: number;
  readonly deployApplySeconds: number;
  readonly deploySecondPlanChanges: number;
  readonly deploySecondPlanWrites: number;
  readonly deploySecondPlanReads: number;
}

const TAGS = 1000;
const FILES = 50;
const STANDARD_IDENTITY_READS_PER_MIN = 5000;

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function writeDeployments(root: string, loginServer: string): void {
  const perFile = TAGS / FILES;
  for (let f = 0; f < FILES; f += 1) {
    const containers = Array.from({ length: perFile }, (_, c) => {
      const tag = `t${String(f * perFile + c + 1).padStart(5, '0')}`;
      return `        - name: c${c}\n          image: ${loginServer}/big:${tag}\n`;
    }).join('');
    const dir = join(root, 'deploy', `svc${String(f).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'deployment.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc${f}\nspec:\n  template:\n    spec:\n      containers:\n${containers}`);
  }
}

function context(sandbox: Sandbox, concurrency: number): RunContext {
  const registry = sandbox.registries[0];
  const admin = sandbox.users.find((u) => u.username === registry?.name);
  if (admin === undefined) {
    throw new Error('the sandbox has no admin user');
  }
  return {
    auth: { kind: 'password', credentials: { username: admin.username, getPassword: () => Promise.resolve(admin.password) } },
    signal: new AbortController().signal,
    progress: { step: () => undefined, count: () => undefined, finish: () => undefined },
    now: new Date(),
    concurrency,
    limits: DEFAULT_TRANSPORT_LIMITS,
  };
}

export async function benchDeployResolve(options: DeployResolveBenchOptions): Promise<DeployResolveBenchResult> {
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? 8;
  const sandbox = await start({
    seed: `large:${TAGS}`,
    latencyMs: options.latencyMs ?? 20,
    sku: 'standard',
    caDir: options.caDir,
    log: (m) => log(`deploy sandbox: ${m}`),
  });
  const root = mkdtempSync(join(tmpdir(), 'acr-bench-deploy-'));
  try {
    const loginServer = new URL(sandbox.endpoint).host;
    writeDeployments(root, loginServer);
    const run = context(sandbox, concurrency);
    const set = { name: 'bench', files: ['deploy/**'], exclude: [], tag: DEFAULT_DEPLOYED_TAG, manifest: DEFAULT_DEPLOYED_MANIFEST, floatingTags: DEFAULT_FLOATING_TAGS, baseImages: false };
    const plan = (client: ReturnType<typeof connect>['client']): Promise<DeploymentPlan> => planDeployments({ root, sets: [set], managed: [loginServer], client: () => client });
    const reads = (): number => sandbox.stats.filter().filter((r) => r.method === 'GET' || r.method === 'HEAD').length;
    const writes = (): number => sandbox.stats.filter().filter((r) => r.method === 'PATCH' || r.method === 'PUT' || r.method === 'DELETE').length;

    log(`deploy: cold plan of ${TAGS} deployed tags in ${FILES} files`);
    const first = connect(loginServer, run);
    sandbox.stats.reset();
    const planned = await timed(() => plan(first.client));
    await settle();
    const planReads = reads();
    const apiReads = sandbox.stats.filter({ pathPrefix: '/acr/v1/' }).length;
    const throttled = sandbox.stats.count({ status: 429 });
    const counts = deploymentCounts(planned.value);
    const planWire = first.requests();

    log(`deploy: apply ${planned.value.changes.length} changes`);
    const applied = await timed(() => applyDeploymentPlan(new LockEngine(), planned.value, { concurrency }));

    log('deploy: second plan (cold client)');
    const second = connect(loginServer, run);
    await settle();
    sandbox.stats.reset();
    const again = await plan(second.client);
    await settle();
    return {
      deployTags: TAGS,
      deployFiles: FILES,
      deployPlanReads: planReads,
      deployPlanReadsPerTag: round(planReads / TAGS, 4),
      deployPlanApiReads: apiReads,
      deployPlanWireRequests: planWire,
      deployPlanSeconds: round(planned.seconds, 3),
      deployPlanThrottled: throttled,
      deployPlanFailures: counts.missing + counts.failed + planned.value.blockers.length,
      deployIdentityReadLimitPerMin: STANDARD_IDENTITY_READS_PER_MIN,
      deployPlanChanges: planned.value.changes.length,
      deployApplyChanged: applied.value.changed,
      deployApplyFailed: applied.value.failed + applied.value.cancelled + applied.value.maybeApplied + applied.value.notAttempted,
      deployApplySeconds: round(applied.seconds, 2),
      deploySecondPlanChanges: again.changes.length,
      deploySecondPlanWrites: writes(),
      deploySecondPlanReads: reads(),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/** The rows of the benchmark's table (from the results JSON). */
export function deployResolveMarkdown(r: Readonly<Record<string, number | string | null>>): string {
  const n = (key: string): number => (typeof r[key] === 'number' ? r[key] : Number.NaN);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'missed');
  const rows = [
    [
      `plan of ${n('deployTags')} deployed tags (${n('deployFiles')} files), Standard SKU, 20 ms`,
      `${n('deployPlanReadsPerTag')} reads/tag (${n('deployPlanReads')} reads, ${n('deployPlanApiReads')} to /acr/v1), ${n('deployPlanThrottled')} throttled, ${n('deployPlanFailures')} failures, ${n('deployPlanSeconds')} s`,
      `≤ 1.05 reads/tag, 0 failures, < ${n('deployIdentityReadLimitPerMin')} reads/min`,
      verdict(n('deployPlanReadsPerTag') <= 1.05 && n('deployPlanFailures') === 0 && n('deployPlanThrottled') === 0 && n('deployPlanReads') < n('deployIdentityReadLimitPerMin')),
    ],
    [`apply`, `${n('deployApplyChanged')} changed, ${n('deployApplyFailed')} not, ${n('deployApplySeconds')} s`, `all ${n('deployPlanChanges')}`, verdict(n('deployApplyChanged') === n('deployPlanChanges'))],
    [`second plan`, `${n('deploySecondPlanChanges')} changes, ${n('deploySecondPlanWrites')} writes, ${n('deploySecondPlanReads')} reads`, 'no write', verdict(n('deploySecondPlanWrites') === 0 && n('deploySecondPlanChanges') === 0)],
  ];
  return ['', '', '| Protect what is deployed | Measured | Target | |', '|---|---|---|---|', ...rows.map((c) => `| ${c.join(' | ')} |`)].join('\n');
}

const CA_DIR_ENV = 'ACR_BENCH_DEPLOY_CA_DIR';

async function standalone(): Promise<void> {
  const caDir = process.env[CA_DIR_ENV];
  if (caDir !== undefined) {
    const result = await benchDeployResolve({ caDir, log: (m) => process.stderr.write(`${m}\n`) });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n${deployResolveMarkdown(result)}\n`);
    return;
  }
  // Node trusts the CA only through NODE_EXTRA_CA_CERTS at start: make the CA, then run again with it.
  const dir = mkdtempSync(join(tmpdir(), 'acr-bench-deploy-ca-'));
  await (await start({ seed: 'empty', caDir: dir })).stop();
  try {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [__filename], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'), [CA_DIR_ENV]: dir } });
      child.on('close', resolve);
    });
    process.exitCode = code ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void standalone();
}
