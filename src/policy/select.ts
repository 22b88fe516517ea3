/**
 * A rule's selection, compiled once: which repositories, which tags, which ages. Repository
 * globs are case-insensitive with path segments (ACR stores repository names in lower case);
 * tag globs are case-sensitive (tags keep their case). Pure logic.
 */
import { compileGlob, type NameFilter } from '../util/glob';
import { type PolicyRule } from './model';

export interface CompiledRule {
  readonly rule: PolicyRule;
  readonly repository: NameFilter;
  readonly tag: NameFilter;
  readonly setsTags: boolean;
  readonly setsManifests: boolean;
}

function anyOf(patterns: readonly string[], options: Parameters<typeof compileGlob>[1]): NameFilter {
  const globs = patterns.map((p) => compileGlob(p, options));
  return (name) => globs.some((g) => g(name));
}

export function compileRule(rule: PolicyRule): CompiledRule {
  const repositoryOptions = { caseInsensitive: true, pathSegments: true };
  const included = anyOf(rule.repositories, repositoryOptions);
  const excluded = anyOf(rule.excludeRepositories, repositoryOptions);
  const tagIncluded = anyOf(rule.tags, {});
  const tagExcluded = anyOf(rule.exclude, {});
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
