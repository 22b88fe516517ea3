/**
 * Applies a plan: exactly its changes, one PATCH per item carrying only the flags that differ,
 * over the bulk runner (bounded concurrency, backoff on throttling, cancellable). An item counts
 * as changed only when the registry's answer shows every flag of the change; otherwise it fails.
 * A plan with conflicts is refused before anything is sent.
 */
import { FLAG_NAMES, type LockAttributes } from '../../registry/attributes';
import { type BulkOutcome, type BulkReport, runBulk } from '../../registry/bulk';
import { RegistryError } from '../../registry/errors';
import { targetLabel } from '../../registry/models';
import { type RegistryClient } from '../../registry/registryClient';
import { planChanges, planConflicts, type PlannedChange, type PolicyPlan } from './plan';

export type UpdatingClient = Pick<RegistryClient, 'update'>;

export interface ApplyOptions {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, outcome: BulkOutcome<PlannedChange>) => void;
  /** Injectable for tests (the runner's backoff sleep). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The plan has conflicting rules: nothing may be applied until the file is fixed. */
export class PolicyConflictError extends Error {
  override readonly name = 'PolicyConflictError';
  constructor(readonly conflicts: number) {
    super(`The policy has ${conflicts} conflicting ${conflicts === 1 ? 'setting' : 'settings'}; nothing was applied.`);
  }
}

/** The flags of `change` the registry's answer does not show. */
function unmet(change: PlannedChange, answered: LockAttributes): string[] {
  return FLAG_NAMES.filter((flag) => change.change[flag] !== undefined && answered[flag] !== change.change[flag]);
}

export async function applyChanges(client: UpdatingClient, changes: readonly PlannedChange[], options: ApplyOptions): Promise<BulkReport<PlannedChange>> {
  return runBulk(
    changes,
    async (item, signal) => {
      const answer = await client.update(item.target, item.change, { abortSignal: signal });
      const missing = unmet(item, answer.attributes);
      if (missing.length > 0) {
        throw new RegistryError(
          'badResponse',
          `The registry accepted the change of ${targetLabel(item.target)} but answered with ${missing.join(', ')} unchanged; it was not counted as applied.`,
          { code: 'CHANGE_NOT_APPLIED' },
        );
      }
      return 'changed';
    },
    { concurrency: options.concurrency, signal: options.signal, onProgress: options.onProgress, sleep: options.sleep },
  );
}

/** Every change of the plan; refuses a plan with conflicts before any request. */
export async function applyPlan(client: UpdatingClient, plan: PolicyPlan, options: ApplyOptions): Promise<BulkReport<PlannedChange>> {
  const conflicts = planConflicts(plan).length;
  if (conflicts > 0) {
    throw new PolicyConflictError(conflicts);
  }
  return applyChanges(client, planChanges(plan), options);
}
