/**
 * The explorer's model, separate from the view: it computes each node's children from the
 * cache (cache.ts), loading pages per parent node (paging.ts), the manifest details read on
 * expansion, and each repository's attributes in the background (attributeQueue.ts).
 * Only `refresh` drops cached data; filter and redraws re-render from the cache.
 * Turning nodes into TreeItems (and message ids into words) is tree/vscode/render/'s job: no VS Code here,
 * so the model runs under plain mocha.
 */
import { type ConfigProblem, type RegistryConfig } from '../config';
import { type RegistryError, toRegistryError } from '../registry/errors';
import { type RegistryLogger } from '../registry/log';
import { type ManifestInfo, type RepositoryInfo, type TagInfo } from '../registry/models';
import { AttributeQueue } from './attributeQueue';
import { NodeCache, pagedOf } from './cache';
import { type LoadedListing, loadedListing } from './loadedListing';
import { expansionOf } from './expansion';
import { Emitter } from '../util/emitter';
import { Generation } from './generation';
import { type FilterSpec, needsTagSearch, NO_FILTER, parseFilter, registryMatches, repositoryCandidate, showsAllTags, tagMatcher, tagMatches } from './filterSpec';
import { type ClientSource, Listings, type ModelSettings } from './listings';
import { configProblemNode, errorNode, infoNode, noteNode, registryOfNode } from './messages';
import {
  type LoadMoreNode,
  type LockableNode,
  type ManifestGroupNode,
  type ManifestNode,
  type Node,
  nodeKey,
  type RegistryNode,
  type RepositoryNode,
  type TagNode,
} from './nodes';
import { firstPageError, loadPage, type PageContext, type Paged, pagedFully, withTail } from './paging';
import { type RepositoryMatches, type SearchBounds, type SearchOutcome, type SearchProgress, searchTags } from './tagSearch';

/** Catalog entries the filter's search loads per registry, at most. */
export const SEARCH_MAX_CATALOG = 1000;

