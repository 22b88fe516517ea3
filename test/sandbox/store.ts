import { type RegistryRecord, type RepositoryRecord, type TagRecord, type ManifestRecord, defaultAttributes } from './model';
import { metadataManifestUnknown, nameUnknown, tagUnknown } from './errors';

/** All registries served by one sandbox, in memory. */
export class Store {
  readonly registries: RegistryRecord[] = [];

  constructor(names: readonly string[]) {
    for (const name of names) {
      this.registries.push({
        name,
        loginServer: `${name}.azurecr.io`,
        repositories: new Map(),
        blobs: new Map(),
        uploads: new Map(),
      });
    }
  }

  registry(name: string): RegistryRecord | undefined {
    return this.registries.find((r) => r.name === name);
  }

  /** Throws if the registry is unknown (used by the out-of-band control API). */
  requireRegistry(name: string): RegistryRecord {
    const registry = this.registry(name);
    if (!registry) {
      throw new Error(`sandbox serves no registry named '${name}'`);
    }
    return registry;
  }
}

export function requireRepository(registry: RegistryRecord, name: string): RepositoryRecord {
  const repository = registry.repositories.get(name);
  if (!repository) {
    throw nameUnknown(name);
  }
  return repository;
}

export function requireTag(repository: RepositoryRecord, name: string): TagRecord {
  const tag = repository.tags.get(name);
  if (!tag) {
    throw tagUnknown();
  }
  return tag;
}

/** Resolves a digest (or, leniently, a tag) to a manifest of the repository. */
export function requireManifest(repository: RepositoryRecord, reference: string): ManifestRecord {
  const digest = reference.startsWith('sha256:') ? reference : repository.tags.get(reference)?.digest;
  const manifest = digest === undefined ? undefined : repository.manifests.get(digest);
  if (!manifest) {
    throw metadataManifestUnknown();
  }
  return manifest;
}

export function getOrCreateRepository(registry: RegistryRecord, name: string, time: string): RepositoryRecord {
  let repository = registry.repositories.get(name);
  if (!repository) {
    repository = { name, createdTime: time, lastUpdateTime: time, attributes: defaultAttributes(), tags: new Map(), manifests: new Map() };
    registry.repositories.set(name, repository);
  }
  return repository;
}

/** Tags (names, sorted) that point at `digest`. */
export function tagsOf(repository: RepositoryRecord, digest: string): string[] {
  const names: string[] = [];
  for (const tag of repository.tags.values()) {
    if (tag.digest === digest) {
      names.push(tag.name);
    }
  }
  return names.sort();
}
