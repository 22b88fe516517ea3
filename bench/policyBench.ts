/**
 * The lock policy, through the code `acr-locks plan|apply` runs (src/cli/registryRun.ts:
 * planRegistry, applyRegistry over the lock engine), on its own sandbox with 10,000 tags:
 *
 * - plan of the 10,000-tag repository with a tag-level rule: requests to the registry's
 *   /acr/v1 API answered with a page (the catalog and the tag pages, n=1000; never one per
 *   tag), all wire requests (sign-in included) and wall time;
 *   the same with a `"level": "both"` rule (the manifest listing too);
 * - apply of 1,000 changes under a write limit: wire requests per item (token, 429 answers and
 *   retries included) and the accepted writes per minute as a fraction of the limit. The bucket
 *   starts with `WRITE_BURST` writes; those are left out of the sustained rate.
 */
import { DEFAULT_TRANSPORT_LIMITS } from '../src/registry/transportLimits';
import { parsePolicy, type RegistryPolicy } from '../src/policy';
import { applyRegistry, connect, planRegistry, type RunContext } from '../src/cli/registryRun';
import { type Sandbox, start } from '../test/sandbox/index';

export interface PolicyBenchOptions {
  /** Where the CA is (the process trusts it through NODE_EXTRA_CA_CERTS). */
  readonly caDir: string;
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly log: (message: string) => void;
}

export interface PolicyBenchResult {
  readonly [field: string]: number | string;
  /** Listing requests (/acr/v1 answered 200) while planning a tag-level rule over 10,000 tags: catalog + tag pages. */
  readonly policyPlanRequests: number;
  /** All wire requests of that plan (challenge and token requests included). */
  readonly policyPlanWireRequests: number;
  readonly policyPlanSeconds: number;
  readonly policyPlanSelected: number;
  readonly policyPlanChanges: number;
  /** The same for a "both" rule: tags and manifests listed. */
  readonly policyPlanBothRequests: number;
  readonly policyPlanBothSeconds: number;
  readonly policyPlanBothChanges: number;
  readonly policyApplyItems: number;
  readonly policyApplyChanged: number;
  readonly policyApplyNotChanged: number;
  readonly policyApplyRequestsPerItem: number;
  readonly policyApplySeconds: number;
  readonly policyApplyWriteLimitPerMin: number;
  readonly policyApplyThrottledResponses: number;
  readonly policyApplyAchievedWritesPerMin: number;
  readonly policyApplyFractionOfLimit: number;
  /** Items the sandbox shows locked afterwards (read out of band). */
  readonly policyApplyLockedInRegistry: number;
}

