/** The lock engine's public API (no VS Code): what the extension, a CLI and the Azure discovery use. */
export { applyChange, type ApplyOptions, type ChangeResult } from './apply';
export { type LockClient, type TargetInfo } from './client';
export { LockEngine, type LockItem, type RepositoryRun, type ReserveOptions, type RunOptions, type RunReport } from './engine';
export { type AllTagsOptions, changeAllTags, type ListingPhase, planTags, tagFilterOf, type TagPlan, type TagRunResult } from './lockAllTags';
export { ChangeNotAppliedError, WrongItemError } from './errors';
export { ChangeHistory, type MadeChange } from './history';
export { LISTING_PAGE_SIZE, listAllManifests, listAllTags, type ListingOptions, MAX_LISTING_PAGES } from './listing';
export { type ProtectionRead, readProtection } from './readProtection';
