/**
 * The deployments part of `acr-locks plan|apply` (planned before any rule is applied, so a
 * deployment problem stops apply before any change), and the commands `images` and
 * `release-orphans`. Over src/deploy/protect/ and RegistryClient (one per managed registry).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  applyDeploymentPlan,
  type DeploySetInput,
  type DeploymentPlan,
  deploymentPlanJson,
  deploymentsInPolicy,
  planDeployments,
  releaseOrphans,
} from '../deploy/protect';
import { LockEngine } from '../locks/engine';
import { DEFAULT_DEPLOYED_MANIFEST, DEFAULT_DEPLOYED_TAG, DEFAULT_FLOATING_TAGS, loginServerKey, parsePolicy, type Policy, type RegistryPolicy } from '../policy';
import { checkLoginServer } from '../registry/loginServer';
import { type RegistryClient } from '../registry/registryClient';
import { type StdinResult } from './auth';
import { parseDeployArgs } from './deployArgs';
import { deploymentPlanText, imagesText, orphanRows, runJson, runText } from './deployText';
import { describeFailure } from './errors';
import { type TextSink } from './progress';
import { connect, type RunContext } from './registryRun';
import { table } from './table';
import { createRunContext } from './runContext';
import { inPlace } from './plural';

const EXIT_OK = 0;
const EXIT_ERROR = 1;
const EXIT_DRIFT = 2;

/** One client per managed registry (created on first use), and their wire requests. */
export class DeployClients {
  private readonly clients = new Map<string, { client: RegistryClient; requests: () => number }>();
  constructor(private readonly context: RunContext) {}
  get(loginServer: string): RegistryClient {
    const key = loginServerKey(loginServer);
    let entry = this.clients.get(key);
    if (entry === undefined) {
      const checked = checkLoginServer(loginServer);
      entry = connect(checked.ok ? checked.loginServer : loginServer, this.context);
      this.clients.set(key, entry);
    }
    return entry.client;
  }
  requests(): number {
    return [...this.clients.values()].reduce((n, e) => n + e.requests(), 0);
  }
}

export interface DeploymentsPart {
  readonly plan: DeploymentPlan;
  readonly clients: DeployClients;
}

/** The deployments of the policy (`registries`: the entries acted on, after --registry). */
export async function planDeploymentsPart(policy: Policy, policyFile: string, registries: readonly RegistryPolicy[], context: RunContext): Promise<DeploymentsPart> {
  const clients = new DeployClients(context);
  const managed = new Set(registries.map((r) => loginServerKey(r.loginServer)));
  const plan = await planDeployments({
    root: dirname(policyFile),
    sets: policy.deployments ?? [],
    managed: registries.map((r) => r.loginServer),
    rules: policy.registries,
    now: context.now,
    client: (loginServer) => (managed.has(loginServerKey(loginServer)) ? clients.get(loginServer) : undefined),
    signal: context.signal,
    onStep: (message) => context.progress.step(`deployments: ${message}`),
    describeFailure,
  });
  context.progress.finish();
  return { plan, clients };
}

export interface DeploymentsResult {
  readonly exit: number;
  readonly json: Record<string, unknown>;
  readonly text: string;
  readonly error?: string;
}

/** apply: the plan has problems and no --allow-partial: nothing of the policy may be applied. */
export function deploymentsBlockApply(part: DeploymentsPart, allowPartial: boolean): DeploymentsResult | undefined {
  if (part.plan.blockers.length === 0 || allowPartial) {
    return undefined;
  }
  const n = part.plan.blockers.length;
  const error = `deployments: ${n} ${n === 1 ? 'problem' : 'problems'} (listed above) — nothing was changed (no rule and no deployment). Fix them, or run apply with --allow-partial to protect what can be protected.`;
  return { exit: EXIT_ERROR, json: { ...deploymentPlanJson(part.plan), error, requests: part.clients.requests() }, text: '', error };
}

