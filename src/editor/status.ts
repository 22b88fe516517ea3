/**
 * A reference's state from its repository's listing: what the lens says in one word, what the
 * hover shows, and what a deployment set of the policy wants of it (the diagnostics). Pure.
 */
import { type RepositoryListing } from '../deploy/resolve';
import { type LockAttributes, type LockChange } from '../locks/attributes';
import { type ManifestInfo, type TagInfo } from '../registry/models';
import { type LookupResult } from './lookups';
import { type EditorReference } from './refs';

/** The one word of a lens: the tree's words, plus `notFound`, `floating` and `unknown` (lookup failed). */
export type StatusWord = 'locked' | 'deleteProtected' | 'floating' | 'unlocked' | 'notFound' | 'unknown';

export interface ReferenceStatus {
  readonly word: StatusWord;
  /** The tag, when one is written (or `latest` implied) and the registry has it. */
  readonly tag?: TagInfo;
  /** The manifest pulled: the written digest's, or the tag's. */
  readonly manifest?: ManifestInfo;
  /** The digest pulled, when known. */
  readonly digest?: string;
  /** The repository's own attributes are not in the listings; a repository write lock shows through the items. */
  readonly missing?: 'repository' | 'tag' | 'digest';
  /** Why the lookup failed (lookup errors only). */
  readonly error?: unknown;
}

const blocksWrite = (a: LockAttributes): boolean => !a.writeEnabled;
const blocksDeletion = (a: LockAttributes): boolean => !a.deleteEnabled || !a.writeEnabled;

/** The tag a reference pulls: the written one, or `latest` when neither tag nor digest is written. */
export function pulledTag(ref: EditorReference): string | null {
  return ref.digest !== null ? null : (ref.tag ?? 'latest');
}

export function statusOf(ref: EditorReference, lookup: LookupResult): ReferenceStatus {
  if (!lookup.ok) {
    return { word: 'unknown', error: lookup.error };
  }
  return statusFromListing(ref, lookup.listing);
}

export function statusFromListing(ref: EditorReference, listing: RepositoryListing): ReferenceStatus {
  if (!listing.exists) {
    return { word: 'notFound', missing: 'repository' };
  }
  if (ref.digest !== null) {
    const manifest = listing.manifests.get(ref.digest);
    if (!manifest) {
      return { word: 'notFound', missing: 'digest' };
    }
    const tag = ref.tag !== null ? listing.tags.get(ref.tag) : undefined;
    return { word: wordOf(manifest.attributes, undefined, false), manifest, digest: manifest.digest, ...(tag ? { tag } : {}) };
  }
  const name = pulledTag(ref) ?? 'latest';
  const tag = listing.tags.get(name);
  if (!tag) {
    return { word: 'notFound', missing: 'tag' };
  }
  const manifest = listing.manifests.get(tag.digest);
  return { word: wordOf(tag.attributes, manifest?.attributes, true), tag, digest: tag.digest, ...(manifest ? { manifest } : {}) };
}

/**
 * Locked: cannot be overwritten or deleted. A tag that can still be overwritten and is not
 * delete-protected is floating (what it pulls can change); delete-protected: cannot be deleted
 * (by its own flags or its manifest's) but can be overwritten.
 */
function wordOf(own: LockAttributes, manifest: LockAttributes | undefined, isTag: boolean): StatusWord {
  if (blocksWrite(own) && !own.deleteEnabled) {
    return 'locked';
  }
  if (blocksDeletion(own) || (manifest !== undefined && blocksDeletion(manifest))) {
    return 'deleteProtected';
  }
  return isTag ? 'floating' : 'unlocked';
}

/** Flags of `change` that `attributes` do not have yet (what a policy still wants). */
export function unmetFlags(attributes: LockAttributes, change: LockChange): LockChange {
  const out: { -readonly [K in keyof LockChange]: LockChange[K] } = {};
  for (const key of Object.keys(change) as (keyof LockChange)[]) {
    const wanted = change[key];
    if (wanted !== undefined && attributes[key] !== wanted) {
      out[key] = wanted;
    }
  }
  return out;
}
