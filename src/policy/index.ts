/**
 * Lock policy as code, without VS Code: parse and validate a policy file, read a registry's
 * listings, evaluate the ordered rules and plan the differences. The extension and the
 * command-line tool both use this.
 */
export { collectInventory, type CollectOptions, type PolicyManifest, type PolicySource, type PolicyTag, type RegistryInventory, type RepositoryInventory } from './inventory';
export {
  evaluatePolicy,
  type EvaluateOptions,
  type FlagDecision,
  type ItemDecision,
  type PolicyConflict,
  PolicyInputError,
  type PolicyEvaluation,
  type PolicyTarget,
  type RepositoryEvaluation,
  type RuleSetting,
} from './evaluate';
export {
  DEFAULT_DEPLOYED_MANIFEST,
  DEFAULT_DEPLOYED_TAG,
  DEFAULT_FLOATING_TAGS,
  type DeploymentSet,
  findRegistryPolicy,
  loginServerKey,
  parseDuration,
  type Policy, type PolicyDuration, type PolicyLevel, type PolicyRule, type RegistryPolicy } from './model';
export { parsePolicy, type ParsedPolicy, type PolicyDiagnostic, type PolicyProblemCode } from './parse';
export { isInPolicy, planChanges, planConflicts, planPolicy, type PlanCounts, type PlannedChange, type PolicyPlan, type RepositoryPlan } from './plan';
export { POLICY_SCHEMA } from './schema';
export { compileRule, compileRules, type CompiledRule, listingsNeeded, oldEnough } from './select';
export { type TextPosition, type TextRange } from './text';
export { applyPlan, PolicyConflictError, type PolicyItem, policyItems, type PolicyRunReport } from './apply';
export { type ListingClient, POLICY_MAX_PAGES, POLICY_PAGE_SIZE, type ReportClient, registryPolicySource, registryReportSource } from './registrySource';
export { annotateReport, collectReport, type LockReport, type LockReportRow, type PolicyStatus, type ReportInventory, type ReportOptions, type ReportSource } from './report';
export { csvField, REPORT_COLUMNS, reportCsv, reportJson, type ReportJson } from './reportFormat';
