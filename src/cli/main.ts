/**
 * `acr-locks plan|apply|report`: arguments and the policy file are checked before anything is
 * sent (a bad flag or file exits 1 and sends nothing); then each selected registry entry is
 * planned, applied or reported. Exit codes: 0 in policy / applied, 2 drift found by plan, 1 error.
 * Results on standard output (table, CSV or JSON), progress and problems on standard error.
 */
import { readFile } from 'node:fs/promises';
import {
  findRegistryPolicy,
  isInPolicy,
  type LockReport,
  parsePolicy,
  type Policy,
  PolicyConflictError,
  type PolicyPlan,
  type RegistryPolicy,
  reportCsv,
  reportJson,
} from '../policy';
import { type RegistryLogger } from '../registry/log';
import { checkLoginServer } from '../registry/loginServer';
import { type CliOptions, CREDENTIALS_NEED_REGISTRY, parseCliArgs, USAGE } from './args';
import { chooseAuth, readStreamBounded, STDIN_TIMEOUT_SEC, type StdinResult } from './auth';
import { describeFailure } from './errors';
import { applyJson, applyText, planJson, planText } from './planText';
import { deploymentPlanText } from './deployText';
import { progressOn, type TextSink } from './progress';
import { applyRegistry, type ClientAndCount, connect, planRegistry, reportRegistry, type RunContext } from './registryRun';
import { lockRemovals, unlockRefusal } from './unlocks';
import { cliHttpClient } from './transport';
import { rememberSecret } from './logScrub';
import { terminalLines, terminalText } from '../util/safeText';
import { DEFAULT_TRANSPORT_LIMITS, type TransportLimits } from '../registry/transportLimits';
import { CLI_VERSION } from './version';
import { DEPLOY_USAGE, deployCommandOf } from './deployArgs';
import { deployMain, deploymentsBlockApply, type DeploymentsPart, type DeploymentsResult, finishDeploymentsPart, planDeploymentsPart } from './deployRun';

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  /** The password on standard input: bounded in time (auth.ts STDIN_TIMEOUT_SEC) and ended by the run's signal. */
  readStdin(): Promise<StdinResult>;
  readFile(path: string): Promise<string>;
  now(): Date;
  readonly signal: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_DRIFT = 2;

export function processIo(signal: AbortSignal): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin: () => readStreamBounded(process.stdin, { timeoutMs: STDIN_TIMEOUT_SEC * 1000, signal }),
    readFile: (path) => readFile(path, 'utf8'),
    now: () => new Date(),
    signal,
  };
}

type Loaded = { readonly ok: true; readonly registries: readonly RegistryPolicy[]; readonly policy: Policy } | { readonly ok: false };

async function loadPolicy(options: CliOptions, io: CliIo, fail: (message: string) => void): Promise<Loaded> {
  let text: string;
  try {
    text = await io.readFile(options.policyFile);
  } catch (thrown: unknown) {
    const code = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : '';
    fail(`Cannot read the policy file ${options.policyFile}${code ? ` (${code})` : ''}. Check the path given to --policy.`);
    return { ok: false };
  }
  const parsed = parsePolicy(text);
  for (const d of parsed.diagnostics) {
    io.stderr.write(`${options.policyFile}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}\n`);
  }
  const policy: Policy | undefined = parsed.policy;
  if (policy === undefined) {
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
    fail(`${options.policyFile} has ${errors} ${errors === 1 ? 'error' : 'errors'} (above); nothing was checked or applied.`);
    return { ok: false };
  }
  for (const registry of policy.registries) {
    const checked = checkLoginServer(registry.loginServer);
    if (!checked.ok) {
      fail(`${options.policyFile}:${registry.range.start.line + 1}: "${registry.loginServer}" is not a login server (${checked.reason}); nothing was checked or applied.`);
      return { ok: false };
    }
  }
  if (options.registry === undefined) {
    return { ok: true, registries: policy.registries, policy };
  }
  const found = findRegistryPolicy(policy, options.registry);
  if (found === undefined) {
    const names = policy.registries.map((r) => r.loginServer).join(', ');
    fail(`${options.policyFile} has no entry for ${options.registry} (it has: ${names || 'none'}).`);
    return { ok: false };
  }
  return { ok: true, registries: [found], policy };
}

