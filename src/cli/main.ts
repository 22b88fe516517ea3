/**
 * `acr-locks plan|apply|report`: arguments and the policy file are checked before anything is
 * sent (a bad flag or file exits 1 and sends nothing); then each selected registry entry is
 * planned, applied or reported. Exit codes: 0 in policy / applied, 2 drift found by plan, 1 error.
 * Results on standard output (table, CSV or JSON), progress and problems on standard error.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ProbedIdentity } from '../registry/access';
import {
  findRegistryPolicy,
  isInPolicy,
  type LockReport,
  parsePolicy,
  type Policy,
  PolicyConflictError,
  type PolicyDiagnostic,
  type PolicyEvaluation,
  type PolicyPlan,
  type PolicyRunReport,
  type RegistryPolicy,
  reportCsv,
  reportJson,
} from '../policy';
import { checkLoginServer } from '../registry/loginServer';
import { type CliOptions, CREDENTIALS_NEED_REGISTRY, parseCliArgs, USAGE } from './args';
import { readStreamBounded, STDIN_TIMEOUT_SEC, type StdinResult } from './auth';
import { describeFailure } from './errors';
import { applyJson, applyText, planJson, planSummary, planText, runCounts } from './planText';
import { deploymentPlanText } from './deployText';
import { auditIdentity, checkWriteAccess, doctorExit, doctorJson, doctorText, runDoctor } from './doctor';
import { type RegistryOutcome } from './formats/fromPolicy';
import { type FormatInput } from './formats/model';
import { isPipelineFormat, repoRelative } from './formats/render';
import { appender, auditLines, auditReport, renderRun, writer } from './pipelineOutput';
import { type TextSink } from './progress';
import { applyRegistry, type ClientAndCount, connect, planRegistryDetailed, reportRegistry, type RunContext } from './registryRun';
import { lockRemovals, unlockRefusal } from './unlocks';
import { terminalLines, terminalText } from '../util/safeText';
import { CLI_VERSION } from './version';
import { DEPLOY_USAGE, deployCommandOf } from './deployArgs';
import { deployMain, deploymentsBlockApply, type DeploymentsPart, type DeploymentsResult, finishDeploymentsPart, planDeploymentsPart } from './deployRun';
import { createRunContext } from './runContext';
import { inPlace } from './plural';

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
  /** Files the run writes (--output, --audit-log, summaries); default node:fs. */
  writeFile?(path: string, text: string): Promise<void>;
  appendFile?(path: string, text: string): Promise<void>;
  /** The folder relative paths start from (default process.cwd()). */
  readonly cwd?: string;
  /** Called once at the end with what happened (the GitHub Action and the Azure Pipelines task read it). */
  onOutcome?(outcome: CliOutcome): void;
}

