/**
 * The three paged listings the explorer shows: a registry's repositories, a repository's tags
 * and its manifests, each page read through the registry's client and turned into nodes.
 */
import { type ListOptions, type ManifestInfo, type SortOrder, type TagInfo } from '../registry/models';
import { type RegistryClient } from '../registry/registryClient';
import { type ManifestGroupNode, type ManifestNode, type RegistryNode, type RepositoryNode, type TagNode } from './nodes';
import { maxPagesFor } from '../registry/pages';
import { loadPage, mapPage, type PageContext, type Paged } from './paging';

export interface ModelSettings {
  pageSize(): number;
  sortOrder(): SortOrder;
}

/** How the model reaches registries: the explorer's client cache (auth and all). */
export type ClientSource = (registry: RegistryNode) => Promise<RegistryClient>;

export class Listings {
  constructor(
    private readonly clients: ClientSource,
    private readonly settings: ModelSettings,
    private readonly pages: PageContext,
  ) {}

  /** Loads the next page of a registry's repositories into `paged`. Never throws. */
  repositories(registry: RegistryNode, paged: Paged<RepositoryNode>): Promise<void> {
    return loadPage(paged, async (token) => {
      const client = await this.clients(registry);
      const page = await client.listRepositories({ pageSize: this.settings.pageSize(), continuationToken: token });
      return mapPage(page, (name): RepositoryNode => ({ kind: 'repository', registry, name }));
    }, this.pages);
  }

  /** Loads the next page of a repository's tags, in the sort order, into `paged`. Never throws. */
  tags(repository: RepositoryNode, paged: Paged<TagNode>): Promise<void> {
    return loadPage(paged, async (token) => {
      const client = await this.clients(repository.registry);
      const page = await client.listTags(repository.name, this.ordered(token));
      return mapPage(page, (tag: TagInfo): TagNode => ({ kind: 'tag', repository, tag, hidden: !tag.attributes.listEnabled }));
    }, this.pages, this.bound(repository.info?.tagCount));
  }

  /** Loads the next page of a repository's manifests, in the sort order, into `paged`. Never throws. */
  manifests(group: ManifestGroupNode, paged: Paged<ManifestNode>): Promise<void> {
    const repository = group.repository;
    return loadPage(paged, async (token) => {
      const client = await this.clients(repository.registry);
      const page = await client.listManifests(repository.name, this.ordered(token));
      return mapPage(page, (manifest: ManifestInfo): ManifestNode => ({ kind: 'manifest', repository, manifest }));
    }, this.pages, this.bound(repository.info?.manifestCount));
  }

  /** The most pages a listing of `count` items can take (undefined: not known, only loops end it). */
  private bound(count: number | undefined): number | undefined {
    return count === undefined ? undefined : maxPagesFor(count, this.settings.pageSize());
  }

  private ordered(token: string | undefined): ListOptions {
    return { pageSize: this.settings.pageSize(), order: this.settings.sortOrder(), continuationToken: token };
  }
}