export interface FindTagsOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SearchProgress) => void;
  readonly bounds?: SearchBounds;
  /** The registries to search (My Registries' by default); only those the filter applies to are searched. */
  readonly registries?: readonly RegistryNode[];
}

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
  private spec: FilterSpec = NO_FILTER;
  /** The registries the filter applies to (the view it was started from); the others show everything. */
  private within: (registry: RegistryNode) => boolean = () => true;
  /** Bumped on every filter change (the view gives filtered repositories fresh ids). */
  private filterChanges = 0;
  /** Repositories of a registry the last search did not reach (cancelled or bounded). */
  private readonly searchGaps = new Map<RegistryNode, number>();
  /** Keys (nodes.ts nodeKey) of the nodes the user expanded while no filter was active. */
  private readonly expandedKeys = new Set<string>();
  private readonly generation = new Generation();
  /** Where page loads check the generation and log failures. */
  private readonly pages: PageContext;
  private readonly listings: Listings;
  /** Registries whose repositories were shown (their attributes are read in the background). */
  private readonly shownRegistries = new Set<RegistryNode>();

  constructor(
    private readonly clients: ClientSource,
    private readonly settings: ModelSettings,
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
    return this.spec.text;
  }

  /** A number that changes with every filter; undefined while no filter is active. */
  get filterEpoch(): number | undefined {
    return this.spec.form === 'none' ? undefined : this.filterChanges;
  }

  /** The filter epoch for a node's rows: undefined when the filter does not apply to its registry. */
  filterEpochOf(node: Node): number | undefined {
    const registry = registryOfNode(node);
    return registry && this.within(registry) ? this.filterEpoch : undefined;
  }

  /** The filter in effect for a registry's rows (none outside the filter's registries). */
  private specFor(registry: RegistryNode): FilterSpec {
    return this.within(registry) ? this.spec : NO_FILTER;
  }

  /**
   * Filters what is loaded (filterSpec.ts) in the registries `within` accepts (all by default: the
   * view the filter was started from); findTags() then looks for matching tags not loaded yet.
   */
  setFilter(text: string, within: (registry: RegistryNode) => boolean = () => true): void {
    this.spec = parseFilter(text);
    this.within = within;
    this.filterChanges++;
    this.cache.searched.clear();
    this.searchGaps.clear();
    for (const registry of this.shownRegistries) {
      this.queueShownAttributes(registry);
    }
    this.fire(undefined);
  }

  /**
   * Lists the tags the active filter may match in repositories whose tags are not all loaded
   * (loading the catalogs first, bounded), then redraws. Undefined when the filter needs no search.
   */
  async findTags(options: FindTagsOptions = {}): Promise<SearchOutcome | undefined> {
    const spec = this.spec;
    if (!needsTagSearch(spec)) {
      return undefined;
    }
    const current = this.generation.snapshot();
    const candidates: RepositoryNode[] = [];
    for (const registry of (options.registries ?? this.registryNodes).filter((r) => this.within(r))) {
      const catalog = await this.loadCatalog(registry, options.signal);
      candidates.push(
        ...catalog.filter(
          (r) => registryMatches(spec, r.registry.config.loginServer) && repositoryCandidate(spec, r.name) && !showsAllTags(spec, r.name) && !pagedFully(this.cache.tags.get(r)),
        ),
      );
    }
    const found = new Map<RepositoryNode, RepositoryMatches>();
    const outcome = await searchTags(candidates, (r) => this.clients(r.registry), (tag) => tagMatches(spec, tag), found, {
      signal: options.signal,
      onProgress: options.onProgress,
      bounds: options.bounds,
      order: this.settings.sortOrder(),
    });
    if (!current() || this.spec !== spec) {
      return outcome;
    }
    const reached = new Set([...found.keys(), ...outcome.failures.map((f) => f.repository)]);
    for (const repository of candidates) {
      if (!reached.has(repository)) {
        this.searchGaps.set(repository.registry, (this.searchGaps.get(repository.registry) ?? 0) + 1);
      }
    }
    for (const [repository, matches] of found) {
      this.cache.searched.set(repository, matches);
      this.cache.linkManifests(repository);
    }
    for (const registry of this.shownRegistries) {
      this.queueShownAttributes(registry);
    }
    this.fire(undefined);
    return outcome;
  }

  /** Every catalog page of a registry up to SEARCH_MAX_CATALOG entries (what is loaded stays in the tree). */
  private async loadCatalog(registry: RegistryNode, signal: AbortSignal | undefined): Promise<RepositoryNode[]> {
    const paged = pagedOf(this.cache.repositories, registry);
    if (!paged.loaded) {
      await this.listings.repositories(registry, paged);
    }
    while (paged.continuationToken && !paged.error && paged.items.length < SEARCH_MAX_CATALOG && !signal?.aborted) {
      await this.listings.repositories(registry, paged);
    }
    return paged.items;
  }

  /** Whether a repository row is shown under the active filter. */
  private repositoryVisible(repository: RepositoryNode): boolean {
    const spec = this.specFor(repository.registry);
    if (!registryMatches(spec, repository.registry.config.loginServer)) {
      return false;
    }
    if (spec.form === 'none' || showsAllTags(spec, repository.name)) {
      return true;
    }
    if (!repositoryCandidate(spec, repository.name)) {
      return false;
    }
    const searched = this.cache.searched.get(repository);
    if (searched) {
      return searched.tags.length > 0;
    }
    const tags = this.cache.tags.get(repository);
    if (tags?.items.some((t) => tagMatches(spec, t.tag))) {
      return true;
    }
    // Not searched (cancelled, bounded) and nothing loaded says no: repository:tag keeps it.
    return spec.form === 'qualified' && !pagedFully(tags);
  }

  /** What the active filter shows among loaded repositories: how many, and how many matching tags in them. */
  filterSummary(registries: readonly RegistryNode[] = this.registryNodes): { readonly repositories: number; readonly tags: number } {
    let repositories = 0;
    let tags = 0;
    for (const registry of registries.filter((r) => this.within(r))) {
      for (const repository of this.cache.repositories.get(registry)?.items ?? []) {
        if (!this.repositoryVisible(repository)) {
          continue;
        }
        repositories++;
        if (!showsAllTags(this.spec, repository.name)) {
          const searched = this.cache.searched.get(repository);
          tags += searched ? searched.tags.length : (this.cache.tags.get(repository)?.items ?? []).filter((t) => tagMatches(this.spec, t.tag)).length;
        }
      }
    }
    return { repositories, tags };
  }

  /** A repository shown because of its matching tags: drawn expanded, with just those tags. */
  shownForTags(repository: RepositoryNode): boolean {
    const spec = this.specFor(repository.registry);
    return spec.form !== 'none' && !showsAllTags(spec, repository.name) && this.repositoryVisible(repository);
  }

  // --- expansion ------------------------------------------------------------------------

  /** The view reports expansions; those made while no filter is active are remembered. */
  setExpanded(node: Node, expanded: boolean): void {
    const key = nodeKey(node);
    const registry = registryOfNode(node);
    if (key === undefined || (registry !== undefined && this.specFor(registry).form !== 'none')) {
      return;
    }
    if (expanded) {
      this.expandedKeys.add(key);
    } else {
      this.expandedKeys.delete(key);
    }
  }

  /** Whether the node is to be drawn expanded: the user had it so, or the filter found tags in it. */
  isExpanded(node: Node): boolean {
    if (node.kind === 'repository' && this.shownForTags(node)) {
      return true;
    }
    const key = nodeKey(node);
    return key !== undefined && this.expandedKeys.has(key);
  }

  // --- what rows say about their listings -----------------------------------------------

  /** Tags of a repository not in its listing (hidden, listEnabled=false), once every tag was listed. */
  hiddenTagCount(repository: RepositoryNode): number | undefined {
    const total = repository.info?.tagCount;
    if (total === undefined) {
      return undefined;
    }
    const tags = this.cache.tags.get(repository);
    const searched = this.cache.searched.get(repository);
    const listed = pagedFully(tags) ? tags?.items.length : searched && !searched.truncated ? searched.listed : undefined;
    return listed !== undefined && total > listed ? total - listed : undefined;
  }

  /** The repository's complete listings, when the tree holds them (loadedListing.ts). */
  loadedListing(loginServer: string, repository: string): LoadedListing | undefined {
    return loadedListing(this.cache, loginServer, repository);
  }

  /** The attributes the tree read for a repository (by registry node and name). */
  knownRepository(registry: RegistryNode, name: string): RepositoryInfo | undefined {
    return this.cache.repositories.get(registry)?.items.find((r) => r.name === name)?.info;
  }

  /** Why the registry's catalog could not be read (its first page failed), if it was tried. */
  registryError(registry: RegistryNode): RegistryError | undefined {
    const paged = this.cache.repositories.get(registry);
    return paged ? firstPageError(paged) : undefined;
  }

  /** Reads the registry's first catalog page now (as expanding it would), then redraws its row. */
  async probe(registry: RegistryNode): Promise<RegistryError | undefined> {
    const paged = pagedOf(this.cache.repositories, registry);
    if (!paged.loaded) {
      await this.listings.repositories(registry, paged);
    }
    this.fire(registry);
    return firstPageError(paged);
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

  /**
   * Loads the next catalog page of a registry being shown, then queues the background read of the
   * shown repositories' attributes (the catalog does not carry them): reads follow the data, not
   * the drawing of rows.
   */
  private async loadShownRepositories(registry: RegistryNode, paged: Paged<RepositoryNode>): Promise<void> {
    await this.listings.repositories(registry, paged);
    this.shownRegistries.add(registry);
    this.queueShownAttributes(registry);
  }

  /** Queues the attribute reads of a shown registry's loaded repositories that the filter shows. */
  private queueShownAttributes(registry: RegistryNode): void {
    for (const repository of this.cache.repositories.get(registry)?.items ?? []) {
      if (this.repositoryVisible(repository)) {
        this.attributes.add(repository);
      }
    }
  }

  private async registryChildren(registry: RegistryNode): Promise<Node[]> {
    const paged = pagedOf(this.cache.repositories, registry);
    const firstLoad = !paged.loaded;
    if (firstLoad) {
      await this.loadShownRepositories(registry, paged);
    } else if (!this.shownRegistries.has(registry)) {
      // Its catalog was read by a filter's search, not by showing it: its rows read their locks now.
      this.shownRegistries.add(registry);
      this.queueShownAttributes(registry);
    }
    const error = firstPageError(paged);
    if (error) {
      if (firstLoad) {
        // The registry's own row says it could not be read ("unreachable"): it was drawn before this
        // listing (after a Refresh or Retry), so it is redrawn now, before its children are returned.
        this.fire(registry);
      }
      return [errorNode(registry, error)];
    }
    const visible = paged.items.filter((r) => this.repositoryVisible(r));
    const out = withTail(registry, paged, visible, 'noRepositories', 'noRepositoryMatch');
    const gap = this.searchGaps.get(registry);
    if (gap) {
      out.push(noteNode(registry, { id: 'searchIncomplete', repositories: gap }));
    }
    return out;
  }

  private async repositoryChildren(repository: RepositoryNode): Promise<Node[]> {
    const tags = pagedOf(this.cache.tags, repository);
    const group = this.groupOf(repository);
    const manifests = pagedOf(this.cache.manifests, group);
    // The first tag page and the first manifest page together: the manifests tell each tag
    // whether its manifest is locked, with no per-tag request.
    const firstLoad = !tags.loaded;
    const spec = this.specFor(repository.registry);
    const allTags = showsAllTags(spec, repository.name);
    const searched = allTags ? undefined : this.cache.searched.get(repository);
    // A repository the filter's search read needs no tag page: the search found its matching tags.
    await Promise.all([
      tags.loaded || searched ? undefined : this.listings.tags(repository, tags),
      manifests.loaded ? undefined : this.listings.manifests(group, manifests),
    ]);
    const error = searched ? undefined : firstPageError(tags);
    if (error) {
      return [errorNode(repository, error)];
    }
    this.cache.linkManifests(repository);
    if (firstLoad && tags.loaded && this.hiddenTagCount(repository) !== undefined) {
      // The listing just read changes the repository's own row ("5 tags (1 hidden)"): data
      // arrived, so its row is redrawn (the children being returned are not touched).
      this.fire(repository);
    }
    if (allTags) {
      return [group, ...withTail(repository, tags, tags.items, 'noTags', 'noTagMatch')];
    }
    if (searched) {
      const out: Node[] = [group, ...searched.tags];
      if (searched.tags.length === 0) {
        out.push(infoNode(repository, 'noTagMatch'));
      }
      if (searched.truncated) {
        out.push(noteNode(repository, { id: 'searchCut', tags: searched.listed }));
      }
      return out;
    }
    return [group, ...withTail(repository, tags, tags.items.filter((t) => tagMatches(spec, t.tag)), 'noTags', 'noTagMatch')];
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
    const spec = this.specFor(group.repository.registry);
    const matcher = tagMatcher(spec);
    const visible = showsAllTags(spec, group.repository.name)
      ? paged.items
      : paged.items.filter((m) => matcher(m.manifest.digest) || m.manifest.tags.some((t) => matcher(t)));
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
      await this.loadShownRepositories(parent, pagedOf(this.cache.repositories, parent));
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
      if (target.kind === 'repository' && info.kind === 'repository') {
        target.info = info;
        this.attributes.errors.delete(target);
      } else if (target.kind === 'tag' && node.kind === 'tag' && info.kind === 'tag') {
        target.tag = info;
      } else if (target.kind === 'manifest' && info.kind === 'manifest') {
        // A listing's ManifestInfo has no references; keep the ones a direct read found.
        target.manifest = info.references.length > 0 ? info : { ...info, references: target.manifest.references };
      } else if (target.kind === 'tag' && info.kind === 'manifest') {
        target.manifest = info;
      }
      this.fire(target);
    }
    if (node.kind === 'manifest' && info.kind === 'manifest') {
      this.cache.details.get(node.repository)?.set(info.digest, info);
    }
  }

  /** A tag changed by a run over a repository's tags: redraws every loaded node of that tag. */
  applyTagUpdate(repository: RepositoryNode, info: TagInfo): void {
    const probe: TagNode = { kind: 'tag', repository, tag: info, hidden: !info.attributes.listEnabled };
    for (const target of this.cache.sameTarget(probe)) {
      if (target !== probe && target.kind === 'tag') {
        target.tag = info;
        this.fire(target);
      }
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
        // Every view that shows this registry reads it again: one registry, one state.
        for (const registry of this.cache.sameRegistry(node)) {
          this.dropRegistry(registry);
          this.fire(registry);
        }
        return;
      case 'repository':
        for (const repository of this.cache.sameTarget(node)) {
          if (repository.kind !== 'repository') {
            continue;
          }
          this.dropRepository(repository);
          repository.info = undefined;
          // Repository attributes are not in the catalog: read them again (else the row stays "reading locks…").
          this.attributes.add(repository);
          this.fire(repository);
        }
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
    this.shownRegistries.delete(registry);
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