/** A run's results for callers that drive the tool as a library (src/action, src/pipelinesTask). */
export interface CliOutcome {
  readonly command: string;
  readonly exitCode: number;
  /** Items changed by apply. */
  readonly changed: number;
  /** Items found drifting (plan, report) or still to change (apply). */
  readonly drift: number;
  /** Items or registries that failed. */
  readonly failed: number;
  /** The pipeline-format input (findings, checks, summary) of the run. */
  readonly format?: FormatInput;
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

type Loaded = { readonly ok: true; readonly registries: readonly RegistryPolicy[]; readonly policy: Policy } | { readonly ok: false; readonly diagnostics?: readonly PolicyDiagnostic[] };

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
    return { ok: false, diagnostics: parsed.diagnostics };
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

interface RegistryResult {
  readonly exit: number;
  readonly json: Record<string, unknown>;
  readonly text?: string;
  readonly report?: LockReport;
  /** The run of this registry failed (not only some of its items). */
  readonly error?: string;
  /** For the pipeline formats and the audit log. */
  readonly registry?: RegistryPolicy;
  readonly plan?: PolicyPlan;
  readonly evaluation?: PolicyEvaluation;
  readonly applied?: PolicyRunReport;
}

interface Planned {
  readonly registry: RegistryPolicy;
  readonly client: ClientAndCount;
  readonly plan: PolicyPlan;
  readonly evaluation: PolicyEvaluation;
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
      return { exit: EXIT_OK, json: { loginServer, requests: requests() }, report, registry };
    }
    const { plan, evaluation } = await planRegistryDetailed(client, registry, context);
    const kept = { registry, plan, evaluation };
    const conflicts = plan.totals.conflicted > 0;
    if (options.command === 'plan') {
      const exit = conflicts ? EXIT_ERROR : isInPolicy(plan) ? EXIT_OK : EXIT_DRIFT;
      return { exit, json: { ...planJson(plan), requests: requests() }, text: planText(plan), ...kept };
    }
    if (conflicts) {
      const message = `${loginServer}: ${new PolicyConflictError(plan.totals.conflicted).message} Fix the rules named in the conflicts.`;
      return { exit: EXIT_ERROR, json: { ...planJson(plan), error: message, requests: requests() }, text: planText(plan), error: message, ...kept };
    }
    if (plan.totals.changes === 0) {
      const applied = { changed: 0, unchanged: 0, failed: 0, cancelled: 0, maybeApplied: 0, notAttempted: 0, items: [] };
      return { exit: EXIT_OK, json: { ...planJson(plan), applied, requests: requests() }, text: `${planText(plan)}\nNothing to change.`, ...kept };
    }
    return { registry, client: connection, plan, evaluation };
  } catch (thrown: unknown) {
    return { ...failed(loginServer, thrown, requests, context), registry };
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
      `${loginServer}: ${inPlace(result.changed + result.unchanged, result.outcomes.length)}; ${result.failed} failed, ` +
      `${result.cancelled} cancelled, ${result.maybeApplied} may have been applied, ${result.notAttempted} not attempted. Fix the cause (above) and run apply again.`;
    return {
      exit: complete ? EXIT_OK : EXIT_ERROR,
      json: { ...planJson(plan), applied: applyJson(loginServer, result), requests: requests() },
      text: `${planText(plan, { listChanges: false })}\n\n${applyText(loginServer, result)}`,
      ...(complete ? {} : { error: incomplete }),
      registry: planned.registry,
      plan,
      evaluation: planned.evaluation,
      applied: result,
    };
  } catch (thrown: unknown) {
    return { ...failed(loginServer, thrown, requests, context), registry: planned.registry, plan, evaluation: planned.evaluation };
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
    registry: p.registry,
    plan: p.plan,
    evaluation: p.evaluation,
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
  const started = io.now();
  const cwd = io.cwd ?? process.cwd();
  const resolvePath = (file: string): string => resolve(cwd, file);
  if (options.command === 'report' && options.auditLog !== undefined && options.policyFile === '') {
    const summary = await auditReport(resolvePath(options.auditLog), options.format === 'json', io);
    if (summary.error !== undefined) {
      fail(summary.error);
    } else if (options.output !== undefined) {
      await writer(io)(resolvePath(options.output), summary.text);
    } else {
      io.stdout.write(summary.text);
    }
    return summary.exit;
  }
  if (options.command === 'doctor') {
    return doctor(options, io, fail);
  }
  const loaded = await loadPolicy(options, io, fail);
  const pipelineFormat = isPipelineFormat(options.format) ? options.format : undefined;
  const policyForFormats = options.policyFile === '' ? '' : repoRelative(options.policyFile, io.env, cwd);
  const formatCommand = options.command;
  if (!loaded.ok) {
    if (pipelineFormat !== undefined && loaded.diagnostics !== undefined) {
      const now = io.now().toISOString();
      const format = await renderRun(pipelineFormat, { command: formatCommand, version: CLI_VERSION, policyFile: policyForFormats, registries: [], diagnostics: loaded.diagnostics, exitCode: EXIT_ERROR, startTime: started.toISOString(), endTime: now }, { stdout: io.stdout, env: io.env, ...outputOf(options, resolvePath), ...files(io) });
      io.onOutcome?.({ command: options.command, exitCode: EXIT_ERROR, changed: 0, drift: 0, failed: 1, format });
    } else {
      io.onOutcome?.({ command: options.command, exitCode: EXIT_ERROR, changed: 0, drift: 0, failed: 1 });
    }
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
  const created = await createRunContext(options, io);
  if (!created.ok) {
    fail(created.message);
    return EXIT_ERROR;
  }
  const { context } = created;
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
  let tableText = '';
  const show = (result: RegistryResult): void => {
    results.push(result);
    if (options.format === 'table' && result.text !== undefined) {
      if (options.output === undefined) {
        io.stdout.write(`${result.text}\n\n`);
      } else {
        tableText += `${result.text}\n\n`;
      }
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
    if ('client' in result) {
      planned.push(result);
    } else {
      show(result);
    }
  }
  const refused = refusedUnlocks(planned, options) ?? (await refusedWrites(planned, context));
  const runId = randomUUID();
  if (refused !== undefined) {
    refused.forEach(show);
  } else {
    for (const p of planned) {
      if (io.signal.aborted) {
        break;
      }
      const result = await applyPlanned(p, context);
      show(result);
      if (options.auditLog !== undefined && result.applied !== undefined) {
        const lines = auditLines(p.registry.loginServer, result.applied, {
          runId,
          command: 'apply',
          policyFile: policyForFormats,
          identity: auditIdentity(writeIdentities.get(p.registry.loginServer)),
          now: () => io.now(),
        });
        if (lines !== '') {
          try {
            await appender(io)(resolvePath(options.auditLog), lines);
          } catch (thrown: unknown) {
            const code = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : '';
            fail(`Cannot append to the audit log ${options.auditLog}${code ? ` (${code})` : ''}; the changes above were made but are not recorded there.`);
            results.push({ exit: EXIT_ERROR, json: {} });
          }
        }
      }
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
  const out = async (text: string): Promise<void> => {
    if (options.output === undefined) {
      io.stdout.write(text);
    } else {
      await writer(io)(resolvePath(options.output), text);
    }
  };
  if (options.command === 'report') {
    for (const r of results) {
      if (r.error !== undefined) {
        fail(r.error);
      }
    }
  }
  let format: FormatInput | undefined;
  const outcomes = results.filter((r) => r.registry !== undefined).map((r) => registryOutcome(r));
  const formatRun = { command: formatCommand, version: CLI_VERSION, policyFile: policyForFormats, registries: outcomes, exitCode: exit, startTime: started.toISOString(), endTime: io.now().toISOString() } as const;
  if (pipelineFormat !== undefined) {
    format = await renderRun(pipelineFormat, formatRun, { stdout: io.stdout, env: io.env, ...outputOf(options, resolvePath), ...files(io) });
  } else if (options.command === 'report') {
    await out(options.format === 'csv' ? terminalLines(reportCsv(reports)) : `${jsonText(reportJson(reports))}\n`);
  } else if (options.json) {
    await out(
      `${jsonText({ command: options.command, policyFile: options.policyFile, exitCode: exit, registries: results.map((r) => r.json), ...(deploymentsResult === undefined ? {} : { deployments: deploymentsResult.json }) })}\n`,
    );
  } else if (options.output !== undefined) {
    await out(tableText);
  }
  if (io.onOutcome !== undefined) {
    const { policyFormatInput } = await import('./formats/fromPolicy');
    format ??= policyFormatInput(formatRun);
    io.onOutcome(outcomeOf(options.command, exit, results, format));
  }
  if (options.format === 'table' && options.command === 'plan' && exit === EXIT_DRIFT) {
    io.stderr.write(`Drift found. Run acr-locks apply --policy ${options.policyFile} to change the registry to match.\n`);
  }
  return exit;
}

function registryOutcome(r: RegistryResult): RegistryOutcome {
  const loginServer = r.registry?.loginServer ?? '';
  const summary = r.applied !== undefined ? runCounts(loginServer, r.applied) : r.plan !== undefined ? planSummary(r.plan) : undefined;
  return {
    loginServer,
    ...(r.registry === undefined ? {} : { registry: r.registry }),
    ...(r.plan === undefined ? {} : { plan: r.plan }),
    ...(r.evaluation === undefined ? {} : { evaluation: r.evaluation }),
    ...(r.applied === undefined ? {} : { applied: r.applied }),
    ...(r.report === undefined ? {} : { report: r.report }),
    ...(r.error === undefined ? {} : { error: r.error }),
    ...(summary === undefined ? {} : { summary }),
  };
}

function outcomeOf(command: string, exitCode: number, results: readonly RegistryResult[], format: FormatInput): CliOutcome {
  let changed = 0;
  let drift = 0;
  let failedCount = 0;
  for (const r of results) {
    if (r.applied !== undefined) {
      changed += r.applied.changed;
      failedCount += r.applied.failed + r.applied.maybeApplied + r.applied.notAttempted + r.applied.cancelled;
      drift += r.applied.outcomes.length - r.applied.changed - r.applied.unchanged;
    } else if (r.plan !== undefined) {
      drift += r.plan.totals.changes + r.plan.totals.conflicted;
      if (command === 'apply') {
        failedCount += r.error === undefined ? 0 : 1;
      }
    } else if (r.report !== undefined) {
      drift += r.report.rows.filter((row) => row.policy !== undefined && row.policy.status !== 'inPolicy').length;
    } else if (r.error !== undefined) {
      failedCount += 1;
    }
  }
  return { command, exitCode, changed, drift, failed: failedCount, format };
}

function outputOf(options: CliOptions, resolvePath: (file: string) => string): { output?: string } {
  return options.output === undefined ? {} : { output: resolvePath(options.output) };
}

function files(io: CliIo): { writeFile?: (path: string, text: string) => Promise<void>; appendFile?: (path: string, text: string) => Promise<void> } {
  return { ...(io.writeFile === undefined ? {} : { writeFile: io.writeFile }), ...(io.appendFile === undefined ? {} : { appendFile: io.appendFile }) };
}

/** Who apply signed in as, per registry (from its permission check), for the audit log. */
const writeIdentities = new Map<string, ProbedIdentity>();

/**
 * apply: before any PATCH, ask the registry's token service whether this identity may write
 * metadata on every repository the plan changes; if not anywhere, nothing is sent anywhere.
 */
async function refusedWrites(planned: readonly Planned[], context: RunContext): Promise<RegistryResult[] | undefined> {
  if (context.auth.kind === 'anonymous') {
    return undefined;
  }
  const problems = new Map<Planned, string>();
  for (const p of planned) {
    const repositories = p.plan.repositories.filter((r) => r.changes.length > 0).map((r) => r.repository);
    if (repositories.length === 0) {
      continue;
    }
    try {
      const check = await checkWriteAccess(checkedServer(p.registry.loginServer), repositories, context);
      if (check.identity !== undefined) {
        writeIdentities.set(p.registry.loginServer, check.identity);
      }
      if (!check.ok && check.message !== undefined) {
        problems.set(p, check.message);
      }
    } catch (thrown: unknown) {
      problems.set(p, describeFailure(thrown, p.registry.loginServer));
    }
  }
  if (problems.size === 0) {
    return undefined;
  }
  const others = 'Nothing was changed in any registry of this run: another registry of the run cannot be changed (above).';
  return planned.map((p) => {
    const message = problems.get(p) ?? `${p.registry.loginServer}: ${others}`;
    return {
      exit: EXIT_ERROR,
      json: { ...planJson(p.plan), error: message, requests: p.client.requests() },
      text: planText(p.plan),
      error: message,
      registry: p.registry,
      plan: p.plan,
      evaluation: p.evaluation,
    };
  });
}

async function doctor(options: CliOptions, io: CliIo, fail: (message: string) => void): Promise<number> {
  const created = await createRunContext({ ...options, concurrency: 1 }, io);
  if (!created.ok) {
    fail(created.message);
    return EXIT_ERROR;
  }
  const { context } = created;
  const loginServer = options.registry ?? '';

  const report = await runDoctor(loginServer, options.repository, context);
  io.stdout.write(options.json ? `${jsonText(doctorJson(report))}\n` : doctorText(report));
  return doctorExit(report);
}
