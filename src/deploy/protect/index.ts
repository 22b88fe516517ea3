/**
 * "Protect what is deployed": from deployment files to a plan of lock changes, and its apply.
 *
 *   planDeployments(options) → DeploymentPlan      (extract, classify, resolve with listings, plan)
 *   applyDeploymentPlan(engine, plan, run)          (fails closed, then engine.applyMany: verified)
 *   releaseOrphans(engine, plan, run)               (only on an explicit request; never partial)
 *
 * Rules it keeps:
 * - only adds restrictions: a change is "the flags the set wants false that are true now";
 * - floating tags (latest, main, …) are reported ("pin by digest"), never locked;
 * - fails closed: a set with no image reference, a file that cannot be read, a reference that
 *   cannot be resolved or a registry that fails is a blocker, and apply sends nothing while
 *   there is one (unless the caller allows a partial apply);
 * - orphans (locked tags and manifests of the managed repositories that no deployment
 *   references, nor a rule of the policy keeps) are listed, never released by apply.
 * Pure over LockClient and the file system: no VS Code (the extension and acr-locks share it).
 *
 * The files: types.ts (what goes in and out), plan.ts (the planner's steps: extraction.ts per
 * set, classify.ts per reference, repositories.ts per repository, wanted.ts, orphans.ts),
 * apply.ts (apply and release), summary.ts (counts and JSON).
 */
export { applyDeploymentPlan, releaseOrphans } from './apply';
export { deploymentOptions, planDeployments } from './plan';
export { deploymentCounts, deploymentPlanJson, deploymentsInPolicy } from './summary';
export {
  type Blocker,
  type BlockerKind,
  DeploymentBlockedError,
  type DeployedReference,
  type DeploymentChange,
  type DeploymentPlan,
  type DeploySetInput,
  type Orphan,
  type PlanDeploymentsOptions,
  type ReferenceStatus,
} from './types';
