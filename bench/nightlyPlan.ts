/**
 * A nightly `acr-locks plan` at scale: a registry of 1,000 repositories (sandbox seed `repos:1000`,
 * each with `v1` and `latest` on one manifest) under the Standard SKU's request limits (10,000
 * reads/min per registry, 5,000 reads/min per identity), planned with the code `acr-locks plan`
 * runs (src/cli/registryRun.ts, the admin user's password grant). Measures the requests made, the
 * reads among them, the reads in the busiest 60 seconds and on average per minute, 429 answers,
 * and failures — the run must stay inside the per-identity read limit with 0 failures.
 * Self-contained: trusts the sandbox's CA through its own dispatcher, so it needs no
 * NODE_EXTRA_CA_CERTS (bench/run.ts is not changed; call benchNightlyPlan() from it or alone).
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { parsePolicy } from '../src/policy';
import { connect, planRegistry, type RunContext } from '../src/cli/registryRun';
import { createFetchHttpClient, type FetchFunction } from '../src/registry/fetchHttpClient';
import { DEFAULT_TRANSPORT_LIMITS } from '../src/registry/transportLimits';
import { SKU_LIMITS } from '../test/sandbox/limits';
import { start } from '../test/sandbox/index';

export interface NightlyPlanOptions {
  readonly repositories?: number;
  readonly latencyMs?: number;
  readonly log?: (message: string) => void;
}

export interface NightlyPlanResult {
  readonly [field: string]: number | string | boolean;
  readonly nightlyRepositories: number;
  readonly nightlySelectedItems: number;
  readonly nightlyChanges: number;
  /** Every request the sandbox answered (token requests included). */
  readonly nightlyRequests: number;
  /** GET/HEAD to /v2 and /acr/v1: what the per-identity read limit counts. */
  readonly nightlyReads: number;
  readonly nightlySignInRequests: number;
  readonly nightlySeconds: number;
  /** Reads per minute of run time: reads / minutes, at least one minute (the figure the limit is stated in). */
  readonly nightlyReadsPerMinute: number;
  /** The pace while running, scaled to a minute (reads / seconds × 60): what a run longer than a minute would sustain. */
  readonly nightlyReadPacePerMinute: number;
  /** The most reads in any 60-second window of the run. */
  readonly nightlyPeakReadsIn60s: number;
  readonly nightlyIdentityReadLimitPerMin: number;
  readonly nightlyThrottled: number;
  readonly nightlyFailures: number;
  readonly nightlyWithinLimit: boolean;
}

const POLICY = `{
  "registries": [
    { "loginServer": "LOGIN_SERVER", "rules": [
      { "name": "releases are immutable", "repositories": ["**"], "tags": ["v*"], "exclude": ["latest"], "level": "tag", "set": { "writeEnabled": false, "deleteEnabled": false } }
    ] }
  ]
}`;

function peakIn(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while (sorted[last] - sorted[first] >= windowMs) {
      first += 1;
    }
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

export async function benchNightlyPlan(options: NightlyPlanOptions = {}): Promise<NightlyPlanResult> {
  const count = options.repositories ?? 1000;
  const log = options.log ?? (() => undefined);
  const sandbox = await start({ seed: `repos:${count}`, sku: 'standard', latencyMs: options.latencyMs ?? 0, log: (m) => log(`nightly sandbox: ${m}`) });
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, readFileSync(sandbox.caFile, 'utf8')] }, keepAliveTimeout: 30_000 });
  try {
    const loginServer = new URL(sandbox.endpoint).host;
    const parsed = parsePolicy(POLICY.replace('LOGIN_SERVER', loginServer));
    const registry = parsed.policy?.registries[0];
    if (registry === undefined) {
      throw new Error('the bench policy does not parse');
    }
    const adminUser = sandbox.users.find((u) => u.username === 'sandbox');
    if (adminUser === undefined) {
      throw new Error('no admin user');
    }
    const fetchWith = ((url: string, init?: RequestInit) => undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as FetchFunction;
    const context: RunContext = {
      auth: { kind: 'password', credentials: { username: adminUser.username, getPassword: () => Promise.resolve(adminUser.password) } },
      limits: DEFAULT_TRANSPORT_LIMITS,
      httpClient: createFetchHttpClient(fetchWith),
      signal: new AbortController().signal,
      progress: { step: () => undefined, count: () => undefined, finish: () => undefined },
      now: new Date(),
      concurrency: 8,
    };
    sandbox.stats.reset();
    const started = performance.now();
    const { client } = connect(loginServer, context);
    const plan = await planRegistry(client, registry, context);
    const seconds = (performance.now() - started) / 1000;
    const records = sandbox.stats.records;
    const reads = records.filter((r) => (r.method === 'GET' || r.method === 'HEAD') && !r.path.startsWith('/oauth2/'));
    const throttled = records.filter((r) => r.status === 429).length;
    // 401 challenges are the token flow's first step, not failures.
    const failures = records.filter((r) => r.status === 0 || (r.status >= 400 && r.status !== 401)).length;
    const limit = SKU_LIMITS.standard.identity.read;
    const peak = peakIn(reads.map((r) => r.time), 60_000);
    const result: NightlyPlanResult = {
      nightlyRepositories: plan.repositories.length,
      nightlySelectedItems: plan.totals.tags + plan.totals.manifests,
      nightlyChanges: plan.totals.changes,
      nightlyRequests: records.length,
      nightlyReads: reads.length,
      nightlySignInRequests: records.filter((r) => r.path.startsWith('/oauth2/')).length,
      nightlySeconds: Math.round(seconds * 10) / 10,
      nightlyReadsPerMinute: Math.round(reads.length / Math.max(seconds / 60, 1)),
      nightlyReadPacePerMinute: Math.round((reads.length / seconds) * 60),
      nightlyPeakReadsIn60s: peak,
      nightlyIdentityReadLimitPerMin: limit,
      nightlyThrottled: throttled,
      nightlyFailures: failures,
      nightlyWithinLimit: peak <= limit && throttled === 0 && failures === 0,
    };
    log(`nightly plan: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await dispatcher.close();
    await sandbox.stop();
  }
}

if (require.main === module) {
  void benchNightlyPlan({ log: (m) => process.stderr.write(`${m}\n`) }).then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
