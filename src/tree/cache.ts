/**
 * What the explorer has loaded, keyed by node: the listings under each parent, the children of
 * expanded tags and manifests, and manifests read by digest. Pure bookkeeping; loading is the
 * model's job (except `detail`, a read-through of one manifest).
 */
import { type ManifestInfo } from '../registry/models';
import { type RegistryClient } from '../registry/registryClient';
import {
  type LockableNode,
  type ManifestGroupNode,
  type ManifestNode,
  type Node,
  type RegistryNode,
  type RepositoryNode,
  type TagNode,
} from './nodes';
import { type Paged } from './paging';
import { type RepositoryMatches } from './tagSearch';
import { appendAll } from '../util/arrays';

/** The value under `key`, created on first use. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (!value) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** The listing under `key`, created empty (not loaded) on first use. */
export function pagedOf<K, T>(map: Map<K, Paged<T>>, key: K): Paged<T> {
  return getOrCreate(map, key, (): Paged<T> => ({ items: [], loaded: false }));
}

export class NodeCache {
  readonly repositories = new Map<RegistryNode, Paged<RepositoryNode>>();
  readonly tags = new Map<RepositoryNode, Paged<TagNode>>();
  private readonly groups = new Map<RepositoryNode, ManifestGroupNode>();
  readonly manifests = new Map<ManifestGroupNode, Paged<ManifestNode>>();
  /** Children of an expanded tag (its manifest) or manifest (its tags and platforms). */
  readonly expanded = new Map<TagNode | ManifestNode, Paged<Node>>();
  /** Manifests read by digest (with `references`), per repository node. */
  readonly details = new Map<RepositoryNode, Map<string, ManifestInfo>>();
  /** Tags the filter's search found (tagSearch.ts), per repository node; cleared with the filter. */
  readonly searched = new Map<RepositoryNode, RepositoryMatches>();

  groupOf(repository: RepositoryNode): ManifestGroupNode {
    return getOrCreate(this.groups, repository, (): ManifestGroupNode => ({ kind: 'manifestGroup', repository }));
  }

  knownManifest(repository: RepositoryNode, digest: string): ManifestInfo | undefined {
    return (
      this.details.get(repository)?.get(digest) ??
      this.manifests.get(this.groupOf(repository))?.items.find((m) => m.manifest.digest === digest)?.manifest
    );
  }

  /** The manifest read by digest (with `references`), from the cache or the registry. */
  async detail(client: RegistryClient, repository: RepositoryNode, digest: string): Promise<ManifestInfo> {
    const cache = getOrCreate(this.details, repository, () => new Map<string, ManifestInfo>());
    const cached = cache.get(digest);
    if (cached) {
      return cached;
    }
    const read = await client.getManifest(repository.name, digest);
    cache.set(digest, read);
    return read;
  }

  /** Gives each listed tag its manifest's attributes, when that manifest's page is loaded. */
  linkManifests(repository: RepositoryNode): void {
    const byDigest = new Map<string, ManifestInfo>();
    for (const m of this.manifests.get(this.groupOf(repository))?.items ?? []) {
      byDigest.set(m.manifest.digest, m.manifest);
    }
    for (const [digest, m] of this.details.get(repository) ?? []) {
      byDigest.set(digest, m);
    }
    for (const tag of [...(this.tags.get(repository)?.items ?? []), ...(this.searched.get(repository)?.tags ?? [])]) {
      const manifest = byDigest.get(tag.tag.digest);
      if (manifest) {
        tag.manifest = manifest;
      }
    }
  }

  /** Every cached node showing the same target, so an update redraws all of them. */
  /**
   * Every registry node with the same login server as `registry` (itself included): My Registries
   * and the Azure view show one registry through different nodes, and a registry has one state.
   */
  sameRegistry(registry: RegistryNode): RegistryNode[] {
    const key = registry.config.loginServer.toLowerCase();
    const out = [registry];
    for (const other of this.repositories.keys()) {
      if (other !== registry && other.config.loginServer.toLowerCase() === key) {
        out.push(other);
      }
    }
    return out;
  }

  sameTarget(node: LockableNode): LockableNode[] {
    const out: LockableNode[] = [];
    const registry = node.kind === 'repository' ? node.registry : node.repository.registry;
    const registries = new Set(this.sameRegistry(registry));
    const repositoryName = node.kind === 'repository' ? node.name : node.repository.name;
    const repositories = [...registries].flatMap((r) => (this.repositories.get(r)?.items ?? []).filter((repository) => repository.name === repositoryName));
    const all: Node[] = [...repositories];
    for (const repository of repositories) {
      appendAll(all, this.tags.get(repository)?.items ?? []);
      appendAll(all, this.searched.get(repository)?.tags ?? []);
      appendAll(all, this.manifests.get(this.groupOf(repository))?.items ?? []);
    }
    for (const [owner, paged] of this.expanded) {
      if (registries.has(owner.repository.registry) && owner.repository.name === repositoryName) {
        appendAll(all, paged.items);
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

  /** Drops a registry's listing and everything under its repositories; returns those repositories. */
  dropRegistry(registry: RegistryNode): readonly RepositoryNode[] {
    const dropped = this.repositories.get(registry)?.items ?? [];
    for (const repository of dropped) {
      this.dropRepository(repository);
    }
    this.repositories.delete(registry);
    return dropped;
  }

  dropRepository(repository: RepositoryNode): void {
    this.tags.delete(repository);
    const group = this.groups.get(repository);
    if (group) {
      this.manifests.delete(group);
    }
    this.details.delete(repository);
    this.searched.delete(repository);
    for (const owner of [...this.expanded.keys()]) {
      if (owner.repository === repository) {
        this.expanded.delete(owner);
      }
    }
  }

  /** Server-ordered listings (tags, manifests), to be listed again in a new sort order. */
  dropOrderedListings(): void {
    this.tags.clear();
    this.manifests.clear();
  }

  clear(): void {
    this.repositories.clear();
    this.tags.clear();
    this.groups.clear();
    this.manifests.clear();
    this.expanded.clear();
    this.details.clear();
    this.searched.clear();
  }
}
