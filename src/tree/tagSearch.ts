/**
 * Finds the tags a filter matches in repositories whose tags are not loaded (or only their first
 * page): lists each candidate repository's tags in pages of 1000 and keeps the matching ones.
 * Bounded (repositories per search, tags per repository, pages guarded against loops), a few
 * repositories at a time, cancellable, reporting progress; a repository whose listing fails is
 * reported and the search goes on. Pure: no VS Code.
 */
import { cancelledError, type RegistryError, toRegistryError } from '../registry/errors';
import { type SortOrder, type TagInfo } from '../registry/models';
import { maxPagesFor, PageGuard } from '../registry/pages';
import { type RegistryClient } from '../registry/registryClient';
import { type RepositoryNode, type TagNode } from './nodes';

/** Whether a listed tag is one the filter asks for: by its name, or by the digest it points at (`repo@sha256:…`). */
export type TagMatcher = (tag: { readonly name: string; readonly digest: string }) => boolean;

export interface SearchBounds {
  /** Repositories searched per filter; the rest are counted as skipped. */
  readonly maxRepositories: number;
  /** Tags read per repository; a longer listing is cut there (and says so). */
  readonly maxTagsPerRepository: number;
  readonly pageSize: number;
  readonly concurrency: number;
}

export const SEARCH_BOUNDS: SearchBounds = { maxRepositories: 200, maxTagsPerRepository: 5000, pageSize: 1000, concurrency: 4 };

/** What the search found in one repository. */
export interface RepositoryMatches {
  readonly tags: TagNode[];
  /** Tags read (matching or not). */
  readonly listed: number;
  /** The listing was cut at `maxTagsPerRepository`: later tags were not searched. */
  readonly truncated: boolean;
}

export interface SearchProgress {
  readonly searched: number;
  readonly total: number;
  readonly matches: number;
}

export interface SearchOutcome {
  /** Repositories that could hold matching tags. */
  readonly candidates: number;
  readonly searched: number;
  /** Candidates beyond `maxRepositories`, not searched. */
  readonly skipped: number;
  /** Matching tags found, and in how many repositories. */
  readonly matches: number;
  readonly repositoriesWithMatches: number;
  readonly cancelled: boolean;
  readonly failures: readonly { readonly repository: RepositoryNode; readonly error: RegistryError }[];
}

export interface SearchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SearchProgress) => void;
  readonly bounds?: SearchBounds;
  readonly order: SortOrder;
}

/** Lists one repository's tags (bounded) and keeps those `matches` accepts. */
async function searchRepository(
  client: RegistryClient,
  repository: RepositoryNode,
  matches: TagMatcher,
  bounds: SearchBounds,
  options: SearchOptions,
): Promise<RepositoryMatches> {
  const found: TagNode[] = [];
  const knownCount = repository.info?.tagCount;
  const guard = new PageGuard({
    maxPages: maxPagesFor(Math.min(knownCount ?? bounds.maxTagsPerRepository, bounds.maxTagsPerRepository), bounds.pageSize),
  });
  let token: string | undefined;
  let listed = 0;
  for (;;) {
    if (options.signal?.aborted) {
      throw cancelledError('The search was cancelled.');
    }
    const page = await client.listTags(repository.name, {
      pageSize: bounds.pageSize,
      order: options.order,
      continuationToken: token,
      abortSignal: options.signal,
    });
    for (const tag of page.items) {
      if (matches(tag)) {
        found.push(tagNode(repository, tag));
      }
    }
    listed += page.items.length;
    token = page.continuationToken;
    if (!token) {
      return { tags: found, listed, truncated: false };
    }
    if (listed >= bounds.maxTagsPerRepository) {
      return { tags: found, listed, truncated: true };
    }
    guard.check(token);
  }
}

function tagNode(repository: RepositoryNode, tag: TagInfo): TagNode {
  return { kind: 'tag', repository, tag, hidden: !tag.attributes.listEnabled };
}

/**
 * Searches `candidates` (in order, at most `maxRepositories`), `concurrency` at a time. Results
 * arrive in `results` as each repository finishes, so a cancelled search keeps what it found.
 */
export async function searchTags(
  candidates: readonly RepositoryNode[],
  clientOf: (repository: RepositoryNode) => Promise<RegistryClient>,
  matches: TagMatcher,
  results: Map<RepositoryNode, RepositoryMatches>,
  options: SearchOptions,
): Promise<SearchOutcome> {
  const bounds = options.bounds ?? SEARCH_BOUNDS;
  const queue = candidates.slice(0, bounds.maxRepositories);
  const failures: { repository: RepositoryNode; error: RegistryError }[] = [];
  let searched = 0;
  let matchCount = 0;
  let cancelled = false;
  let next = 0;
  const report = (): void => options.onProgress?.({ searched, total: queue.length, matches: matchCount });
  report();
  const worker = async (): Promise<void> => {
    while (next < queue.length && !cancelled) {
      const repository = queue[next++];
      try {
        const found = await searchRepository(await clientOf(repository), repository, matches, bounds, options);
        results.set(repository, found);
        matchCount += found.tags.length;
        searched++;
        report();
      } catch (thrown: unknown) {
        const error = toRegistryError(thrown);
        if (error.kind === 'cancelled' || options.signal?.aborted) {
          cancelled = true;
          return;
        }
        failures.push({ repository, error });
        searched++;
        report();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(bounds.concurrency, queue.length) }, () => worker()));
  return {
    candidates: candidates.length,
    searched,
    skipped: candidates.length - queue.length,
    matches: matchCount,
    repositoriesWithMatches: [...results.values()].filter((r) => r.tags.length > 0).length,
    cancelled: cancelled || options.signal?.aborted === true,
    failures,
  };
}
