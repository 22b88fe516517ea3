/** ACR paging: `n`, `last`, `orderby`; `Link: <origin-relative, percent-encoded>; rel="next"`. */
import { sortableTime } from './clock';
import { RegistryError } from './errors';

/** Page size when `n` is absent (unverified in ACR; acr-cli and az use 100). */
export const DEFAULT_PAGE_SIZE = 100;
/** Larger `n` values are capped to this (unverified). */
export const MAX_PAGE_SIZE = 1000;

export type Order = 'name' | 'timeasc' | 'timedesc';

export interface PageRequest {
  n: number;
  last: string | undefined;
  order: Order;
  /** The `orderby` value as sent (echoed in the Link). */
  orderby: string;
}

export function pageRequest(query: URLSearchParams, allowTimeOrder: boolean): PageRequest {
  const rawN = query.get('n');
  let n = DEFAULT_PAGE_SIZE;
  if (rawN !== null && rawN !== '') {
    if (!/^\d+$/.test(rawN)) {
      throw new RegistryError(400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested', { n: rawN });
    }
    n = Math.min(Number(rawN), MAX_PAGE_SIZE);
  }
  const orderby = query.get('orderby') ?? '';
  let order: Order = 'name';
  if (allowTimeOrder && (orderby === 'timedesc' || orderby === 'timeasc')) {
    order = orderby;
  }
  const last = query.get('last');
  return { n, last: last === null || last === '' ? undefined : last, order, orderby: order === 'name' ? '' : orderby };
}

export interface Sortable {
  name: string;
  time: string;
}

/**
 * Opaque continuation key: the name, or `<time>&<name>` for time orders (the time in its
 * fixed-width form: ACR's timestamps have 0–7 fractional digits, so the text alone does not sort).
 */
function keyOf(item: Sortable, order: Order): string {
  return order === 'name' ? item.name : `${sortableTime(item.time)}&${item.name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts, skips past `last`, and cuts one page. `next` is the `last` value of the following page, if any. */
export function paginate<T extends Sortable>(items: readonly T[], request: PageRequest): { page: T[]; next: string | undefined } {
  const sign = request.order === 'timedesc' ? -1 : 1;
  const keyed = items.map((item) => ({ item, key: keyOf(item, request.order) }));
  keyed.sort((a, b) => sign * compare(a.key, b.key));
  const last = request.last;
  const rest = last === undefined ? keyed : keyed.filter((k) => sign * compare(k.key, last) > 0);
  const page = rest.slice(0, request.n);
  const lastOnPage = page[page.length - 1];
  const next = rest.length > page.length && lastOnPage ? lastOnPage.key : undefined;
  return { page: page.map((k) => k.item), next };
}

/** `</path?last=..&n=..&orderby=..>; rel="next"`; `encodedPath` must already be percent-encoded. */
export function linkHeader(encodedPath: string, next: string, request: PageRequest, extra: Record<string, string> = {}): string {
  let query = `last=${encodeURIComponent(next)}&n=${request.n}&orderby=${encodeURIComponent(request.orderby)}`;
  for (const [key, value] of Object.entries(extra)) {
    query += `&${key}=${encodeURIComponent(value)}`;
  }
  return `<${encodedPath}?${query}>; rel="next"`;
}
