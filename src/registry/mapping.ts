/** SDK models → this extension's models, and lock changes → the SDK's `can*` options. */
import type {
  ArtifactManifestProperties,
  ArtifactTagProperties,
  ContainerRepositoryProperties,
  UpdateManifestPropertiesOptions,
} from '@azure/container-registry';
import { type LockAttributes, type LockChange } from './models';
import { RegistryError } from './errors';
import { type ManifestInfo, type RepositoryInfo, type TagInfo } from './models';

interface SdkFlags {
  readonly canWrite?: boolean;
  readonly canDelete?: boolean;
  readonly canRead?: boolean;
  readonly canList?: boolean;
}

/**
 * All four flags, or a `badResponse` error: an answer without `changeableAttributes` (or with
 * a flag missing) is never read as "enabled", which would report a lock as absent.
 */
export function toAttributes(flags: SdkFlags, what = 'an item'): LockAttributes {
  const { canWrite, canDelete, canRead, canList } = flags;
  if (typeof canWrite !== 'boolean' || typeof canDelete !== 'boolean' || typeof canRead !== 'boolean' || typeof canList !== 'boolean') {
    throw new RegistryError('badResponse', `The registry answered for ${what} without its changeable attributes.`, {
      code: 'MISSING_ATTRIBUTES',
    });
  }
  return { writeEnabled: canWrite, deleteEnabled: canDelete, readEnabled: canRead, listEnabled: canList };
}

/** Only the flags the change names, so the PATCH body never clobbers the others. */
export function toSdkChange(change: LockChange): UpdateManifestPropertiesOptions {
  const out: { canWrite?: boolean; canDelete?: boolean; canRead?: boolean; canList?: boolean } = {};
  if (change.writeEnabled !== undefined) {
    out.canWrite = change.writeEnabled;
  }
  if (change.deleteEnabled !== undefined) {
    out.canDelete = change.deleteEnabled;
  }
  if (change.readEnabled !== undefined) {
    out.canRead = change.readEnabled;
  }
  if (change.listEnabled !== undefined) {
    out.canList = change.listEnabled;
  }
  return out;
}

export function toRepositoryInfo(p: ContainerRepositoryProperties): RepositoryInfo {
  return {
    kind: 'repository',
    name: p.name,
    attributes: toAttributes(p, `repository ${p.name}`),
    createdOn: p.createdOn,
    lastUpdatedOn: p.lastUpdatedOn,
    manifestCount: p.manifestCount,
    tagCount: p.tagCount,
  };
}

export function toTagInfo(p: ArtifactTagProperties): TagInfo {
  return {
    kind: 'tag',
    repository: p.repositoryName,
    name: p.name,
    digest: p.digest,
    attributes: toAttributes(p, `tag ${p.name}`),
    createdOn: p.createdOn,
    lastUpdatedOn: p.lastUpdatedOn,
  };
}

export function toManifestInfo(p: ArtifactManifestProperties): ManifestInfo {
  return {
    kind: 'manifest',
    repository: p.repositoryName,
    digest: p.digest,
    attributes: toAttributes(p, `manifest ${p.digest}`),
    tags: p.tags ?? [],
    createdOn: p.createdOn,
    lastUpdatedOn: p.lastUpdatedOn,
    sizeInBytes: p.sizeInBytes,
    architecture: p.architecture,
    os: p.operatingSystem,
    references: (p.relatedArtifacts ?? []).map((r) => ({ digest: r.digest, architecture: r.architecture, os: r.operatingSystem })),
  };
}
