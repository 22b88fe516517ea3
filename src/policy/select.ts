/**
 * A rule's selection, compiled once: which repositories, which tags, which ages. The one glob
 * dialect (src/util/glob.ts): repository globs case-insensitive (ACR stores repository names in
 * lower case), tag globs case-sensitive (tags keep their case). Pure logic.
 */
import { type NameFilter, repositoryGlob, tagGlob } from '../util/glob';
import { type PolicyRule } from './model';

export interface CompiledRule {
  readonly rule: PolicyRule;
  readonly repository: NameFilter;
  readonly tag: NameFilter;
  readonly setsTags: boolean;
  readonly setsManifests: boolean;
}

function anyOf(patterns: readonly string[], glob: (pattern: string) => NameFilter): NameFilter {
  const globs = patterns.map(glob);
  return (name) => globs.some((g) => g(name));
}

export function compileRule(rule: PolicyRule): CompiledRule {
  const included = anyOf(rule.repositories, repositoryGlob);
  const excluded = anyOf(rule.excludeRepositories, repositoryGlob);
  const tagIncluded = anyOf(rule.tags, tagGlob);
  const tagExcluded = anyOf(rule.exclude, tagGlob);
  return {
    rule,
    repository: (name) => included(name) && !excluded(name),
    tag: (name) => tagIncluded(name) && !tagExcluded(name),
    setsTags: rule.level !== 'manifest',
    setsManifests: rule.level !== 'tag',
  };
}

/** The enabled rules, compiled, in file order. */
export function compileRules(rules: readonly PolicyRule[]): CompiledRule[] {
  return rules.filter((r) => r.enabled).map(compileRule);
}

/** An item last updated at `lastUpdatedOn` is selected by the rule's age limit (none = any age). */
export function oldEnough(rule: PolicyRule, lastUpdatedOn: Date, now: Date): boolean {
  if (rule.olderThan === undefined) {
    return true;
  }
  return now.getTime() - lastUpdatedOn.getTime() > rule.olderThan.milliseconds;
}

/** Which listings a repository needs for these rules: tags for tag rules, manifests for manifest rules. */
export function listingsNeeded(rules: readonly CompiledRule[], repository: string): { readonly tags: boolean; readonly manifests: boolean } {
  const applicable = rules.filter((r) => r.repository(repository));
  return { tags: applicable.some((r) => r.setsTags), manifests: applicable.some((r) => r.setsManifests) };
}
