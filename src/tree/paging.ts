/**
 * Paged listings under one parent node: loading the next page (one request, shared by
 * concurrent callers) and the tail a listing ends with ("Load more…", an error, or "No tags.").
 * A PageGuard per listing ends it with an error when the registry links back to a page it sent
 * or offers more pages than the listing can hold ("Load more…" cannot loop).
 */
import { type RegistryError, toRegistryError } from '../registry/errors';
import { type RegistryLogger } from '../registry/log';
import { type Page } from '../registry/models';
import { PageGuard } from '../registry/pages';
import { type Generation } from './generation';
import { errorNode, type InfoId, infoNode } from './messages';
import { type LoadMoreNode, type Node } from './nodes';
import { appendAll } from '../util/arrays';

/** Pages of one listing under one parent. */
export interface Paged<T> {
  items: T[];
  continuationToken?: string;
  /** True once the first page arrived. */
  loaded: boolean;
  error?: RegistryError;
  pending?: Promise<void>;
  /** Watches the listing's continuation tokens (created with its first page). */
  guard?: PageGuard;
}

/** The bound of listings whose size is not known (the catalog): only loops end them. */
export const UNKNOWN_SIZE_MAX_PAGES = 100_000;

/** One fetched page, its items already turned into nodes. */
export interface FetchedPage<T> {
  items: T[];
  continuationToken?: string;
}

/** What page loads need besides the fetch: the cache generation, and where failures are logged. */
export interface PageContext {
  readonly generation: Generation;
  readonly log: RegistryLogger;
}

export function mapPage<S, T>(page: Page<S>, map: (item: S) => T): FetchedPage<T> {
  return { items: page.items.map(map), continuationToken: page.continuationToken };
}

/** The error to show instead of the listing: its first page failed. */
export function firstPageError<T>(paged: Paged<T>): RegistryError | undefined {
  return paged.error && paged.items.length === 0 ? paged.error : undefined;
}

/** Loads the next page into `paged` (one request); concurrent callers share it. Never throws. */
export function loadPage<T>(
  paged: Paged<T>,
  fetch: (token: string | undefined) => Promise<FetchedPage<T>>,
  context: PageContext,
  maxPages = UNKNOWN_SIZE_MAX_PAGES,
): Promise<void> {
  if (paged.pending) {
    return paged.pending;
  }
  const current = context.generation.snapshot();
  const token = paged.continuationToken;
  paged.pending = fetch(token)
    .then(
      (page) => {
        if (!current()) {
          return;
        }
        appendAll(paged.items, page.items);
        paged.continuationToken = page.continuationToken;
        paged.error = undefined;
        paged.guard ??= new PageGuard({ maxPages });
        try {
          paged.guard.check(page.continuationToken);
        } catch (thrown: unknown) {
          const error = toRegistryError(thrown);
          context.log.warn(`listing stopped: ${error.message}`);
          paged.error = error;
          paged.continuationToken = undefined;
        }
      },
      (thrown: unknown) => {
        const error = toRegistryError(thrown);
        context.log.warn(`listing failed: ${error.kind} ${error.details.status ?? ''} ${error.message}`);
        paged.error = error;
      },
    )
    .finally(() => {
      paged.loaded = true;
      paged.pending = undefined;
    });
  return paged.pending;
}

/** The visible items, then an error node, "Load more…", or a line saying why the listing is empty. */
export function withTail<T extends Node>(parent: LoadMoreNode['parent'], paged: Paged<T>, visible: T[], empty: InfoId, noMatch: InfoId): Node[] {
  const out: Node[] = [...visible];
  if (paged.error) {
    out.push(errorNode(parent, paged.error));
  } else if (paged.continuationToken) {
    out.push({ kind: 'loadMore', parent });
  }
  if (out.length === 0) {
    out.push(infoNode(parent, paged.items.length === 0 ? empty : noMatch));
  }
  return out;
}

/** Whether every item of the listing is loaded: its last page arrived without error or continuation. */
export function pagedFully<T>(paged: Paged<T> | undefined): boolean {
  return paged !== undefined && paged.loaded && !paged.error && paged.continuationToken === undefined;
}
