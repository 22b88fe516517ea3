/**
 * What the rule engine reads: every repository of a registry, and for each repository a rule
 * selects, the full tag listing and/or the full manifest listing, with each item's attributes.
 * The engine never asks about one item: a listing already carries every item's flags.
 */
import { type LockAttributes } from '../locks/attributes';
import { type RegistryPolicy } from './model';
import { compileRules, listingsNeeded } from './select';

/** A tag as the `_tags` listing gives it (`TagInfo` fits). */
export interface PolicyTag {
  readonly name: string;
  readonly digest: string;
  readonly lastUpdatedOn: Date;
  readonly attributes: LockAttributes;
}

/** A manifest as the `_manifests` listing gives it (`ManifestInfo` fits). */
export interface PolicyManifest {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly lastUpdatedOn: Date;
  readonly attributes: LockAttributes;
}

export interface RepositoryInventory {
  readonly name: string;
  /** Every tag; absent when no enabled rule for this repository sets tags. */
  readonly tags?: readonly PolicyTag[];
  /** Every manifest; absent when no enabled rule for this repository sets manifests. */
  readonly manifests?: readonly PolicyManifest[];
}

export interface RegistryInventory {
  readonly loginServer: string;
  /** Every repository a rule selects (listed or not, in catalog order). */
  readonly repositories: readonly RepositoryInventory[];
}

/**
 * Complete listings of one registry. Each call returns everything, read with the largest page
 * the registry serves (1,000 items: 10,000 tags in at most 11 requests), bounded and cancellable.
 */
export interface PolicySource {
  listRepositoryNames(signal?: AbortSignal): Promise<readonly string[]>;
  listTags(repository: string, signal?: AbortSignal): Promise<readonly PolicyTag[]>;
  listManifests(repository: string, signal?: AbortSignal): Promise<readonly PolicyManifest[]>;
}

export interface CollectOptions {
  readonly signal?: AbortSignal;
  /** Called before each repository is read (for progress). */
  readonly onRepository?: (repository: string, index: number, total: number) => void;
}

/**
 * Reads what the registry's enabled rules need: the catalog once, then per selected repository
 * one tag listing if a rule sets tags there and one manifest listing if a rule sets manifests.
 */
export async function collectInventory(source: PolicySource, registry: RegistryPolicy, options: CollectOptions = {}): Promise<RegistryInventory> {
  const rules = compileRules(registry.rules);
  if (rules.length === 0) {
    return { loginServer: registry.loginServer, repositories: [] };
  }
  const names = await source.listRepositoryNames(options.signal);
  const selected = names.filter((name) => rules.some((r) => r.repository(name)));
  const repositories: RepositoryInventory[] = [];
  for (const [index, name] of selected.entries()) {
    options.signal?.throwIfAborted();
    options.onRepository?.(name, index, selected.length);
    const needed = listingsNeeded(rules, name);
    const tags = needed.tags ? await source.listTags(name, options.signal) : undefined;
    const manifests = needed.manifests ? await source.listManifests(name, options.signal) : undefined;
    repositories.push({ name, ...(tags === undefined ? {} : { tags }), ...(manifests === undefined ? {} : { manifests }) });
  }
  return { loginServer: registry.loginServer, repositories };
}
