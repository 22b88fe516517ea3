/**
 * Lock removals in a plan: a change that sets writeEnabled, deleteEnabled, readEnabled or
 * listEnabled back to true takes a lock off. plan counts and marks them; apply refuses a plan
 * with any unless --allow-unlock was given (and then sends nothing at all). Pure logic.
 */
import { FLAG_NAMES, type LockChange } from '../locks/attributes';
import { type PolicyPlan } from '../policy';

export function removesLock(change: LockChange): boolean {
  return FLAG_NAMES.some((flag) => change[flag] === true);
}

/** Items whose change removes at least one lock. */
export function lockRemovals(plan: PolicyPlan): number {
  let count = 0;
  for (const repository of plan.repositories) {
    for (const change of repository.changes) {
      if (removesLock(change.change)) {
        count += 1;
      }
    }
  }
  return count;
}

export function unlockRefusal(removals: number, policyFile: string): string {
  const items = removals === 1 ? '1 change removes a lock' : `${removals} changes remove locks`;
  return (
    `${items} (sets writeEnabled, deleteEnabled, readEnabled or listEnabled back to true; marked UNLOCK in the plan). ` +
    `Nothing was applied. Review them with acr-locks plan --policy ${policyFile}; to apply them, run apply again with --allow-unlock.`
  );
}
