/**
 * A reference's state from its repository's listing: what the lens says in one word, what the
 * hover shows, and what a deployment set of the policy wants of it (the diagnostics). Pure.
 */
import { type RepositoryListing } from '../deploy/resolve';
import { type LockAttributes, type LockChange } from '../locks/attributes';
import { DEFAULT_FLOATING_TAGS } from '../policy/model';
import { type ManifestInfo, type TagInfo } from '../registry/models';
import { pathGlob } from '../util/glob';
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

/** Whether the tag a reference pulls is one that moves (`latest`, `main`, … or the covering set's `floatingTags`). */
export function isFloating(ref: EditorReference, floatingTags: readonly string[] = DEFAULT_FLOATING_TAGS): boolean {
  const name = pulledTag(ref);
  return name !== null && floatingTags.some((glob) => pathGlob(glob)(name));
}

export function statusOf(ref: EditorReference, lookup: LookupResult, floatingTags?: readonly string[]): ReferenceStatus {
  if (!lookup.ok) {
    return { word: 'unknown', error: lookup.error };
  }
  return statusFromListing(ref, lookup.listing, floatingTags);
}

export function statusFromListing(ref: EditorReference, listing: RepositoryListing, floatingTags?: readonly string[]): ReferenceStatus {
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
  return { word: wordOf(tag.attributes, manifest?.attributes, isFloating(ref, floatingTags)), tag, digest: tag.digest, ...(manifest ? { manifest } : {}) };
}

/**
 * Locked: cannot be overwritten or deleted; delete-protected: cannot be deleted (by its own flags
 * or its manifest's) but can be overwritten; a floating tag (one that moves by design, e.g.
 * `latest`) otherwise; else unlocked.
 */
function wordOf(own: LockAttributes, manifest: LockAttributes | undefined, floating: boolean): StatusWord {
  if (blocksWrite(own) && !own.deleteEnabled) {
    return 'locked';
  }
  if (blocksDeletion(own) || (manifest !== undefined && blocksDeletion(manifest))) {
    return 'deleteProtected';
  }
  return floating ? 'floating' : 'unlocked';
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