/** plan: the plan's verdict; apply: the plan's changes through the engine (verified). */
export async function finishDeploymentsPart(
  part: DeploymentsPart,
  command: 'plan' | 'apply',
  options: { readonly policyFile: string; readonly allowPartial: boolean },
  context: RunContext,
): Promise<DeploymentsResult> {
  const { plan } = part;
  const text = deploymentPlanText(plan, { policyFile: options.policyFile, listOrphans: true });
  const planJson = deploymentPlanJson(plan);
  if (command === 'plan') {
    const exit = plan.blockers.length > 0 ? EXIT_ERROR : deploymentsInPolicy(plan) ? EXIT_OK : EXIT_DRIFT;
    return { exit, json: { ...planJson, requests: part.clients.requests() }, text };
  }
  if (plan.changes.length === 0) {
    return { exit: EXIT_OK, json: { ...planJson, applied: runJson({ outcomes: [], changed: 0, unchanged: 0, failed: 0, cancelled: 0, maybeApplied: 0, notAttempted: 0 }), requests: part.clients.requests() }, text: `${text}\n\nDeployments: nothing to change.` };
  }
  const report = await applyDeploymentPlan(new LockEngine(), plan, {
    concurrency: context.concurrency,
    signal: context.signal,
    allowPartial: options.allowPartial,
    onProgress: (done, total) => context.progress.count(done, total, 'deployments: applied'),
  });
  context.progress.finish();
  const complete = report.changed + report.unchanged === report.outcomes.length;
  return {
    exit: complete ? EXIT_OK : EXIT_ERROR,
    json: { ...planJson, applied: runJson(report), requests: part.clients.requests() },
    text: `${text}\n\n${runText('Deployments', report)}`,
    ...(complete ? {} : { error: `deployments: ${inPlace(report.changed + report.unchanged, report.outcomes.length)}; fix the cause (above) and run apply again.` }),
  };
}

// ---- acr-locks images | release-orphans ----

export interface DeployIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  readStdin(): Promise<StdinResult>;
  readFile(path: string): Promise<string>;
  now(): Date;
  readonly signal: AbortSignal;
}

