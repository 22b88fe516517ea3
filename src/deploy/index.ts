/**
 * Deployment files without VS Code: find every image reference (extract.ts) and protect what is
 * deployed (protect/). The extension and `acr-locks` both use this.
 */
export { extractFile, extractTree, type ExtractError, type FileResult, type ImageReference, type RefKind, type TreeResult } from './extract';
export {
  applyDeploymentPlan,
  type Blocker,
  type BlockerKind,
  DeploymentBlockedError,
  type DeployedReference,
  type DeploymentChange,
  deploymentCounts,
  deploymentOptions,
  type DeploymentPlan,
  deploymentPlanJson,
  deploymentsInPolicy,
  type DeploySetInput,
  type Orphan,
  planDeployments,
  type PlanDeploymentsOptions,
  type ReferenceStatus,
  releaseOrphans,
} from './protect';
