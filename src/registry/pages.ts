/**
 * Listings that cannot run away: a registry that links a page to one already read, or keeps
 * linking on beyond what the listing can hold, ends the listing with a `badResponse` error
 * instead of looping; every "list everything" loop is cancellable.
 */
import { cancelledError, RegistryError } from './errors';
import { type Page } from './models';
import { appendAll } from '../util/arrays';

/**
 * Watches one listing, page by page. Call `check(page.continuationToken)` after each page
 * arrives (Load more calls it once per loaded page): it throws before the next page is
 * requested when that page's token was seen before, or when a further page would exceed
 * `maxPages`. So at most `maxPages` pages are ever requested.
 */
export class PageGuard {
  private readonly seen = new Set<string>();
  private pages = 0;

  constructor(private readonly options: { readonly maxPages: number }) {
    if (!Number.isInteger(options.maxPages) || options.maxPages < 1) {
      throw new RangeError(`maxPages must be an integer >= 1, got ${options.maxPages}`);
    }
  }

  /** Pages checked so far. */
  get count(): number {
    return this.pages;
  }

  check(token: string | undefined): void {
    this.pages += 1;
    if (token === undefined) {
      return;
    }
    if (this.seen.has(token)) {
      throw new RegistryError(
        'badResponse',
        `The registry linked page ${this.pages + 1} of a listing to a page it already sent; the listing was stopped.`,
        { code: 'PAGE_LOOP' },
      );
    }
    if (this.pages >= this.options.maxPages) {
      throw new RegistryError(
        'badResponse',
        `The registry offered more than ${this.options.maxPages} pages, more than the listing can hold; the listing was stopped.`,
        { code: 'TOO_MANY_PAGES' },
      );
    }
    this.seen.add(token);
  }
}

/**
 * The most pages a listing of `itemCount` items (as the registry counts them, e.g. a
 * repository's tagCount) can take at `pageSize`, with `slack` pages for items added meanwhile.
 */
export function maxPagesFor(itemCount: number, pageSize: number, slack = 2): number {
  const size = Math.max(1, Math.floor(pageSize));
  return Math.max(1, Math.ceil(Math.max(0, itemCount) / size)) + Math.max(0, Math.floor(slack));
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw cancelledError('The listing was cancelled.');
  }
}

/**
 * Every item of a listing: `fetchPage(undefined)`, then `fetchPage(token)` while the registry
 * returns a continuation token, under a PageGuard. `signal` is checked before each page (pass
 * it to the fetch as well, so a page in flight is cancelled too).
 */
export async function listAllPages<T>(
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
  options: { readonly signal?: AbortSignal; readonly maxPages: number },
): Promise<T[]> {
  const guard = new PageGuard({ maxPages: options.maxPages });
  const items: T[] = [];
  let token: string | undefined;
  do {
    throwIfAborted(options.signal);
    const page = await fetchPage(token);
    throwIfAborted(options.signal);
    appendAll(items, page.items);
    guard.check(page.continuationToken);
    token = page.continuationToken;
  } while (token !== undefined);
  return items;
}
