/**
 * Every tag or manifest of a repository: pages of 1000, each page retried on transient failures,
 * cancellable, and bounded: a repeated continuation token, or more pages than the repository's
 * own count can fill, ends the listing with a 'badResponse' error instead of running away.
 */
import { retryTransient } from '../registry/bulk';
import { RegistryError } from '../registry/errors';
import { type ManifestInfo, type Page, type TagInfo } from '../registry/models';
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
}

const PAGE_RETRY = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 10_000 } as const;

/** Pages the listing may take for `count` items: the count's pages plus slack for items added meanwhile. */
export function pagesFor(count: number): number {
  const pages = Number.isFinite(count) && count >= 0 ? Math.ceil(count / LISTING_PAGE_SIZE) + 2 : MAX_LISTING_PAGES;
  return Math.min(MAX_LISTING_PAGES, pages);
}

async function collect<T>(fetchPage: (token: string | undefined) => Promise<Page<T>>, maxPages: number, options: ListingOptions): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    if (pages >= maxPages) {
      throw new RegistryError('badResponse', `The listing did not end after ${maxPages} pages.`);
    }
    const current = token;
    const page = await retryTransient(() => fetchPage(current), { signal: options.signal, ...PAGE_RETRY });
    pages++;
    items.push(...page.items);
    options.onPage?.(items.length);
    token = page.continuationToken;
    if (token !== undefined) {
      if (seen.has(token)) {
        throw new RegistryError('badResponse', 'The listing repeated a continuation link.');
      }
      seen.add(token);
    }
  } while (token !== undefined);
  return items;
}

async function repositoryCount(client: LockClient, repository: string, options: ListingOptions, of: 'tagCount' | 'manifestCount'): Promise<number> {
  const info = await retryTransient(() => client.getRepository(repository, { abortSignal: options.signal }), { signal: options.signal, ...PAGE_RETRY });
  return info[of];
}

export async function listAllTags(client: LockClient, repository: string, options: ListingOptions = {}): Promise<TagInfo[]> {
  const maxPages = options.maxPages ?? pagesFor(await repositoryCount(client, repository, options, 'tagCount'));
  return collect(
    (token) => client.listTags(repository, { pageSize: LISTING_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: options.signal }),
    maxPages,
    options,
  );
}

export async function listAllManifests(client: LockClient, repository: string, options: ListingOptions = {}): Promise<ManifestInfo[]> {
  const maxPages = options.maxPages ?? pagesFor(await repositoryCount(client, repository, options, 'manifestCount'));
  return collect(
    (token) => client.listManifests(repository, { pageSize: LISTING_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: options.signal }),
    maxPages,
    options,
  );
}
