/**
 * The rule engine: for every tag and manifest a rule selects, the flags the rules want and which
 * rules want them. Two rules wanting different values of one flag on one item are a conflict,
 * reported with every rule involved (and, for a manifest, the tags that brought each rule to it);
 * the flag is then left out of the desired state, never decided by order. Pure logic.
 */
import { FLAG_NAMES, type FlagName, type LockAttributes } from '../locks/attributes';
import { type LockTarget } from '../registry/models';
import { type PolicyManifest, type PolicyTag, type RegistryInventory, type RepositoryInventory } from './inventory';
import { type RegistryPolicy } from './model';
import { type CompiledRule, compileRules, oldEnough } from './select';
import { appendAll } from '../util/arrays';

export type PolicyTarget = Extract<LockTarget, { kind: 'tag' | 'manifest' }>;

/** One rule's wish for one flag of one item. */
export interface RuleSetting {
  readonly rule: string;
  readonly value: boolean;
  /** For a manifest: the selected tags through which the rule reached it. */
  readonly viaTags?: readonly string[];
}

export interface FlagDecision {
  readonly value: boolean;
  /** Every rule that wants this value, in file order. */
  readonly rules: readonly string[];
}

export interface ItemDecision {
  readonly target: PolicyTarget;
  readonly current: LockAttributes;
  readonly lastUpdatedOn: Date;
  /** The flags the rules agree on. */
  readonly desired: Readonly<Partial<Record<FlagName, FlagDecision>>>;
  /** The flags the rules disagree on (details in the repository's `conflicts`). */
  readonly conflicted: readonly FlagName[];
}

export interface PolicyConflict {
  readonly target: PolicyTarget;
  readonly flag: FlagName;
  /** Every rule that sets the flag on the item, in file order; at least two values among them. */
  readonly settings: readonly RuleSetting[];
}

export interface RepositoryEvaluation {
  readonly repository: string;
  /** Selected items: tags in listing order, then manifests in listing order. */
  readonly items: readonly ItemDecision[];
  readonly conflicts: readonly PolicyConflict[];
}

export interface PolicyEvaluation {
  readonly loginServer: string;
  readonly repositories: readonly RepositoryEvaluation[];
}

export interface EvaluateOptions {
  /** The clock for `olderThan` (injected: evaluation is pure). */
  readonly now: Date;
}

/** The inventory lacks a listing a rule needs, or carries a date that is not one. */
export class PolicyInputError extends Error {
  override readonly name = 'PolicyInputError';
}

interface Pending {
  readonly target: PolicyTarget;
  readonly current: LockAttributes;
  readonly lastUpdatedOn: Date;
  readonly settings: Map<FlagName, RuleSetting[]>;
}

function checkedDate(date: Date, what: string): Date {
  if (Number.isNaN(date.getTime())) {
    throw new PolicyInputError(`${what} has no valid last-updated time`);
  }
  return date;
}

function addSettings(pending: Pending, rule: CompiledRule, viaTags?: readonly string[]): void {
  for (const flag of FLAG_NAMES) {
    const value = rule.rule.set[flag];
    if (value === undefined) {
      continue;
    }
    const list = pending.settings.get(flag) ?? [];
    list.push({ rule: rule.rule.name, value, ...(viaTags === undefined ? {} : { viaTags }) });
    pending.settings.set(flag, list);
  }
}

function selectTags(repository: string, tags: readonly PolicyTag[], rules: readonly CompiledRule[], now: Date): Pending[] {
  const pending: Pending[] = [];
  for (const tag of tags) {
    let item: Pending | undefined;
    for (const rule of rules) {
      if (rule.setsTags && rule.tag(tag.name) && oldEnough(rule.rule, checkedDate(tag.lastUpdatedOn, `${repository}:${tag.name}`), now)) {
        item ??= { target: { kind: 'tag', repository, tag: tag.name }, current: tag.attributes, lastUpdatedOn: tag.lastUpdatedOn, settings: new Map() };
        addSettings(item, rule);
      }
    }
    if (item !== undefined) {
      pending.push(item);
    }
  }
  return pending;
}

function selectManifests(repository: string, manifests: readonly PolicyManifest[], rules: readonly CompiledRule[], now: Date): Pending[] {
  const pending: Pending[] = [];
  for (const manifest of manifests) {
    let item: Pending | undefined;
    for (const rule of rules) {
      if (!rule.setsManifests) {
        continue;
      }
      const viaTags = manifest.tags.filter((t) => rule.tag(t));
      if (viaTags.length > 0 && oldEnough(rule.rule, checkedDate(manifest.lastUpdatedOn, `${repository}@${manifest.digest}`), now)) {
        item ??= {
          target: { kind: 'manifest', repository, digest: manifest.digest },
          current: manifest.attributes,
          lastUpdatedOn: manifest.lastUpdatedOn,
          settings: new Map(),
        };
        addSettings(item, rule, viaTags);
      }
    }
    if (item !== undefined) {
      pending.push(item);
    }
  }
  return pending;
}

function decide(pending: Pending, conflicts: PolicyConflict[]): ItemDecision {
  const desired: Partial<Record<FlagName, FlagDecision>> = {};
  const conflicted: FlagName[] = [];
  for (const flag of FLAG_NAMES) {
    const settings = pending.settings.get(flag);
    if (settings === undefined) {
      continue;
    }
    const values = new Set(settings.map((s) => s.value));
    if (values.size > 1) {
      conflicted.push(flag);
      conflicts.push({ target: pending.target, flag, settings });
    } else {
      desired[flag] = { value: settings[0].value, rules: settings.map((s) => s.rule) };
    }
  }
  return { target: pending.target, current: pending.current, lastUpdatedOn: pending.lastUpdatedOn, desired, conflicted };
}

function evaluateRepository(inventory: RepositoryInventory, rules: readonly CompiledRule[], now: Date): RepositoryEvaluation {
  const { name } = inventory;
  const applicable = rules.filter((r) => r.repository(name));
  const pending: Pending[] = [];
  if (applicable.some((r) => r.setsTags)) {
    if (inventory.tags === undefined) {
      throw new PolicyInputError(`the tags of ${name} were not listed, but a rule sets tags there`);
    }
    appendAll(pending, selectTags(name, inventory.tags, applicable, now));
  }
  if (applicable.some((r) => r.setsManifests)) {
    if (inventory.manifests === undefined) {
      throw new PolicyInputError(`the manifests of ${name} were not listed, but a rule sets manifests there`);
    }
    appendAll(pending, selectManifests(name, inventory.manifests, applicable, now));
  }
  const conflicts: PolicyConflict[] = [];
  const items = pending.map((p) => decide(p, conflicts));
  return { repository: name, items, conflicts };
}

/** Evaluates the registry's enabled rules, in order, over the inventory's repositories. */
export function evaluatePolicy(registry: RegistryPolicy, inventory: RegistryInventory, options: EvaluateOptions): PolicyEvaluation {
  const rules = compileRules(registry.rules);
  const repositories = inventory.repositories
    .filter((r) => rules.some((rule) => rule.repository(r.name)))
    .map((r) => evaluateRepository(r, rules, options.now));
  return { loginServer: registry.loginServer, repositories };
}
