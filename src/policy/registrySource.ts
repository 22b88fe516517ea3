/**
 * PolicySource over a RegistryClient: each listing read whole, with the largest page the
 * registry serves (`n=1000`: 10,000 tags in 10 requests), bounded and cancellable. The
 * `_tags` and `_manifests` listings already carry every item's flags, so nothing is asked per item.
 * listAllPages stops a listing that repeats a continuation token or runs past POLICY_MAX_PAGES.
 */
import { listAllPages } from '../registry/pages';
import { type RegistryClient } from '../registry/registryClient';
import { type PolicyManifest, type PolicySource, type PolicyTag } from './inventory';
import { type ReportSource } from './report';

/** ACR's largest page (larger `n` values are capped to it). */
export const POLICY_PAGE_SIZE = 1000;
/** At most this many pages per listing (two million items): a registry that links on forever is stopped. */
export const POLICY_MAX_PAGES = 2000;

export type ListingClient = Pick<RegistryClient, 'listRepositories' | 'listTags' | 'listManifests'>;
export type ReportClient = ListingClient & Pick<RegistryClient, 'getRepository' | 'getTag'>;

export function registryPolicySource(client: ListingClient): PolicySource {
  return {
    listRepositoryNames: (signal) =>
      listAllPages((token) => client.listRepositories({ pageSize: POLICY_PAGE_SIZE, continuationToken: token, abortSignal: signal }), { signal, maxPages: POLICY_MAX_PAGES }),
    listTags: (repository, signal): Promise<PolicyTag[]> =>
      listAllPages((token) => client.listTags(repository, { pageSize: POLICY_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: signal }), {
        signal,
        maxPages: POLICY_MAX_PAGES,
      }),
    listManifests: (repository, signal): Promise<PolicyManifest[]> =>
      listAllPages((token) => client.listManifests(repository, { pageSize: POLICY_PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: signal }), {
        signal,
        maxPages: POLICY_MAX_PAGES,
      }),
  };
}

/** The lock report's source: the policy listings, plus a repository's own flags and tags hidden from listings. */
export function registryReportSource(client: ReportClient): ReportSource {
  return {
    ...registryPolicySource(client),
    getRepository: (repository, signal) => client.getRepository(repository, { abortSignal: signal }),
    getTag: (repository, tag, signal) => client.getTag(repository, tag, { abortSignal: signal }),
  };
}
