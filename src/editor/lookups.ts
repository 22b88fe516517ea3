/**
 * The registry side of the editor features: one lookup per repository (its tag and manifest
 * listings, src/deploy/resolve.ts), shared by every document, hover, lens and diagnostic, kept
 * for LOOKUP_MAX_AGE_MS or until a lock change made here drops it. Concurrent asks for one repository share one
 * lookup; a warm ask sends nothing. Pure (no `vscode`): the client comes in through `resolve`.
 */
import { type RepositoryListing, type ResolveWanted } from '../deploy/resolve';
import { repositoryKey } from './refs';

export type Resolver = (loginServer: string, repository: string, wanted: ResolveWanted) => Promise<RepositoryListing>;

export type LookupResult = { readonly ok: true; readonly listing: RepositoryListing } | { readonly ok: false; readonly error: unknown };

interface Entry {
  readonly wanted: ResolveWanted;
  readonly result: Promise<LookupResult>;
  readonly at: number;
}

/** A failed lookup is answered from the cache this long, then asked again (no retry per keystroke). */
export const FAILED_LOOKUP_MS = 30_000;
/** A lookup is answered from the cache this long: changes made elsewhere (az, the portal, CI) show after it. */
export const LOOKUP_MAX_AGE_MS = 5 * 60_000;

/** Whether a listing answers for every wanted tag and digest (listed, read directly, or known missing). */
export function covers(listing: RepositoryListing, wanted: ResolveWanted): boolean {
  if (!listing.exists) {
    return true;
  }
  for (const tag of wanted.tags) {
    if (!listing.tags.has(tag) && !listing.missingTags.has(tag)) {
      return false;
    }
  }
  for (const digest of wanted.digests) {
    if (!listing.manifests.has(digest) && !listing.missingDigests.has(digest)) {
      return false;
    }
  }
  return true;
}

function union(a: ResolveWanted, b: ResolveWanted): ResolveWanted {
  return { tags: new Set([...a.tags, ...b.tags]), digests: new Set([...a.digests, ...b.digests]) };
}

export class RepositoryLookups {
  private readonly entries = new Map<string, Entry>();
  /** Lookups sent (tests and the benchmark read it). */
  sent = 0;

  constructor(
    private readonly resolve: Resolver,
    private readonly now: () => number = Date.now,
  ) {}

  /** The repository's listing for these tags and digests: from the cache when it answers them, else one lookup. */
  async get(loginServer: string, repository: string, wanted: ResolveWanted): Promise<LookupResult> {
    const key = repositoryKey(loginServer, repository);
    const entry = this.entries.get(key);
    if (entry) {
      const result = await entry.result;
      const fresh = this.now() - entry.at < (result.ok ? LOOKUP_MAX_AGE_MS : FAILED_LOOKUP_MS);
      if (this.entries.get(key) === entry && fresh && (!result.ok || covers(result.listing, wanted))) {
        return result;
      }
      if (this.entries.get(key) !== entry) {
        return this.get(loginServer, repository, wanted);
      }
    }
    const all = entry && this.entries.get(key) === entry ? union(entry.wanted, wanted) : wanted;
    this.sent++;
    const result = this.resolve(loginServer, repository, all).then(
      (listing): LookupResult => ({ ok: true, listing }),
      (error: unknown): LookupResult => ({ ok: false, error }),
    );
    this.entries.set(key, { wanted: all, result, at: this.now() });
    return result;
  }

  /** The cached answer, when there is one (no lookup). */
  async peek(loginServer: string, repository: string): Promise<LookupResult | undefined> {
    return this.entries.get(repositoryKey(loginServer, repository))?.result;
  }

  /** Drops one repository (after a lock change), every repository of a registry, or everything. */
  drop(loginServer?: string, repository?: string): void {
    if (loginServer === undefined) {
      this.entries.clear();
      return;
    }
    if (repository !== undefined) {
      this.entries.delete(repositoryKey(loginServer, repository));
      return;
    }
    const prefix = `${loginServer.toLowerCase()}/`;
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.entries.delete(key);
      }
    }
  }
}
