/**
 * Every tag or manifest of a repository: pages of 1000, each page retried on transient failures
 * here (its requests make one attempt each: `retry: false`, so the retries are not stacked),
 * cancellable, and bounded (src/registry/pages.ts): a repeated continuation token, or more pages
 * than the repository's own count can fill, ends the listing with a 'badResponse' error instead
 * of running away.
 */
import { retryTransient, type ServerWait } from './run/bulk';
import { type ManifestInfo, type Page, type TagInfo } from '../registry/models';
import { listAllPages, maxPagesFor } from '../registry/pages';
import { type LockClient } from './client';

/** Items per list request (ACR's maximum). */
export const LISTING_PAGE_SIZE = 1000;
/** Never more pages than this, whatever the registry says its count is (10 million items). */
export const MAX_LISTING_PAGES = 10_000;

export interface ListingOptions {
  readonly signal?: AbortSignal;
  /** Overrides the bound derived from the repository's tag or manifest count. */
  readonly maxPages?: number;
  /** Called after each page with the number of items so far. */
  readonly onPage?: (items: number) => void;
  /** A wait before retrying a page: what the registry asked for (capped), or backoff. */
  readonly onWait?: (wait: ServerWait) => void;
}

const PAGE_RETRY = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 10_000 } as const;

/** Pages a listing of `count` items may take: the count's pages plus slack for items added meanwhile. */
export function pagesFor(count: number): number {
  return Number.isFinite(count) ? Math.min(MAX_LISTING_PAGES, maxPagesFor(count, LISTING_PAGE_SIZE)) : MAX_LISTING_PAGES;
}

function collect<T>(fetchPage: (token: string | undefined) => Promise<Page<T>>, maxPages: number, options: ListingOptions): Promise<T[]> {
  let count = 0;
  return listAllPages(
    async (token) => {
      const page = await retryTransient(() => fetchPage(token), { signal: options.signal, onWait: options.onWait, ...PAGE_RETRY });
      count += page.items.length;
      options.onPage?.(count);
      return page;
    },
    { signal: options.signal, maxPages },
  );
}

async function repositoryCount(client: LockClient, repository: string, options: ListingOptions, of: 'tagCount' | 'manifestCount'): Promise<number> {
  const info = await retryTransient(() => client.getRepository(repository, { abortSignal: options.signal, retry: false }), {
    signal: options.signal,
    onWait: options.onWait,
    ...PAGE_RETRY,
  });
  return info[of];
}

export async function listAllTags(client: LockClient, repository: string, options: ListingOptions = {}): Promise<TagInfo[]> {
  const maxPages = options.maxPages ?? pagesFor(await repositoryCount(client, repository, options, 'tagCount'));
  return collect(
    (token) => client.listTags(repository, { pageSize: LISTING_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: options.signal, retry: false }),
    maxPages,
    options,
  );
}

export async function listAllManifests(client: LockClient, repository: string, options: ListingOptions = {}): Promise<ManifestInfo[]> {
  const maxPages = options.maxPages ?? pagesFor(await repositoryCount(client, repository, options, 'manifestCount'));
  return collect(
    (token) => client.listManifests(repository, { pageSize: LISTING_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: options.signal, retry: false }),
    maxPages,
    options,
  );
}
