/**
 * PolicySource over a RegistryClient: each listing read whole, with the largest page the
 * registry serves (`n=1000`: 10,000 tags in 10 requests), bounded and cancellable. The
 * `_tags` and `_manifests` listings already carry every item's flags, so nothing is asked per item.
 */
import { RegistryError } from '../../registry/errors';
import { type Page } from '../../registry/models';
import { type RegistryClient } from '../../registry/registryClient';
import { type PolicyManifest, type PolicySource, type PolicyTag } from './inventory';

/** ACR's largest page (larger `n` values are capped to it). */
export const POLICY_PAGE_SIZE = 1000;
/** At most this many pages per listing (two million items): a registry that links on forever is stopped. */
export const POLICY_MAX_PAGES = 2000;

export type ListingClient = Pick<RegistryClient, 'listRepositories' | 'listTags' | 'listManifests'>;

/** Every page of one listing; a repeated continuation token or too many pages is a bad answer. */
export async function readAllPages<T>(fetchPage: (token: string | undefined) => Promise<Page<T>>, signal: AbortSignal | undefined): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    if (signal?.aborted) {
      throw new RegistryError('cancelled', 'The listing was cancelled.');
    }
    const result = await fetchPage(token);
    items.push(...result.items);
    token = result.continuationToken;
    if (token === undefined) {
      return items;
    }
    if (seen.has(token) || page >= POLICY_MAX_PAGES) {
      throw new RegistryError('badResponse', `The registry kept linking to more pages after page ${page} of a listing; the listing was stopped.`, {
        code: seen.has(token) ? 'PAGE_LOOP' : 'TOO_MANY_PAGES',
      });
    }
    seen.add(token);
  }
}

export function registryPolicySource(client: ListingClient): PolicySource {
  return {
    listRepositoryNames: (signal) =>
      readAllPages((token) => client.listRepositories({ pageSize: POLICY_PAGE_SIZE, continuationToken: token, abortSignal: signal }), signal),
    listTags: (repository, signal): Promise<PolicyTag[]> =>
      readAllPages((token) => client.listTags(repository, { pageSize: POLICY_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: signal }), signal),
    listManifests: (repository, signal): Promise<PolicyManifest[]> =>
      readAllPages(
        (token) => client.listManifests(repository, { pageSize: POLICY_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: signal }),
        signal,
      ),
  };
}
