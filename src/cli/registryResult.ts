/** plan, apply and report of one registry entry of the policy: its result, or (apply) its plan, applied once nothing refuses it. */
import { isInPolicy, type LockReport, PolicyConflictError, type PolicyEvaluation, type PolicyPlan, type PolicyRunReport, type RegistryPolicy } from '../policy';
import { checkLoginServer } from '../registry/loginServer';
import { type CliOptions } from './args';
import { describeFailure } from './errors';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_OK } from './io';
import { applyJson, applyText, planJson, planText } from './planText';
import { inPlace } from './plural';
import { applyRegistry, type ClientAndCount, connect, planRegistryDetailed, reportRegistry, type RunContext } from './registryRun';

export interface RegistryResult {
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


export interface Planned {
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

export /** plan and report: one registry start to end. apply: only its plan (then `applyPlanned`). */
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

export async function applyPlanned(planned: Planned, context: RunContext): Promise<RegistryResult> {
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

export function checkedServer(loginServer: string): string {
  const checked = checkLoginServer(loginServer);
  return checked.ok ? checked.loginServer : loginServer;
}
