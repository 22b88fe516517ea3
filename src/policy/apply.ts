/**
 * Applies a plan over the lock engine (LockEngine.applyMany): exactly the plan's changes, one
 * PATCH per item carrying only the flags that differ from what the plan's listing read (no read
 * before each change), every answer verified. Pacing (concurrency, the registry's Retry-After,
 * backoff), "may have been applied" (cancelled while the PATCH was on its way) and "not attempted"
 * (the run stopped after consecutive registry-wide failures) are the engine's. A plan with
 * conflicts is refused before anything is sent.
 */
import { type LockClient } from '../locks/client';
import { type LockEngine, type LockItem, type RunOptions, type RunReport } from '../locks/engine';
import { planChanges, planConflicts, type PlannedChange, type PolicyPlan } from './plan';

/** One planned change as an item of an engine run. */
export interface PolicyItem extends LockItem {
  readonly planned: PlannedChange;
}

export type PolicyRunReport = RunReport<PolicyItem>;

/** The plan has conflicting rules: nothing may be applied until the file is fixed. */
export class PolicyConflictError extends Error {
  override readonly name = 'PolicyConflictError';
  constructor(readonly conflicts: number) {
    super(`The policy has ${conflicts} conflicting ${conflicts === 1 ? 'setting' : 'settings'}; nothing was applied.`);
  }
}

/** The plan's changes as engine items: each with its own change and the attributes the listing read. */
export function policyItems(client: LockClient, plan: PolicyPlan): PolicyItem[] {
  return planChanges(plan).map((planned) => ({ client, target: planned.target, change: planned.change, known: planned.current, planned }));
}

/** Every change of the plan through the engine; refuses a plan with conflicts before any request. */
export function applyPlan(engine: LockEngine, client: LockClient, plan: PolicyPlan, options: RunOptions): Promise<PolicyRunReport> {
  const conflicts = planConflicts(plan).length;
  if (conflicts > 0) {
    return Promise.reject(new PolicyConflictError(conflicts));
  }
  return engine.applyMany(policyItems(client, plan), {}, options);
}
