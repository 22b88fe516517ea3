/**
 * Resolution of deployed references against one repository of a registry, with listings, not a
 * read per reference: its whole tag listing and its whole manifest listing (pages of 1,000, each tag with its digest and flags, each manifest with
 * its flags and tags). A tag or digest the listings do not show (hidden from listings, or
 * absent) is read directly once: a 404 then means it does not exist. Pure over `LockClient`.
 */
import { type LockClient } from '../locks/client';
import { listAllManifests, listAllTags, MAX_LISTING_PAGES } from '../locks/listing';
import { RegistryError, toRegistryError } from '../registry/errors';
import { type ManifestInfo, type TagInfo } from '../registry/models';

export interface RepositoryListing {
  readonly repository: string;
  /** False when the registry has no such repository (every reference to it is missing). */
  readonly exists: boolean;
  /** Listed tags by name (plus any read directly). */
  readonly tags: ReadonlyMap<string, TagInfo>;
  /** Listed manifests by digest (plus any read directly). */
  readonly manifests: ReadonlyMap<string, ManifestInfo>;
  /** Tags and digests asked for that the registry does not have. */
  readonly missingTags: ReadonlySet<string>;
  readonly missingDigests: ReadonlySet<string>;
}

export interface ResolveWanted {
  readonly tags: ReadonlySet<string>;
  readonly digests: ReadonlySet<string>;
}

/** Complete listings already held elsewhere (the tree's cache): the ones given are not listed again. */
export interface KnownListings {
  readonly tags: readonly TagInfo[];
  readonly manifests?: readonly ManifestInfo[];
}

function isNotFound(thrown: unknown): boolean {
  return thrown instanceof RegistryError ? thrown.kind === 'notFound' : toRegistryError(thrown).kind === 'notFound';
}

/**
 * Reads one repository for the references that name it: ⌈tags/1000⌉ + ⌈manifests/1000⌉ listing
 * pages (so 2 reads for a repository of up to 1,000 tags and manifests, however many of them are
 * deployed), and one read per wanted tag or digest the listings lack.
 * Errors other than "not found" are thrown (the caller reports the repository as failed).
 * `known` listings (complete, of an existing repository) are used instead of listing again.
 */
export async function resolveRepository(
  client: LockClient,
  repository: string,
  wanted: ResolveWanted,
  signal?: AbortSignal,
  known?: KnownListings,
): Promise<RepositoryListing> {
  // No count read first: the listings are bounded by MAX_LISTING_PAGES and by repeated tokens
  // (src/registry/pages.ts), and an unknown repository answers the first page with 404.
  let tagList: readonly TagInfo[];
  let manifestList: readonly ManifestInfo[];
  try {
    tagList = known?.tags ?? (await listAllTags(client, repository, { signal, maxPages: MAX_LISTING_PAGES }));
    manifestList = known?.manifests ?? (await listAllManifests(client, repository, { signal, maxPages: MAX_LISTING_PAGES }));
  } catch (thrown: unknown) {
    if (isNotFound(thrown)) {
      return { repository, exists: false, tags: new Map(), manifests: new Map(), missingTags: new Set(wanted.tags), missingDigests: new Set(wanted.digests) };
    }
    throw thrown;
  }
  const tags = new Map(tagList.map((t) => [t.name, t]));
  const manifests = new Map(manifestList.map((m) => [m.digest, m]));
  const missingTags = new Set<string>();
  const missingDigests = new Set<string>();
  for (const name of wanted.tags) {
    if (tags.has(name)) {
      continue;
    }
    try {
      tags.set(name, await client.getTag(repository, name, { abortSignal: signal }));
    } catch (thrown: unknown) {
      if (!isNotFound(thrown)) {
        throw thrown;
      }
      missingTags.add(name);
    }
  }
  // The manifests the references reach: written digests and the digests of the wanted tags.
  const reached = new Set(wanted.digests);
  for (const name of wanted.tags) {
    const digest = tags.get(name)?.digest;
    if (digest !== undefined) {
      reached.add(digest);
    }
  }
  for (const digest of reached) {
    if (manifests.has(digest)) {
      continue;
    }
    try {
      manifests.set(digest, await client.getManifest(repository, digest, { abortSignal: signal }));
    } catch (thrown: unknown) {
      if (!isNotFound(thrown)) {
        throw thrown;
      }
      missingDigests.add(digest);
    }
  }
  return { repository, exists: true, tags, manifests, missingTags, missingDigests };
}

/**
 * The child manifests of the referenced manifests that may be indexes (listings carry no
 * architecture for an index, and never its children): one direct read per such manifest.
 */
export async function indexChildren(client: LockClient, repository: string, manifests: readonly ManifestInfo[], signal?: AbortSignal): Promise<Set<string>> {
  const children = new Set<string>();
  for (const manifest of manifests) {
    if (manifest.architecture !== undefined || manifest.references.length > 0) {
      manifest.references.forEach((r) => children.add(r.digest));
      continue;
    }
    const read = await client.getManifest(repository, manifest.digest, { abortSignal: signal });
    read.references.forEach((r) => children.add(r.digest));
  }
  return children;
}
