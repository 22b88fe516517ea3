/**
 * The explorer's model and cache, separate from the view: pages loaded per parent node, the
 * manifest details read on expansion, and each repository's attributes read in the background.
 * Only `refresh` drops cached data; filter and redraws re-render from the cache.
 * Children are computed here; turning nodes into TreeItems is render.ts's job.
 */
import * as vscode from 'vscode';
import { type RegistryConfig } from '../config';
import { type NameFilter, nameFilter } from '../registry/glob';
import { RegistryError, toRegistryError } from '../registry/errors';
import { type ManifestInfo, type RepositoryInfo, type SortOrder, type TagInfo } from '../registry/models';
import { type RegistryClient } from '../registry/registryClient';
import {
  type LoadMoreNode,
  type LockableNode,
  type ManifestGroupNode,
  type ManifestNode,
  type MessageNode,
  type Node,
  type RegistryNode,
  type RepositoryNode,
  type TagNode,
} from './nodes';
import { AttributeQueue } from './attributeQueue';
import { Generation } from './generation';
import { errorNode, infoNode } from './messages';
import { firstPageError, loadPage, mapPage, type PageContext, type Paged, pagedOf, withTail } from './paging';

export { registryOfNode } from './messages';

export interface ModelSettings {
  pageSize(): number;
  sortOrder(): SortOrder;
}

/** How the model reaches registries: the explorer's client cache (auth and all). */
export type ClientSource = (registry: RegistryNode) => Promise<RegistryClient>;

export class ExplorerModel {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  /** Where page loads check the generation and log failures. */
  private readonly pages: PageContext;
  readonly onDidChange = this.changed.event;

  private registryNodes: RegistryNode[] = [];
  private readonly repositories = new Map<RegistryNode, Paged<RepositoryNode>>();
  private readonly tags = new Map<RepositoryNode, Paged<TagNode>>();
  private readonly groups = new Map<RepositoryNode, ManifestGroupNode>();
  private readonly manifests = new Map<ManifestGroupNode, Paged<ManifestNode>>();
  /** Children of an expanded tag (its manifest) or manifest (its tags and platforms). */
  private readonly expanded = new Map<TagNode | ManifestNode, Paged<Node>>();
  /** Manifests read by digest (with `references`), per repository node. */
  private readonly details = new Map<RepositoryNode, Map<string, ManifestInfo>>();
  private readonly attributes: AttributeQueue;
  /** Why a repository's attributes could not be read. */
  readonly attributeErrors: Map<RepositoryNode, RegistryError>;
  private filterText = '';
  private filter: NameFilter = () => true;
  private readonly generation = new Generation();

