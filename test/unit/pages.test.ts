import * as assert from 'node:assert/strict';
import { type RegistryError } from '../../src/registry/errors';
import { type Page } from '../../src/registry/models';
import { PageGuard, listAllPages, maxPagesFor } from '../../src/registry/pages';

/** A listing served from a fixed chain of pages: token → page. */
function pages(chain: Record<string, Page<number>>): { fetch: (token: string | undefined) => Promise<Page<number>>; asked: (string | undefined)[] } {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    fetch: (token) => {
      asked.push(token);
      const page = chain[token ?? ''];
      return page ? Promise.resolve(page) : Promise.reject(new Error(`no page ${String(token)}`));
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    return error as RegistryError;
  }
  throw new Error('expected a failure');
}

suite('paging guard', () => {
  test('lists every page in order and stops at the last one', async () => {
    const listing = pages({ '': { items: [1, 2], continuationToken: 'a' }, a: { items: [3], continuationToken: 'b' }, b: { items: [4] } });
    assert.deepEqual(await listAllPages(listing.fetch, { maxPages: 3 }), [1, 2, 3, 4]);
    assert.deepEqual(listing.asked, [undefined, 'a', 'b']);
  });

  test('a token seen before (a loop of any length) is badResponse before it is followed', async () => {
    const listing = pages({ '': { items: [1], continuationToken: 'a' }, a: { items: [2], continuationToken: 'b' }, b: { items: [3], continuationToken: 'a' } });
    const error = await rejection(listAllPages(listing.fetch, { maxPages: 100 }));
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.details.code, 'PAGE_LOOP');
    assert.deepEqual(listing.asked, [undefined, 'a', 'b']);
  });

  test('more pages than maxPages is badResponse, after exactly maxPages requests', async () => {
    const chain: Record<string, Page<number>> = {};
    for (let i = 0; i < 50; i++) {
      chain[i === 0 ? '' : `t${i}`] = { items: [i], continuationToken: `t${i + 1}` };
    }
    const listing = pages(chain);
    const error = await rejection(listAllPages(listing.fetch, { maxPages: 5 }));
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.details.code, 'TOO_MANY_PAGES');
    assert.equal(listing.asked.length, 5);
    assert.deepEqual(await listAllPages(pages({ '': { items: [1] } }).fetch, { maxPages: 1 }), [1], 'one page fits maxPages 1');
  });

  test('an aborted signal stops the listing with cancelled, before the next page', async () => {
    const controller = new AbortController();
    const listing = pages({ '': { items: [1], continuationToken: 'a' }, a: { items: [2] } });
    const fetch = async (token: string | undefined): Promise<Page<number>> => {
      const page = await listing.fetch(token);
      controller.abort();
      return page;
    };
    const error = await rejection(listAllPages(fetch, { maxPages: 5, signal: controller.signal }));
    assert.equal(error.kind, 'cancelled');
    assert.deepEqual(listing.asked, [undefined]);
    const before = await rejection(listAllPages(listing.fetch, { maxPages: 5, signal: AbortSignal.abort() }));
    assert.equal(before.kind, 'cancelled');
    assert.deepEqual(listing.asked, [undefined], 'nothing fetched');
  });

  test('PageGuard counts pages for Load more, one check per loaded page', () => {
    const guard = new PageGuard({ maxPages: 3 });
    guard.check('a');
    guard.check('b');
    assert.equal(guard.count, 2);
    assert.throws(() => guard.check('c'), /more than 3 pages/);
    const looping = new PageGuard({ maxPages: 10 });
    looping.check('a');
    assert.throws(() => looping.check('a'), (e: RegistryError) => e.kind === 'badResponse');
    const last = new PageGuard({ maxPages: 1 });
    last.check(undefined);
    assert.throws(() => new PageGuard({ maxPages: 0 }), RangeError);
  });

  test('maxPagesFor: what a listing of N items can take, plus slack', () => {
    assert.equal(maxPagesFor(250, 100), 5);
    assert.equal(maxPagesFor(0, 100), 3);
    assert.equal(maxPagesFor(100, 100, 0), 1);
    assert.equal(maxPagesFor(10_000, 1000, 1), 11);
  });
});
