/**
 * The work for one registry entry of the policy file: read what the rules need (largest pages),
 * evaluate and plan; for apply, send the plan's changes; for report, read everything and mark
 * each item against the policy. Only through RegistryClient, so its origin guards apply.
 */
import {
  annotateReport,
  applyPlan,
  collectInventory,
  collectReport,
  evaluatePolicy,
  type LockReport,
  planPolicy,
  type PolicyEvaluation,
  type PolicyPlan,
  type PolicyRunReport,
  type RegistryPolicy,
  registryPolicySource,
  registryReportSource,
} from '../policy';
import { type LockClient } from '../locks/client';
import { LockEngine } from '../locks/engine';
import { type ServerWait } from '../locks/run/bulk';
import { type NameFilter, repositoryGlob } from '../util/glob';
import { type RegistryLogger } from '../registry/log';
import { RegistryClient, type RegistryAuth } from '../registry/registryClient';
import { type TransportLimits } from '../registry/transportLimits';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { type Progress } from './progress';

export interface RunContext {
  readonly auth: RegistryAuth;
  readonly logger?: RegistryLogger;
  readonly signal: AbortSignal;
  readonly progress: Progress;
  readonly now: Date;
  readonly concurrency: number;
  /** The one login server outside the ACR domains that may get the Azure token (the user said it is theirs). */
  readonly trustCustomDomain?: string;
  readonly limits: TransportLimits;
  /** One transport for the whole run (cli/transport.ts), so connections and proxy tunnels are reused. */
  readonly httpClient?: HttpClient;
}

export interface ClientAndCount {
  readonly client: RegistryClient;
  /** Wire requests so far (token requests included). */
  requests(): number;
}

export function connect(loginServer: string, context: RunContext): ClientAndCount {
  let requests = 0;
  // The client's own retries (listings, reads): each wait is shown as it starts, not after it.
  const onWait = (wait: ServerWait): void => {
    const text = waitText(loginServer, wait);
    if (text !== undefined) {
      context.progress.step(text);
    }
  };
  const client = new RegistryClient({
    loginServer,
    auth: context.auth,
    trustedCustomDomain: context.trustCustomDomain !== undefined && context.trustCustomDomain === loginServer,
    ...(context.logger === undefined ? {} : { logger: context.logger }),
    observer: { onRequest: () => (requests += 1) },
    limits: context.limits,
    onWait,
    ...(context.httpClient === undefined ? {} : { httpClient: context.httpClient }),
  });
  return { client, requests: () => requests };
}

export async function planRegistry(client: RegistryClient, registry: RegistryPolicy, context: RunContext): Promise<PolicyPlan> {
  return (await planRegistryDetailed(client, registry, context)).plan;
}

/** The plan and the evaluation behind it (every selected item, for the pipeline formats' one test case per item). */
export async function planRegistryDetailed(client: RegistryClient, registry: RegistryPolicy, context: RunContext): Promise<{ plan: PolicyPlan; evaluation: PolicyEvaluation }> {
  const source = registryPolicySource(client);
  context.progress.step(`${registry.loginServer}: listing repositories`);
  const inventory = await collectInventory(source, registry, {
    signal: context.signal,
    onRepository: (name, index, total) => context.progress.step(`${registry.loginServer}: reading ${name} (${index + 1} of ${total})`),
  });
  context.progress.finish();
  const evaluation = evaluatePolicy(registry, inventory, { now: context.now });
  return { plan: planPolicy(evaluation), evaluation };
}

/**
 * A wait as it starts, for the progress output: what the registry asked for (and what is waited),
 * or our own backoff after a failure. Undefined for a backoff after a failure without a status
 * (a reset), which is too short to mention.
 */
export function waitText(loginServer: string, wait: ServerWait): string | undefined {
  const seconds = (ms: number): string => String(Math.ceil(ms / 1000));
  const status = wait.status === undefined ? '' : ` (${wait.status})`;
  if (wait.requestedMs !== undefined) {
    return `${loginServer}: the registry asked to wait ${seconds(wait.requestedMs)} s${status}; waiting ${seconds(wait.ms)} s (at most a minute), then retrying`;
  }
  if (wait.reason === 'backoff') {
    return wait.status === undefined ? undefined : `${loginServer}: the request failed${status}; retrying in ${seconds(wait.ms)} s`;
  }
  return `${loginServer}: registry asked to wait ${seconds(wait.ms)} s${status}; waiting…`;
}

/** The plan's changes through the lock engine: verified, paced, cancellable (Ctrl+C), every item reported. */
export async function applyRegistry(client: RegistryClient, plan: PolicyPlan, context: RunContext): Promise<PolicyRunReport> {
  // The progress line counts changes SENT (answered or not), so a cancelled run never under-reports.
  let sent = 0;
  const counting: LockClient = {
    loginServer: client.loginServer,
    read: (...args) => client.read(...args),
    update: (...args) => {
      sent += 1;
      return client.update(...args);
    },
    getRepository: (...args) => client.getRepository(...args),
    getTag: (...args) => client.getTag(...args),
    getManifest: (...args) => client.getManifest(...args),
    listTags: (...args) => client.listTags(...args),
    listManifests: (...args) => client.listManifests(...args),
  };
  const result = await applyPlan(new LockEngine(), counting, plan, {
    concurrency: context.concurrency,
    signal: context.signal,
    onProgress: (done, total) => context.progress.count(sent, total, `${plan.loginServer}: sent (${done} answered)`),
    onWait: (wait) => {
      const text = waitText(plan.loginServer, wait);
      if (text !== undefined) {
        context.progress.step(text);
      }
    },
  });
  context.progress.finish();
  return result;
}

/** `--repository`: a repository glob (case-insensitive, `*` within one segment, `**` across), as in policy rules and the filter box. */
export function repositoryOption(pattern: string | undefined): NameFilter | undefined {
  return pattern === undefined ? undefined : repositoryGlob(pattern);
}

export async function reportRegistry(client: RegistryClient, registry: RegistryPolicy, repositoryPattern: string | undefined, context: RunContext): Promise<LockReport> {
  context.progress.step(`${registry.loginServer}: listing repositories`);
  const filter = repositoryOption(repositoryPattern);
  const collected = await collectReport(registryReportSource(client), registry.loginServer, {
    signal: context.signal,
    ...(filter === undefined ? {} : { repositories: filter }),
    onRepository: (name, index, total) => context.progress.step(`${registry.loginServer}: reading ${name} (${index + 1} of ${total})`),
  });
  context.progress.finish();
  const evaluation = evaluatePolicy(registry, collected.inventory, { now: context.now });
  return { loginServer: registry.loginServer, generatedOn: context.now, rows: annotateReport(collected.rows, evaluation, planPolicy(evaluation)) };
}
