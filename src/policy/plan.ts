/**
 * The plan: for every selected item, only the flags whose current value differs from what the
 * rules want, with the rules behind each; counts per repository. Apply sends exactly these
 * changes; a plan with conflicts is not applied. Pure logic.
 */
import { FLAG_NAMES, type FlagName, type LockAttributes, type LockChange } from '../locks/attributes';
import { type ItemDecision, type PolicyConflict, type PolicyEvaluation, type PolicyTarget } from './evaluate';

export interface PlannedChange {
  readonly target: PolicyTarget;
  readonly current: LockAttributes;
  /** Only the flags that differ (never empty). */
  readonly change: LockChange;
  /** For each changed flag, the rules that want it, in file order. */
  readonly reasons: Readonly<Partial<Record<FlagName, readonly string[]>>>;
  /** Every rule behind the change, in file order, once each. */
  readonly rules: readonly string[];
}

export interface PlanCounts {
  /** Items at least one rule selects. */
  readonly tags: number;
  readonly manifests: number;
  /** Selected items already as the rules want (and without a conflict). */
  readonly inPolicy: number;
  /** Items with at least one flag to change. */
  readonly changes: number;
  /** Items with at least one conflicting flag. */
  readonly conflicted: number;
}

export interface RepositoryPlan {
  readonly repository: string;
  readonly counts: PlanCounts;
  readonly changes: readonly PlannedChange[];
  readonly conflicts: readonly PolicyConflict[];
}

export interface PolicyPlan {
  readonly loginServer: string;
  readonly repositories: readonly RepositoryPlan[];
  readonly totals: PlanCounts;
}

function changeOf(item: ItemDecision): PlannedChange | undefined {
  const change: { -readonly [K in FlagName]?: boolean } = {};
  const reasons: Partial<Record<FlagName, readonly string[]>> = {};
  const rules: string[] = [];
  for (const flag of FLAG_NAMES) {
    const decision = item.desired[flag];
    if (decision === undefined || decision.value === item.current[flag]) {
      continue;
    }
    change[flag] = decision.value;
    reasons[flag] = decision.rules;
    rules.push(...decision.rules.filter((r) => !rules.includes(r)));
  }
  return rules.length === 0 ? undefined : { target: item.target, current: item.current, change, reasons, rules };
}

function sum(counts: readonly PlanCounts[]): PlanCounts {
  return counts.reduce(
    (a, c) => ({
      tags: a.tags + c.tags,
      manifests: a.manifests + c.manifests,
      inPolicy: a.inPolicy + c.inPolicy,
      changes: a.changes + c.changes,
      conflicted: a.conflicted + c.conflicted,
    }),
    { tags: 0, manifests: 0, inPolicy: 0, changes: 0, conflicted: 0 },
  );
}

export function planPolicy(evaluation: PolicyEvaluation): PolicyPlan {
  const repositories = evaluation.repositories.map((repository): RepositoryPlan => {
    const changes: PlannedChange[] = [];
    let inPolicy = 0;
    let conflicted = 0;
    for (const item of repository.items) {
      const change = changeOf(item);
      if (change !== undefined) {
        changes.push(change);
      }
      if (item.conflicted.length > 0) {
        conflicted += 1;
      } else if (change === undefined) {
        inPolicy += 1;
      }
    }
    const counts: PlanCounts = {
      tags: repository.items.filter((i) => i.target.kind === 'tag').length,
      manifests: repository.items.filter((i) => i.target.kind === 'manifest').length,
      inPolicy,
      changes: changes.length,
      conflicted,
    };
    return { repository: repository.repository, counts, changes, conflicts: repository.conflicts };
  });
  return { loginServer: evaluation.loginServer, repositories, totals: sum(repositories.map((r) => r.counts)) };
}

/** Every change of the plan, repository by repository. */
export function planChanges(plan: PolicyPlan): PlannedChange[] {
  return plan.repositories.flatMap((r) => r.changes);
}

export function planConflicts(plan: PolicyPlan): PolicyConflict[] {
  return plan.repositories.flatMap((r) => r.conflicts);
}

/** Nothing to change and nothing in conflict. */
export function isInPolicy(plan: PolicyPlan): boolean {
  return plan.totals.changes === 0 && plan.totals.conflicted === 0;
}
