/**
 * The explorer's model, separate from the view: it computes each node's children from the
 * cache (cache.ts), loading pages per parent node (paging.ts), the manifest details read on
 * expansion, and each repository's attributes in the background (attributeQueue.ts).
 * Only `refresh` drops cached data; filter and redraws re-render from the cache.
 * Turning nodes into TreeItems (and message ids into words) is render.ts's job: no VS Code here,
 * so the model runs under plain mocha.
 */
import { type ConfigProblem, type RegistryConfig } from '../config';
import { type NameFilter, nameFilter } from '../registry/glob';
import { type RegistryError, toRegistryError } from '../registry/errors';
import { type RegistryLogger } from '../registry/log';
import { type ManifestInfo, type RepositoryInfo, type TagInfo } from '../registry/models';
import { AttributeQueue } from './attributeQueue';
import { NodeCache, pagedOf } from './cache';
import { expansionOf } from './expansion';
import { Emitter } from './emitter';
import { Generation } from './generation';
import { type ClientSource, Listings, type ModelSettings } from './listings';
import { configProblemNode, errorNode } from './messages';
import {
  type LoadMoreNode,
  type LockableNode,
  type ManifestGroupNode,
  type ManifestNode,
  type Node,
  type RegistryNode,
  type RepositoryNode,
  type TagNode,
} from './nodes';
import { firstPageError, loadPage, type PageContext, withTail } from './paging';

export type { ClientSource, ModelSettings } from './listings';

export class ExplorerModel {
  private readonly changed = new Emitter<Node | undefined>();
  readonly onDidChange = this.changed.event;

  private registryNodes: RegistryNode[] = [];
  private problemNodes: Node[] = [];
  private readonly cache = new NodeCache();
  private readonly attributes: AttributeQueue;
  /** Why a repository's attributes could not be read. */
  readonly attributeErrors: Map<RepositoryNode, RegistryError>;
  private filterText = '';
  private filter: NameFilter = () => true;
  private readonly generation = new Generation();
  /** Where page loads check the generation and log failures. */
  private readonly pages: PageContext;
  private readonly listings: Listings;

  constructor(
    private readonly clients: ClientSource,
    settings: ModelSettings,
    log: RegistryLogger,
  ) {
    this.pages = { generation: this.generation, log };
    this.listings = new Listings(clients, settings, this.pages);
    this.attributes = new AttributeQueue(
      async (repository) => (await clients(repository.registry)).getRepository(repository.name),
      this.generation,
      (repository) => this.fire(repository),
    );
    this.attributeErrors = this.attributes.errors;
  }

  dispose(): void {
    this.changed.dispose();
  }

  fire(node?: Node): void {
    this.changed.fire(node);
  }

  // --- registries and filter -----------------------------------------------------------

  registries(): readonly RegistryNode[] {
    return this.registryNodes;
  }

  /**
   * Keeps the node (and its cache) of every registry whose settings did not change; every
   * skipped entry becomes a message node saying why, after the registries.
   */
  setRegistries(configs: readonly RegistryConfig[], problems: readonly ConfigProblem[] = []): void {
    this.problemNodes = problems.map(configProblemNode);
    const previous = new Map(this.registryNodes.map((n) => [JSON.stringify(n.config), n]));
    this.registryNodes = configs.map((config) => previous.get(JSON.stringify(config)) ?? { kind: 'registry', config });
    const kept = new Set(this.registryNodes);
    for (const node of previous.values()) {
      if (!kept.has(node)) {
        this.dropRegistry(node);
      }
    }
    this.fire(undefined);
  }