const REPOSITORY = 'big';
const TAGS = 10_000;
const WRITE_LIMIT_PER_MIN = 6000;
const WRITE_BURST = 100;
const LOCK = { writeEnabled: false, deleteEnabled: false };

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function registryPolicy(loginServer: string, rule: Record<string, unknown>): RegistryPolicy {
  const parsed = parsePolicy(JSON.stringify({ registries: [{ loginServer, rules: [{ name: 'bench', repositories: [REPOSITORY], set: LOCK, ...rule }] }] }));
  const registry = parsed.policy?.registries[0];
  if (registry === undefined) {
    throw new Error(`bench policy is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  }
  return registry;
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

/** The sandbox records a request when its answer has gone out: let the last records land before counting or resetting. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function policyBench(options: PolicyBenchOptions): Promise<PolicyBenchResult> {
  const sandbox = await start({ seed: `large:${TAGS}`, latencyMs: options.latencyMs, caDir: options.caDir, log: (m) => options.log(`policy sandbox: ${m}`) });
  try {
    const loginServer = new URL(sandbox.endpoint).host;
    const run = context(sandbox, options.concurrency);
    // Listing requests: /acr/v1 answered with a page (the sign-in challenge and token requests are in the wire count).
    const api = (): number => sandbox.stats.filter({ pathPrefix: '/acr/v1/', status: 200 }).length;

    options.log(`policy: plan of ${TAGS} tags, tag-level rule (cold client, as acr-locks plan)`);
    const tagPlan = connect(loginServer, run);
    sandbox.stats.reset();
    const plan = await timed(() => planRegistry(tagPlan.client, registryPolicy(loginServer, { tags: ['*'], level: 'tag' }), run));
    await settle();
    const planRequests = api();

    options.log('policy: the same with a "both" rule (tags and manifests)');
    const bothPlan = connect(loginServer, run);
    sandbox.stats.reset();
    const both = await timed(() => planRegistry(bothPlan.client, registryPolicy(loginServer, { tags: ['*'], level: 'both' }), run));
    await settle();
    const bothRequests = api();

    options.log(`policy: apply 1,000 changes under a write limit of ${WRITE_LIMIT_PER_MIN}/min (burst ${WRITE_BURST})`);
    const applier = connect(loginServer, run);
    const applyPolicy = registryPolicy(loginServer, { tags: ['t00*', 't01000'], level: 'tag' });
    const applyPlan = await planRegistry(applier.client, applyPolicy, run);
    sandbox.control.setFaults({ writeLimitPerMin: WRITE_LIMIT_PER_MIN, limitBurst: WRITE_BURST });
    await settle();
    sandbox.stats.reset();
    const before = applier.requests();
    const applied = await timed(() => applyRegistry(applier.client, applyPlan, run));
    const wire = applier.requests() - before;
    await settle();
    const accepted = sandbox.stats.count({ method: 'PATCH', status: 200 });
    const throttled = sandbox.stats.count({ method: 'PATCH', status: 429 });
    sandbox.control.setFaults({ writeLimitPerMin: 0, limitBurst: 0 });
    const items = applyPlan.totals.changes;
    const sustainedPerMin = (Math.max(0, accepted - WRITE_BURST) / applied.seconds) * 60;
    const registryName = sandbox.registries[0]?.name ?? 'sandbox';
    const locked = applyPlan.repositories
      .flatMap((r) => r.changes)
      .filter((c) => {
        const tag = c.target.kind === 'tag' ? sandbox.control.getTag(registryName, REPOSITORY, c.target.tag) : undefined;
        return tag?.changeableAttributes.writeEnabled === false && tag.changeableAttributes.deleteEnabled === false;
      }).length;
    return {
      policyPlanRequests: planRequests,
      policyPlanWireRequests: tagPlan.requests(),
      policyPlanSeconds: round(plan.seconds, 3),
      policyPlanSelected: plan.value.totals.tags + plan.value.totals.manifests,
      policyPlanChanges: plan.value.totals.changes,
      policyPlanBothRequests: bothRequests,
      policyPlanBothSeconds: round(both.seconds, 3),
      policyPlanBothChanges: both.value.totals.changes,
      policyApplyItems: items,
      policyApplyChanged: applied.value.changed,
      policyApplyNotChanged: items - applied.value.changed,
      policyApplyRequestsPerItem: round(wire / Math.max(1, items), 3),
      policyApplySeconds: round(applied.seconds, 2),
      policyApplyWriteLimitPerMin: WRITE_LIMIT_PER_MIN,
      policyApplyThrottledResponses: throttled,
      policyApplyAchievedWritesPerMin: round(sustainedPerMin, 0),
      policyApplyFractionOfLimit: round(sustainedPerMin / WRITE_LIMIT_PER_MIN, 3),
      policyApplyLockedInRegistry: locked,
    };
  } finally {
    await sandbox.stop();
  }
}

/** The policy rows of the benchmark's table (from the results JSON). */
export function policyMarkdown(r: Readonly<Record<string, number | string | null>>): string {
  const n = (key: string): number => (typeof r[key] === 'number' ? r[key] : Number.NaN);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'missed');
  const rows = [
    [
      `acr-locks plan, ${TAGS.toLocaleString('en-US')} tags, tag-level rule`,
      `${n('policyPlanRequests')} requests to the registry (${n('policyPlanWireRequests')} on the wire, cold), ${n('policyPlanSeconds')} s, ${n('policyPlanChanges')} changes planned`,
      '≤ 11 requests',
      verdict(n('policyPlanRequests') <= 11),
    ],
    [`acr-locks plan, "both" rule`, `${n('policyPlanBothRequests')} requests, ${n('policyPlanBothSeconds')} s`, '', '—'],
    [
      `acr-locks apply, ${n('policyApplyItems')} changes, write limit ${n('policyApplyWriteLimitPerMin')}/min`,
      `${n('policyApplyRequestsPerItem')} requests/item, ${n('policyApplySeconds')} s, ${(n('policyApplyFractionOfLimit') * 100).toFixed(1)} % of the limit, ${n('policyApplyLockedInRegistry')} locked, ${n('policyApplyNotChanged')} not changed`,
      `all ${n('policyApplyItems')} locked`,
      verdict(n('policyApplyLockedInRegistry') === n('policyApplyItems') && n('policyApplyNotChanged') === 0),
    ],
  ];
  return ['', '', '| Lock policy | Measured | Target | |', '|---|---|---|---|', ...rows.map((c) => `| ${c.join(' | ')} |`)].join('\n');
}
