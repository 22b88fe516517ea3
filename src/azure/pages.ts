/**
 * Walks an SDK `byPage()` iterator one page at a time, checking each next link before the SDK
 * follows it: same origin as the ARM endpoint (the SDK would send the bearer token anywhere), never
 * repeated, and at most `maxPages` pages. Each page is handed over as soon as it arrives.
 */
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
  const seen = new Set<string>();
  for (let count = 1; ; count++) {
    if (options.signal?.aborted) {
      throw cancelled();
    }
    const next = await pages.next();
    if (next.done) {
      return;
    }
    const link = next.value.continuationToken;
    if (link !== undefined && link !== '') {
      if (!sameOrigin(link, options.origin)) {
        throw new AzureError('crossOrigin', 'ARM returned a next link to another origin; it was not followed.');
      }
      if (seen.has(link)) {
        throw new AzureError('badResponse', 'ARM returned the same next link twice; listing stopped.');
      }
      if (count >= options.maxPages) {
        throw new AzureError('badResponse', `ARM returned more than ${options.maxPages} pages; listing stopped.`);
      }
      seen.add(link);
    }
    onPage(next.value, link !== undefined && link !== '');
    if (link === undefined || link === '') {
      return;
    }
  }
}