async function loadPolicyFile(file: string, io: DeployIo, fail: (message: string) => void): Promise<Policy | undefined> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (thrown: unknown) {
    const code = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : '';
    fail(`Cannot read the policy file ${file}${code ? ` (${code})` : ''}. Check the path given to --policy.`);
    return undefined;
  }
  const parsed = parsePolicy(text);
  for (const d of parsed.diagnostics) {
    io.stderr.write(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message}\n`);
  }
  if (parsed.policy === undefined) {
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
    fail(`${file} has ${errors} ${errors === 1 ? 'error' : 'errors'} (above); nothing was checked or applied.`);
    return undefined;
  }
  for (const registry of parsed.policy.registries) {
    const checked = checkLoginServer(registry.loginServer);
    if (!checked.ok) {
      fail(`${file}:${registry.range.start.line + 1}: "${registry.loginServer}" is not a login server (${checked.reason}); nothing was checked or applied.`);
      return undefined;
    }
  }
  return parsed.policy;
}

async function pathSets(paths: readonly string[], fail: (message: string) => void): Promise<DeploySetInput[] | undefined> {
  const sets: DeploySetInput[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch {
      fail(`Cannot read ${path}: no such file or folder.`);
      return undefined;
    }
    sets.push({
      name: path,
      root: isDirectory ? path : dirname(path),
      files: isDirectory ? [] : [basename(path)],
      exclude: [],
      tag: DEFAULT_DEPLOYED_TAG,
      manifest: DEFAULT_DEPLOYED_MANIFEST,
      floatingTags: DEFAULT_FLOATING_TAGS,
      baseImages: false,
    });
  }
  return sets;
}

/** `acr-locks images …` and `acr-locks release-orphans …`. */
export async function deployMain(argv: readonly string[], io: DeployIo): Promise<number> {
  const fail = (message: string): void => void io.stderr.write(`acr-locks: ${message}\n`);
  const args = parseDeployArgs(argv);
  if (args.kind === 'error') {
    fail(args.message);
    return EXIT_ERROR;
  }
  const { options } = args;
  const policy = options.policyFile === undefined ? undefined : await loadPolicyFile(options.policyFile, io, fail);
  if (options.policyFile !== undefined && policy === undefined) {
    return EXIT_ERROR;
  }
  let registries: RegistryPolicy[] = [...(policy?.registries ?? [])];
  if (options.registry !== undefined) {
    const key = loginServerKey(options.registry);
    const inPolicy = registries.filter((r) => loginServerKey(r.loginServer) === key);
    if (options.command === 'release-orphans' && inPolicy.length === 0) {
      fail(`${options.policyFile ?? ''} has no entry for ${options.registry} (it has: ${registries.map((r) => r.loginServer).join(', ') || 'none'}).`);
      return EXIT_ERROR;
    }
    registries = inPolicy.length > 0 ? inPolicy : [{ loginServer: options.registry, rules: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }
  let sets: readonly DeploySetInput[];
  if (options.paths.length > 0) {
    const fromPaths = await pathSets(options.paths, fail);
    if (fromPaths === undefined) {
      return EXIT_ERROR;
    }
    sets = fromPaths;
  } else if (policy !== undefined && (policy.deployments ?? []).length > 0) {
    sets = policy.deployments ?? [];
  } else if (options.command === 'release-orphans') {
    fail(`${options.policyFile ?? ''} has no "deployments" section: nothing says what is deployed, so nothing is an orphan.`);
    return EXIT_ERROR;
  } else {
    const here = await pathSets(['.'], fail);
    sets = here ?? [];
  }
  const resolve = options.command === 'release-orphans' || options.registry !== undefined || options.username !== undefined || (io.env.ACR_USERNAME ?? '') !== '';
  let context: RunContext | undefined;
  if (resolve) {
    const created = await createRunContext(options, io);
    if (!created.ok) {
      fail(created.message);
      return EXIT_ERROR;
    }
    context = created.context;
  }
  const clients = context === undefined ? undefined : new DeployClients(context);
  const managedKeys = new Set(registries.map((r) => loginServerKey(r.loginServer)));
  let plan: DeploymentPlan;
  try {
    plan = await planDeployments({
      root: options.policyFile === undefined ? '.' : dirname(options.policyFile),
      sets,
      managed: registries.map((r) => r.loginServer),
      rules: registries,
      now: io.now(),
      ...(clients === undefined ? {} : { client: (loginServer: string) => (managedKeys.has(loginServerKey(loginServer)) ? clients.get(loginServer) : undefined) }),
      signal: io.signal,
      ...(context === undefined ? {} : { onStep: (message: string) => context.progress.step(message) }),
      describeFailure,
    });
  } catch (thrown: unknown) {
    context?.progress.finish();
    fail(io.signal.aborted ? 'Cancelled; nothing was changed.' : `deployments: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    return EXIT_ERROR;
  }
  context?.progress.finish();
  const requests = clients?.requests() ?? 0;

  if (options.command === 'images') {
    // Listing is not applying: a folder without images is not an error here; unreadable files and failures are.
    const problems = plan.blockers.filter((b) => b.kind !== 'noReferences');
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ command: 'images', exitCode: problems.length > 0 ? EXIT_ERROR : EXIT_OK, ...deploymentPlanJson(plan), requests }, null, 2)}\n`);
    } else {
      io.stdout.write(`${imagesText(plan)}\n`);
      for (const b of problems) {
        io.stderr.write(`${b.message}\n`);
      }
    }
    return problems.length > 0 ? EXIT_ERROR : EXIT_OK;
  }

  // release-orphans
  const planText = [
    `Orphans: ${plan.orphans.length} locked ${plan.orphans.length === 1 ? 'item' : 'items'} in the deployed repositories that no deployment references.`,
    ...(plan.orphans.length > 0 ? ['', table([{ title: 'REGISTRY' }, { title: 'ITEM' }, { title: 'LOCKED' }, { title: 'TAGS' }], orphanRows(plan.orphans))] : []),
  ].join('\n');
  const jsonOut = (exit: number, extra: Record<string, unknown>): void => {
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ command: 'release-orphans', exitCode: exit, ...deploymentPlanJson(plan), ...extra, requests: (clients?.requests() ?? requests) }, null, 2)}\n`);
    }
  };
  if (!options.json) {
    io.stdout.write(`${planText}\n`);
  }
  if (plan.blockers.length > 0) {
    for (const b of plan.blockers) {
      io.stderr.write(`${b.message}\n`);
    }
    fail(`release-orphans refuses while what is deployed is not fully known (${plan.blockers.length} ${plan.blockers.length === 1 ? 'problem' : 'problems'} above): nothing was released.`);
    jsonOut(EXIT_ERROR, { released: null });
    return EXIT_ERROR;
  }
  if (plan.orphans.length === 0) {
    jsonOut(EXIT_OK, { released: null });
    return EXIT_OK;
  }
  if (!options.yes) {
    fail(`release-orphans releases locks only with --yes: ${plan.orphans.length} ${plan.orphans.length === 1 ? 'item' : 'items'} would be released (above). Nothing was sent.`);
    jsonOut(EXIT_ERROR, { released: null });
    return EXIT_ERROR;
  }
  const report = await releaseOrphans(new LockEngine(), plan, {
    concurrency: options.concurrency,
    signal: io.signal,
    ...(context === undefined ? {} : { onProgress: (done: number, total: number) => context.progress.count(done, total, 'released') }),
  });
  context?.progress.finish();
  const complete = report.changed + report.unchanged === report.outcomes.length;
  if (!options.json) {
    io.stdout.write(`\n${runText('Released', report)}\n`);
  }
  jsonOut(complete ? EXIT_OK : EXIT_ERROR, { released: runJson(report) });
  if (!complete) {
    fail(`${report.changed + report.unchanged} of ${report.outcomes.length} orphans are released; fix the cause (above) and run release-orphans again.`);
  }
  return complete ? EXIT_OK : EXIT_ERROR;
}