function stderrLogger(sink: TextSink): RegistryLogger {
  const line = (level: string) => (message: string) => void sink.write(`[${level}] ${message}\n`);
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

interface RegistryResult {
  readonly exit: number;
  readonly json: Record<string, unknown>;
  readonly text?: string;
  readonly report?: LockReport;
  /** The run of this registry failed (not only some of its items). */
  readonly error?: string;
}

interface Planned {
  readonly registry: RegistryPolicy;
  readonly client: ClientAndCount;
  readonly plan: PolicyPlan;
}

function failed(loginServer: string, thrown: unknown, requests: () => number, context: RunContext): RegistryResult {
  context.progress.finish();
  const message = describeFailure(thrown, loginServer);
  return { exit: EXIT_ERROR, json: { loginServer, error: message, requests: requests() }, error: message };
}

/** plan and report: one registry start to end. apply: only its plan (then `applyPlanned`). */
async function runRegistry(options: CliOptions, registry: RegistryPolicy, context: RunContext): Promise<RegistryResult | Planned> {
  const loginServer = registry.loginServer;
  const connection = connect(checkedServer(loginServer), context);
  const { client, requests } = connection;
  try {
    if (options.command === 'report') {
      const report = await reportRegistry(client, registry, options.repository, context);
      return { exit: EXIT_OK, json: { loginServer, requests: requests() }, report };
    }
    const plan = await planRegistry(client, registry, context);
    const conflicts = plan.totals.conflicted > 0;
    if (options.command === 'plan') {
      const exit = conflicts ? EXIT_ERROR : isInPolicy(plan) ? EXIT_OK : EXIT_DRIFT;
      return { exit, json: { ...planJson(plan), requests: requests() }, text: planText(plan) };
    }
    if (conflicts) {
      const message = `${loginServer}: ${new PolicyConflictError(plan.totals.conflicted).message} Fix the rules named in the conflicts.`;
      return { exit: EXIT_ERROR, json: { ...planJson(plan), error: message, requests: requests() }, text: planText(plan), error: message };
    }
    if (plan.totals.changes === 0) {
      const applied = { changed: 0, unchanged: 0, failed: 0, cancelled: 0, maybeApplied: 0, notAttempted: 0, items: [] };
      return { exit: EXIT_OK, json: { ...planJson(plan), applied, requests: requests() }, text: `${planText(plan)}\nNothing to change.` };
    }
    return { registry, client: connection, plan };
  } catch (thrown: unknown) {
    return failed(loginServer, thrown, requests, context);
  }
}

async function applyPlanned(planned: Planned, context: RunContext): Promise<RegistryResult> {
  const { plan } = planned;
  const { client, requests } = planned.client;
  const loginServer = planned.registry.loginServer;
  try {
    const result = await applyRegistry(client, plan, context);
    const complete = result.changed + result.unchanged === result.outcomes.length;
    const incomplete =
      `${loginServer}: ${result.changed + result.unchanged} of ${result.outcomes.length} changes are in place; ${result.failed} failed, ` +
      `${result.cancelled} cancelled, ${result.maybeApplied} may have been applied, ${result.notAttempted} not attempted. Fix the cause (above) and run apply again.`;
    return {
      exit: complete ? EXIT_OK : EXIT_ERROR,
      json: { ...planJson(plan), applied: applyJson(loginServer, result), requests: requests() },
      text: `${planText(plan, { listChanges: false })}\n\n${applyText(loginServer, result)}`,
      ...(complete ? {} : { error: incomplete }),
    };
  } catch (thrown: unknown) {
    return failed(loginServer, thrown, requests, context);
  }
}

/** apply without --allow-unlock: a plan that removes locks is refused as a whole, before any PATCH. */
function refusedUnlocks(planned: readonly Planned[], options: CliOptions): RegistryResult[] | undefined {
  const removals = planned.reduce((sum, p) => sum + lockRemovals(p.plan), 0);
  if (removals === 0 || options.allowUnlock) {
    return undefined;
  }
  const message = unlockRefusal(removals, options.policyFile);
  return planned.map((p) => ({
    exit: EXIT_ERROR,
    json: { ...planJson(p.plan), error: message, requests: p.client.requests() },
    text: planText(p.plan),
    error: `${p.registry.loginServer}: ${message}`,
  }));
}

/** JSON escapes C0 controls itself; DEL and C1 controls, which terminals also act on, are escaped too. */
function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function checkedServer(loginServer: string): string {
  const checked = checkLoginServer(loginServer);
  return checked.ok ? checked.loginServer : loginServer;
}

function deploymentsPlanOnly(part: DeploymentsPart, policyFile: string): string {
  return deploymentPlanText(part.plan, { policyFile, listOrphans: true });
}

/** Worst first: an error wins over drift, drift over in policy. */
function combine(codes: readonly number[]): number {
  return codes.includes(EXIT_ERROR) ? EXIT_ERROR : codes.includes(EXIT_DRIFT) ? EXIT_DRIFT : EXIT_OK;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string): void => void io.stderr.write(`acr-locks: ${terminalText(message)}\n`);
  if (!argv.includes('--help') && !argv.includes('-h') && deployCommandOf(argv) !== undefined) {
    return deployMain(argv, io);
  }
  const args = parseCliArgs(argv);
  switch (args.kind) {
    case 'help':
      io.stdout.write(USAGE + DEPLOY_USAGE);
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${CLI_VERSION}\n`);
      return EXIT_OK;
    case 'error':
      fail(args.message);
      return EXIT_ERROR;
    case 'run':
      break;
  }
  const { options } = args;
  const loaded = await loadPolicy(options, io, fail);
  if (!loaded.ok) {
    return EXIT_ERROR;
  }
  // A password goes to one registry only (docs/security.md): ACR_USERNAME counts like --username.
  if (options.registry === undefined && (options.username !== undefined || (io.env.ACR_USERNAME?.trim() ?? '') !== '')) {
    fail(CREDENTIALS_NEED_REGISTRY);
    return EXIT_ERROR;
  }
  if (options.trustCustomDomain !== undefined && !loaded.registries.some((r) => checkedServer(r.loginServer) === options.trustCustomDomain)) {
    fail(`--trust-custom-domain names ${options.trustCustomDomain}, which is not a registry this run checks; nothing was sent.`);
    return EXIT_ERROR;
  }
  const auth = await chooseAuth({
    username: options.username,
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    env: io.env,
    stdinIsTTY: io.stdinIsTTY,
    readStdin: io.readStdin,
    prompt: (text) => void io.stderr.write(terminalLines(text)),
  });
  if (!auth.ok) {
    fail(auth.message);
    return EXIT_ERROR;
  }
  if (auth.auth.kind === 'password') {
    // A password read from standard input is cut out of any library log line (logScrub.ts).
    rememberSecret(await auth.auth.credentials.getPassword());
  }
  const limits: TransportLimits = { ...DEFAULT_TRANSPORT_LIMITS, connectTimeoutMs: options.connectTimeoutSec * 1000, idleTimeoutMs: options.idleTimeoutSec * 1000 };
  const context: RunContext = {
    auth: auth.auth,
    limits,
    httpClient: cliHttpClient(limits, io.env),
    ...(options.verbose ? { logger: stderrLogger(io.stderr) } : {}),
    signal: io.signal,
    progress: progressOn(io.stderr),
    now: io.now(),
    concurrency: options.concurrency,
    ...(options.trustCustomDomain === undefined ? {} : { trustCustomDomain: options.trustCustomDomain }),
  };
  // Deployments are planned first: a deployment problem stops apply before any change (rules included).
  let deployments: DeploymentsPart | undefined;
  let deploymentsResult: DeploymentsResult | undefined;
  if (options.command !== 'report' && (loaded.policy.deployments ?? []).length > 0) {
    try {
      deployments = await planDeploymentsPart(loaded.policy, options.policyFile, loaded.registries, context);
    } catch (thrown: unknown) {
      context.progress.finish();
      fail(io.signal.aborted ? 'Cancelled; nothing was changed.' : `deployments: ${describeFailure(thrown, 'deployments')}`);
      return EXIT_ERROR;
    }
    const blocked = options.command === 'apply' ? deploymentsBlockApply(deployments, options.allowPartial === true) : undefined;
    if (blocked !== undefined) {
      if (options.json) {
        io.stdout.write(`${JSON.stringify({ command: options.command, policyFile: options.policyFile, exitCode: EXIT_ERROR, registries: [], deployments: blocked.json }, null, 2)}\n`);
      } else {
        io.stdout.write(`${deploymentsPlanOnly(deployments, options.policyFile)}\n\n`);
      }
      fail(blocked.error ?? 'deployments: nothing was changed.');
      return EXIT_ERROR;
    }
  }
  const results: RegistryResult[] = [];
  const show = (result: RegistryResult): void => {
    results.push(result);
    if (!options.json && result.text !== undefined) {
      io.stdout.write(`${result.text}\n\n`);
    }
    if (result.error !== undefined && options.command !== 'report') {
      fail(result.error);
    }
  };
  // apply plans every registry first: lock removals are refused before any change is sent anywhere.
  const planned: Planned[] = [];
  for (const registry of loaded.registries) {
    if (io.signal.aborted) {
      break;
    }
    const result = await runRegistry(options, registry, context);
    if ('plan' in result) {
      planned.push(result);
    } else {
      show(result);
    }
  }
  const refused = refusedUnlocks(planned, options);
  if (refused !== undefined) {
    refused.forEach(show);
  } else {
    for (const p of planned) {
      if (io.signal.aborted) {
        break;
      }
      show(await applyPlanned(p, context));
    }
  }
  if (deployments !== undefined && !io.signal.aborted) {
    try {
      deploymentsResult = await finishDeploymentsPart(deployments, options.command === 'apply' ? 'apply' : 'plan', { policyFile: options.policyFile, allowPartial: options.allowPartial === true }, context);
    } catch (thrown: unknown) {
      context.progress.finish();
      const message = `deployments: ${describeFailure(thrown, 'deployments')}`;
      deploymentsResult = { exit: EXIT_ERROR, json: { error: message }, text: '', error: message };
    }
    if (!options.json && deploymentsResult.text !== '') {
      io.stdout.write(`${deploymentsResult.text}\n\n`);
    }
    if (deploymentsResult.error !== undefined) {
      fail(deploymentsResult.error);
    }
  }
  const exit = io.signal.aborted ? EXIT_ERROR : combine([...results.map((r) => r.exit), ...(deploymentsResult === undefined ? [] : [deploymentsResult.exit])]);
  const reports = results.flatMap((r) => (r.report === undefined ? [] : [r.report]));
  if (options.command === 'report') {
    for (const r of results) {
      if (r.error !== undefined) {
        fail(r.error);
      }
    }
    io.stdout.write(options.format === 'csv' ? terminalLines(reportCsv(reports)) : `${jsonText(reportJson(reports))}\n`);
  } else if (options.json) {
    io.stdout.write(
      `${jsonText({ command: options.command, policyFile: options.policyFile, exitCode: exit, registries: results.map((r) => r.json), ...(deploymentsResult === undefined ? {} : { deployments: deploymentsResult.json }) })}\n`,
    );
  }
  if (!options.json && options.command === 'plan' && exit === EXIT_DRIFT) {
    io.stderr.write(`Drift found. Run acr-locks apply --policy ${options.policyFile} to change the registry to match.\n`);
  }
  return exit;
}
