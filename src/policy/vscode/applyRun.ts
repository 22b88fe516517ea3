/**
 * Apply Policy's run: each checked registry's plan through the lock engine, one registry after
 * the other under one progress (counts add up across registries), and one report of every item.
 */
import { applyPlan, type PolicyPlan, type PolicyRunReport } from '..';
import { type RegistryClient } from '../../registry/registryClient';
import { runInTurn } from '../../locks/run/inTurn';
import { type RunHooks } from '../../commands/lock/progress';
import { type Services } from '../../services';
import { type RegistryNode } from '../../tree/nodes';

export interface RegistryRun {
  readonly registry: RegistryNode;
  readonly plan: PolicyPlan;
}

/** Applies each registry's plan in turn; progress counts run on across registries. */
export function applyRuns(services: Services, runs: readonly RegistryRun[], hooks: RunHooks): Promise<PolicyRunReport> {
  return runInTurn(runs, (run) => run.plan.totals.changes, hooks.onProgress, async (run, onProgress) => {
    const client: RegistryClient = await services.connections.clientFor(run.registry.config);
    return applyPlan(services.engine, client, run.plan, { concurrency: hooks.concurrency, signal: hooks.signal, onWait: hooks.onWait, onProgress });
  });
}
