/**
 * A repository's listings as the tree holds them, for other features to answer from without
 * listing again (the editor, src/editor): only complete listings (every page loaded, no error),
 * because a partial one cannot say a tag is absent. Read-only; any view's node of the login server.
 */
import { type ManifestInfo, type TagInfo } from '../registry/models';
import { type NodeCache } from './cache';
import { pagedFully } from './paging';

export interface LoadedListing {
  readonly tags: readonly TagInfo[];
  /** Present only when the manifest listing is complete too. */
  readonly manifests?: readonly ManifestInfo[];
}

/** The complete tag listing (and manifest listing, when complete) of `repository`; undefined when the tags are not all loaded. */
export function loadedListing(cache: NodeCache, loginServer: string, repository: string): LoadedListing | undefined {
  const server = loginServer.toLowerCase();
  for (const [registry, repositories] of cache.repositories) {
    if (registry.config.loginServer.toLowerCase() !== server) {
      continue;
    }
    for (const node of repositories.items) {
      const tags = cache.tags.get(node);
      if (node.name !== repository || !tags || !pagedFully(tags)) {
        continue;
      }
      const manifests = cache.manifests.get(cache.groupOf(node));
      return {
        tags: tags.items.map((t) => t.tag),
        manifests: manifests && pagedFully(manifests) ? manifests.items.map((m) => m.manifest) : undefined,
      };
    }
  }
  return undefined;
}