  get activeFilter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.filter = nameFilter(this.filterText);
    this.fire(undefined);
  }

  // --- children --------------------------------------------------------------------------

  async children(node?: Node): Promise<Node[]> {
    try {
      if (!node) {
        return [...this.registryNodes, ...this.problemNodes];
      }
      switch (node.kind) {
        case 'registry':
          return await this.registryChildren(node);
        case 'repository':
          return await this.repositoryChildren(node);
        case 'manifestGroup':
          return await this.groupChildren(node);
        case 'tag':
        case 'manifest':
          return await this.expandedChildren(node);
        default:
          return [];
      }
    } catch (thrown: unknown) {
      // getChildren never throws: whatever went wrong becomes an error node.
      return [errorNode(node, toRegistryError(thrown))];
    }
  }

  private async registryChildren(registry: RegistryNode): Promise<Node[]> {
    const paged = pagedOf(this.cache.repositories, registry);
    if (!paged.loaded) {
      await this.listings.repositories(registry, paged);
    }
    const error = firstPageError(paged);
    if (error) {
      return [errorNode(registry, error)];
    }
    const visible = paged.items.filter((r) => this.filter(r.name));
    for (const repository of visible) {
      this.attributes.add(repository);
    }
    return withTail(registry, paged, visible, 'noRepositories', 'noRepositoryMatch');
  }

  private async repositoryChildren(repository: RepositoryNode): Promise<Node[]> {
    const tags = pagedOf(this.cache.tags, repository);
    const group = this.groupOf(repository);
    const manifests = pagedOf(this.cache.manifests, group);
    // The first tag page and the first manifest page together: the manifests tell each tag
    // whether its manifest is locked, with no per-tag request.
    await Promise.all([
      tags.loaded ? undefined : this.listings.tags(repository, tags),
      manifests.loaded ? undefined : this.listings.manifests(group, manifests),
    ]);
    const error = firstPageError(tags);
    if (error) {
      return [errorNode(repository, error)];
    }
    this.cache.linkManifests(repository);
    const visible = tags.items.filter((t) => this.filter(t.tag.name));
    return [group, ...withTail(repository, tags, visible, 'noTags', 'noTagMatch')];
  }

  private async groupChildren(group: ManifestGroupNode): Promise<Node[]> {
    const paged = pagedOf(this.cache.manifests, group);
    if (!paged.loaded) {
      await this.listings.manifests(group, paged);
    }
    const error = firstPageError(paged);
    if (error) {
      return [errorNode(group, error)];
    }
    const visible = paged.items.filter((m) => this.filter(m.manifest.digest) || m.manifest.tags.some((t) => this.filter(t)));
    return withTail(group, paged, visible, 'noManifests', 'noManifestMatch');
  }

  /** A tag or manifest expanded (expansion.ts); a failed expansion is read again next time. */
  private async expandedChildren(node: TagNode | ManifestNode): Promise<Node[]> {
    const paged = pagedOf(this.cache.expanded, node);
    if (!paged.loaded) {
      await loadPage(paged, async () => {
        const client = await this.clients(node.repository.registry);
        return { items: await expansionOf(node, client, this.cache) };
      }, this.pages);
    }
    const error = firstPageError(paged);
    if (error) {
      this.cache.expanded.delete(node);
      return [errorNode(node, error)];
    }
    return paged.items;
  }

  // --- loading ---------------------------------------------------------------------------

  groupOf(repository: RepositoryNode): ManifestGroupNode {
    return this.cache.groupOf(repository);
  }

  /** "Load more…": the next page of its parent, then a redraw of that parent only. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const parent = node.parent;
    if (parent.kind === 'registry') {
      await this.listings.repositories(parent, pagedOf(this.cache.repositories, parent));
    } else if (parent.kind === 'repository') {
      await this.listings.tags(parent, pagedOf(this.cache.tags, parent));
    } else {
      await this.listings.manifests(parent, pagedOf(this.cache.manifests, parent));
      this.cache.linkManifests(parent.repository);
    }
    this.fire(parent);
  }

  // --- updates and refresh ---------------------------------------------------------------

  applyUpdate(node: LockableNode, info: RepositoryInfo | TagInfo | ManifestInfo): void {
    for (const target of this.cache.sameTarget(node)) {
      if (target.kind === 'repository' && 'tagCount' in info) {
        target.info = info;
        this.attributes.errors.delete(target);
      } else if (target.kind === 'tag' && node.kind === 'tag' && 'name' in info && 'digest' in info && !('tags' in info)) {
        target.tag = info;
      } else if (target.kind === 'manifest' && 'tags' in info) {
        // A listing's ManifestInfo has no references; keep the ones a direct read found.
        target.manifest = info.references.length > 0 ? info : { ...info, references: target.manifest.references };
      } else if (target.kind === 'tag' && 'tags' in info) {
        target.manifest = info;
      }
      this.fire(target);
    }
    if (node.kind === 'manifest' && 'tags' in info) {
      this.cache.details.get(node.repository)?.set(info.digest, info);
    }
  }

  /** Drops cached data under `node` (everything when undefined) and redraws it, which reloads. */
  async refresh(node?: Node, clients?: ClientSource): Promise<void> {
    if (!node) {
      this.generation.bump();
      this.cache.clear();
      this.attributes.clear();
      this.fire(undefined);
      return;
    }
    switch (node.kind) {
      case 'registry':
        this.dropRegistry(node);
        this.fire(node);
        return;
      case 'repository':
        this.dropRepository(node);
        node.info = undefined;
        this.fire(node);
        return;
      case 'manifestGroup':
        this.cache.manifests.delete(node);
        this.cache.details.delete(node.repository);
        this.fire(node);
        return;
      case 'tag':
      case 'manifest': {
        this.cache.expanded.delete(node);
        if (node.kind === 'manifest') {
          this.cache.details.get(node.repository)?.delete(node.manifest.digest);
        }
        const client = await (clients ?? this.clients)(node.repository.registry);
        const target = node.kind === 'tag'
          ? { kind: 'tag' as const, repository: node.repository.name, tag: node.tag.name }
          : { kind: 'manifest' as const, repository: node.repository.name, digest: node.manifest.digest };
        this.applyUpdate(node, await client.read(target));
        return;
      }
      case 'loadMore':
        await this.loadMore(node);
        return;
      case 'message':
        if (node.parent) {
          await this.refresh(node.parent);
        } else {
          await this.refresh(undefined);
        }
        return;
    }
  }

  private dropRegistry(registry: RegistryNode): void {
    for (const repository of this.cache.dropRegistry(registry)) {
      this.attributes.errors.delete(repository);
    }
  }

  private dropRepository(repository: RepositoryNode): void {
    this.cache.dropRepository(repository);
    this.attributes.errors.delete(repository);
  }

  /** Sort order changed: server-ordered listings (tags, manifests) are listed again. */
  dropOrderedListings(): void {
    this.cache.dropOrderedListings();
    this.fire(undefined);
  }
}
