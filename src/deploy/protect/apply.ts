/** The plan's apply and the orphans' release, both through the lock engine and both refused while the plan has blockers. */
import { type LockEngine, type RunOptions, type RunReport } from '../../locks/engine';
import { type DeploymentChange, DeploymentBlockedError, type DeploymentPlan, type Orphan } from './types';

/** The plan's changes through the lock engine (each answer verified); nothing is sent while the plan has blockers, unless `allowPartial`. */
export function applyDeploymentPlan(
  engine: LockEngine,
  plan: DeploymentPlan,
  options: RunOptions<DeploymentChange> & { readonly allowPartial?: boolean },
): Promise<RunReport<DeploymentChange>> {
  if (!plan.resolved) {
    return Promise.reject(new Error('The deployment plan was made without the registries (no client): nothing to apply.'));
  }
  if (plan.blockers.length > 0 && options.allowPartial !== true) {
    return Promise.reject(new DeploymentBlockedError(plan.blockers));
  }
  return engine.applyMany(plan.changes, {}, options);
}

/**
 * Releases the plan's orphans (writeEnabled/deleteEnabled back to true where false), verified.
 * Refused while the plan has any blocker: an incomplete view of what is deployed could release
 * the lock of something deployed.
 */
export function releaseOrphans(engine: LockEngine, plan: DeploymentPlan, options: RunOptions<Orphan>): Promise<RunReport<Orphan>> {
  if (!plan.resolved) {
    return Promise.reject(new Error('The deployment plan was made without the registries (no client): nothing to release.'));
  }
  if (plan.blockers.length > 0) {
    return Promise.reject(new DeploymentBlockedError(plan.blockers));
  }
  return engine.applyMany(plan.orphans, {}, options);
}
