/**
 * Apply Policy's run: each checked registry's plan through the lock engine, one registry after
 * the other under one progress (counts add up across registries), and one report of every item.
 */
import { applyPlan, type PolicyPlan, type PolicyRunReport } from '..';
import { type RegistryClient } from '../../registry/registryClient';
import { type RunHooks } from '../../commands/lock/progress';
import { type Services } from '../../services';
import { type RegistryNode } from '../../tree/nodes';

export interface RegistryRun {
  readonly registry: RegistryNode;
  readonly plan: PolicyPlan;
}

/** The reports of several runs as one: outcomes in order, counts summed, the first stop kept. */
export function mergeReports(reports: readonly PolicyRunReport[]): PolicyRunReport {
  const sum = (key: 'changed' | 'unchanged' | 'failed' | 'cancelled' | 'maybeApplied' | 'notAttempted'): number => reports.reduce((n, r) => n + r[key], 0);
  const stopped = reports.find((r) => r.stopped !== undefined)?.stopped;
  return {
    outcomes: reports.flatMap((r) => r.outcomes),
    changed: sum('changed'),
    unchanged: sum('unchanged'),
    failed: sum('failed'),
    cancelled: sum('cancelled'),
    maybeApplied: sum('maybeApplied'),
    notAttempted: sum('notAttempted'),
    ...(stopped === undefined ? {} : { stopped }),
  };
}

/** Applies each registry's plan in turn; progress counts run on across registries. */
export async function applyRuns(services: Services, runs: readonly RegistryRun[], hooks: RunHooks): Promise<PolicyRunReport> {
  const total = runs.reduce((n, r) => n + r.plan.totals.changes, 0);
  const reports: PolicyRunReport[] = [];
  let offset = 0;
  for (const run of runs) {
    const client: RegistryClient = await services.connections.clientFor(run.registry.config);
    const report = await applyPlan(services.engine, client, run.plan, {
      concurrency: hooks.concurrency,
      signal: hooks.signal,
      onWait: hooks.onWait,
      onProgress: (done) => hooks.onProgress(offset + done, total),
    });
    offset += report.outcomes.length;
    reports.push(report);
  }
  return mergeReports(reports);
}