  constructor(
    private readonly clients: ClientSource,
    private readonly settings: ModelSettings,
    log: vscode.LogOutputChannel,
  ) {
    this.pages = { generation: this.generation, log };
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

  // --- registries -----------------------------------------------------------------------

  registries(): readonly RegistryNode[] {
    return this.registryNodes;
  }

  /** Keeps the node (and its cache) of every registry whose settings did not change. */
  setRegistries(configs: readonly RegistryConfig[]): void {
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

  // --- filter ----------------------------------------------------------------------------

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
        return [...this.registryNodes];
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
    const paged = pagedOf(this.repositories, registry);
    if (!paged.loaded) {
      await this.loadRepositoryPage(registry, paged);
    }
    const error = firstPageError(paged);
    if (error) {
      return [errorNode(registry, error)];
    }
    const visible = paged.items.filter((r) => this.filter(r.name));
    for (const repository of visible) {
      this.attributes.add(repository);
    }
    return withTail(registry, paged, visible, vscode.l10n.t('No repositories.'), vscode.l10n.t('No repository matches the filter.'));
  }

  private async repositoryChildren(repository: RepositoryNode): Promise<Node[]> {
    const tags = pagedOf(this.tags, repository);
    const group = this.groupOf(repository);
    const manifests = pagedOf(this.manifests, group);
    // The first tag page and the first manifest page together: the manifests tell each tag
    // whether its manifest is locked, with no per-tag request.
    await Promise.all([
      tags.loaded ? undefined : this.loadTagPage(repository, tags),
      manifests.loaded ? undefined : this.loadManifestPage(group, manifests),
    ]);
    const error = firstPageError(tags);
    if (error) {
      return [errorNode(repository, error)];
    }
    this.linkManifests(repository);
    const visible = tags.items.filter((t) => this.filter(t.tag.name));
    return [group, ...withTail(repository, tags, visible, vscode.l10n.t('No tags.'), vscode.l10n.t('No tag matches the filter.'))];
  }

  private async groupChildren(group: ManifestGroupNode): Promise<Node[]> {
    const paged = pagedOf(this.manifests, group);
    if (!paged.loaded) {
      await this.loadManifestPage(group, paged);
    }
    const error = firstPageError(paged);
    if (error) {
      return [errorNode(group, error)];
    }
    const visible = paged.items.filter((m) => this.filter(m.manifest.digest) || m.manifest.tags.some((t) => this.filter(t)));
    return withTail(group, paged, visible, vscode.l10n.t('No manifests.'), vscode.l10n.t('No manifest matches the filter.'));
  }

  /** A tag expands to its manifest; a manifest to its tags (hidden ones included) and platforms. */
  private async expandedChildren(node: TagNode | ManifestNode): Promise<Node[]> {
    const paged = pagedOf(this.expanded, node);
    if (!paged.loaded) {
      await loadPage(paged, async () => ({ items: await this.computeExpanded(node) }), this.pages);
    }
    const error = firstPageError(paged);
    if (error) {
      this.expanded.delete(node);
      return [errorNode(node, error)];
    }
    return paged.items;
  }

  private async computeExpanded(node: TagNode | ManifestNode): Promise<Node[]> {
    const repository = node.repository;
    const client = await this.clients(repository.registry);
    if (node.kind === 'tag') {
      const manifest = node.manifest ?? (await this.detail(client, repository, node.tag.digest));
      return [{ kind: 'manifest', repository, manifest, parent: node }];
    }
    const detail = await this.detail(client, repository, node.manifest.digest);
    node.manifest = { ...node.manifest, references: detail.references };
    const children: Node[] = [];
    if (node.parent?.kind !== 'tag') {
      const listed = new Map((this.tags.get(repository)?.items ?? []).map((t) => [t.tag.name, t]));
      for (const name of detail.tags) {
        const known = listed.get(name);
        // Not in the loaded `_tags` pages: hidden (listEnabled=false) or on a later page; read it.
        const tag = known?.tag ?? (await client.getTag(repository.name, name));
        children.push({ kind: 'tag', repository, tag, hidden: !tag.attributes.listEnabled, manifest: node.manifest });
      }
    }
    for (const platform of detail.references) {
      const known = this.knownManifest(repository, platform.digest) ?? (await this.detail(client, repository, platform.digest));
      children.push({ kind: 'manifest', repository, manifest: known, parent: node });
    }
    if (children.length === 0) {
      children.push(infoNode(node, vscode.l10n.t('Untagged.')));
    }
    return children;
  }

  private knownManifest(repository: RepositoryNode, digest: string): ManifestInfo | undefined {
    return (
      this.details.get(repository)?.get(digest) ??
      this.manifests.get(this.groupOf(repository))?.items.find((m) => m.manifest.digest === digest)?.manifest
    );
  }

  private async detail(client: RegistryClient, repository: RepositoryNode, digest: string): Promise<ManifestInfo> {
    let cache = this.details.get(repository);
    if (!cache) {
      cache = new Map();
      this.details.set(repository, cache);
    }
    const cached = cache.get(digest);
    if (cached) {
      return cached;
    }
    const read = await client.getManifest(repository.name, digest);
    cache.set(digest, read);
    return read;
  }

  // --- loading ---------------------------------------------------------------------------

  groupOf(repository: RepositoryNode): ManifestGroupNode {
    let group = this.groups.get(repository);
    if (!group) {
      group = { kind: 'manifestGroup', repository };
      this.groups.set(repository, group);
    }
    return group;
  }

  private loadRepositoryPage(registry: RegistryNode, paged: Paged<RepositoryNode>): Promise<void> {
    return loadPage(paged, async (token) => {
      const client = await this.clients(registry);
      const page = await client.listRepositories({ pageSize: this.settings.pageSize(), continuationToken: token });
      return mapPage(page, (name): RepositoryNode => ({ kind: 'repository', registry, name }));
    }, this.pages);
  }

  private loadTagPage(repository: RepositoryNode, paged: Paged<TagNode>): Promise<void> {
    return loadPage(paged, async (token) => {
      const client = await this.clients(repository.registry);
      const page = await client.listTags(repository.name, {
        pageSize: this.settings.pageSize(),
        order: this.settings.sortOrder(),
        continuationToken: token,
      });
      return mapPage(page, (tag: TagInfo): TagNode => ({ kind: 'tag', repository, tag, hidden: !tag.attributes.listEnabled }));
    }, this.pages);
  }

  private loadManifestPage(group: ManifestGroupNode, paged: Paged<ManifestNode>): Promise<void> {
    const repository = group.repository;
    return loadPage(paged, async (token) => {
      const client = await this.clients(repository.registry);
      const page = await client.listManifests(repository.name, {
        pageSize: this.settings.pageSize(),
        order: this.settings.sortOrder(),
        continuationToken: token,
      });
      return mapPage(page, (manifest: ManifestInfo): ManifestNode => ({ kind: 'manifest', repository, manifest }));
    }, this.pages);
  }

  /** Gives each listed tag its manifest's attributes, when that manifest's page is loaded. */
  private linkManifests(repository: RepositoryNode): void {
    const byDigest = new Map<string, ManifestInfo>();
    for (const m of this.manifests.get(this.groupOf(repository))?.items ?? []) {
      byDigest.set(m.manifest.digest, m.manifest);
    }
    for (const [digest, m] of this.details.get(repository) ?? []) {
      byDigest.set(digest, m);
    }
    for (const tag of this.tags.get(repository)?.items ?? []) {
      const manifest = byDigest.get(tag.tag.digest);
      if (manifest) {
        tag.manifest = manifest;
      }
    }
  }

  /** "Load more…": the next page of its parent, then a redraw of that parent only. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const parent = node.parent;
    if (parent.kind === 'registry') {
      await this.loadRepositoryPage(parent, pagedOf(this.repositories, parent));
    } else if (parent.kind === 'repository') {
      await this.loadTagPage(parent, pagedOf(this.tags, parent));
    } else {
      await this.loadManifestPage(parent, pagedOf(this.manifests, parent));
      this.linkManifests(parent.repository);
    }
    this.fire(parent);
  }

  // --- updates and refresh ---------------------------------------------------------------

  /** Every cached node showing the same target, so an update redraws all of them. */
  private sameTarget(node: LockableNode): LockableNode[] {
    const out: LockableNode[] = [];
    const registry = node.kind === 'repository' ? node.registry : node.repository.registry;
    const repositoryName = node.kind === 'repository' ? node.name : node.repository.name;
    const repositories = (this.repositories.get(registry)?.items ?? []).filter((r) => r.name === repositoryName);
    const all: Node[] = [...repositories];
    for (const repository of repositories) {
      all.push(...(this.tags.get(repository)?.items ?? []));
      all.push(...(this.manifests.get(this.groupOf(repository))?.items ?? []));
    }
    for (const [owner, paged] of this.expanded) {
      if (owner.repository.registry === registry && owner.repository.name === repositoryName) {
        all.push(...paged.items);
      }
    }
    for (const candidate of all) {
      if (candidate === node) {
        continue;
      }
      if (candidate.kind === 'repository' && node.kind === 'repository') {
        out.push(candidate);
      } else if (candidate.kind === 'tag' && node.kind === 'tag' && candidate.tag.name === node.tag.name) {
        out.push(candidate);
      } else if (candidate.kind === 'manifest' && node.kind === 'manifest' && candidate.manifest.digest === node.manifest.digest) {
        out.push(candidate);
      } else if (candidate.kind === 'tag' && node.kind === 'manifest' && candidate.tag.digest === node.manifest.digest) {
        out.push(candidate);
      }
    }
    return [node, ...out];
  }

  applyUpdate(node: LockableNode, info: RepositoryInfo | TagInfo | ManifestInfo): void {
    for (const target of this.sameTarget(node)) {
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
      this.details.get(node.repository)?.set(info.digest, info);
    }
  }

  /** Drops cached data under `node` (everything when undefined) and redraws it, which reloads. */
  async refresh(node?: Node, clients?: ClientSource): Promise<void> {
    if (!node) {
      this.generation.bump();
      this.repositories.clear();
      this.tags.clear();
      this.groups.clear();
      this.manifests.clear();
      this.expanded.clear();
      this.details.clear();
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
        this.manifests.delete(node);
        this.details.delete(node.repository);
        this.fire(node);
        return;
      case 'tag':
      case 'manifest': {
        this.expanded.delete(node);
        if (node.kind === 'manifest') {
          this.details.get(node.repository)?.delete(node.manifest.digest);
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
    for (const repository of this.repositories.get(registry)?.items ?? []) {
      this.dropRepository(repository);
    }
    this.repositories.delete(registry);
  }

  private dropRepository(repository: RepositoryNode): void {
    this.tags.delete(repository);
    const group = this.groups.get(repository);
    if (group) {
      this.manifests.delete(group);
    }
    this.details.delete(repository);
    this.attributes.errors.delete(repository);
    for (const owner of [...this.expanded.keys()]) {
      if (owner.repository === repository) {
        this.expanded.delete(owner);
      }
    }
  }

  /** Sort order changed: server-ordered listings (tags, manifests) are listed again. */
  dropOrderedListings(): void {
    this.tags.clear();
    this.manifests.clear();
    this.fire(undefined);
  }

  // --- message nodes ---------------------------------------------------------------------

  infoNode(parent: Node | undefined, text: string): MessageNode {
    return infoNode(parent, text);
  }

  errorNode(parent: Node | undefined, error: RegistryError): MessageNode {
    return errorNode(parent, error);
  }

  /** A password-mode registry without a stored password: no request is made. */
  static missingPassword(registry: RegistryNode): RegistryError {
    return new RegistryError('credentialsRejected', `No password is stored for ${registry.config.username ?? ''}@${registry.config.loginServer}.`);
  }
}
