/**
 * Walks an SDK `byPage()` iterator one page at a time, checking each next link before the SDK
 * follows it: same origin as the ARM endpoint (the SDK would send the bearer token anywhere), never
 * repeated and at most `maxPages` pages (the registry layer's PageGuard). Each page is handed over
 * as soon as it arrives.
 */
import { RegistryError } from '../registry/errors';
import { PageGuard } from '../registry/pages';
import { AzureError } from './errors';

export interface PageWalkOptions {
  /** The ARM endpoint's origin; next links must stay on it. */
  readonly origin: string;
  readonly maxPages: number;
  readonly signal?: AbortSignal;
}

function cancelled(): AzureError {
  return new AzureError('cancelled', 'The operation was cancelled.');
}

function sameOrigin(link: string, origin: string): boolean {
  try {
    return new URL(link, origin).origin === origin;
  } catch {
    return false;
  }
}

export async function walkPages<T>(
  pages: AsyncIterator<T[] & { continuationToken?: string }>,
  onPage: (items: readonly T[], more: boolean) => void,
  options: PageWalkOptions,
): Promise<void> {
  const guard = new PageGuard({ maxPages: options.maxPages });
  for (;;) {
    if (options.signal?.aborted) {
      throw cancelled();
    }
    const next = await pages.next();
    if (next.done) {
      return;
    }
    const link = next.value.continuationToken || undefined;
    if (link !== undefined && !sameOrigin(link, options.origin)) {
      throw new AzureError('crossOrigin', 'ARM returned a next link to another origin; it was not followed.');
    }
    try {
      guard.check(link);
    } catch (error) {
      const loop = error instanceof RegistryError && error.details.code === 'PAGE_LOOP';
      throw new AzureError('badResponse', loop ? 'ARM linked to a page it already sent; the listing was stopped.' : `ARM offered more than ${options.maxPages} pages; the listing was stopped.`);
    }
    onPage(next.value, link !== undefined);
    if (link === undefined) {
      return;
    }
  }
}
