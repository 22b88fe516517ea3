/** Data model of the sandbox registry: three independent attribute sets (repository, tag, manifest). */

export interface ChangeableAttributes {
  deleteEnabled: boolean;
  writeEnabled: boolean;
  readEnabled: boolean;
  listEnabled: boolean;
}

export const ATTRIBUTE_KEYS: readonly (keyof ChangeableAttributes)[] = ['deleteEnabled', 'writeEnabled', 'readEnabled', 'listEnabled'];

export function defaultAttributes(): ChangeableAttributes {
  return { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true };
}

/** Copies only the four known boolean fields of `patch` onto `target`; everything else is ignored. */
export function applyAttributes(target: ChangeableAttributes, patch: Partial<Record<string, unknown>>): void {
  for (const key of ATTRIBUTE_KEYS) {
    const value = patch[key];
    if (typeof value === 'boolean') {
      target[key] = value;
    }
  }
}

/** A lock that forbids deleting / overwriting. */
export function blocksDelete(a: ChangeableAttributes): boolean {
  return !a.deleteEnabled || !a.writeEnabled;
}

export interface TagRecord {
  name: string;
  digest: string;
  createdTime: string;
  lastUpdateTime: string;
  attributes: ChangeableAttributes;
}

export interface PlatformReference {
  digest: string;
  architecture: string;
  os: string;
}

export interface ManifestRecord {
  digest: string;
  mediaType: string;
  /** The exact bytes, as pushed (UTF-8 JSON). */
  body: string;
  imageSize: number;
  createdTime: string;
  lastUpdateTime: string;
  attributes: ChangeableAttributes;
  architecture?: string;
  os?: string;
  configMediaType?: string;
  references?: PlatformReference[];
}

export interface RepositoryRecord {
  name: string;
  createdTime: string;
  lastUpdateTime: string;
  attributes: ChangeableAttributes;
  tags: Map<string, TagRecord>;
  manifests: Map<string, ManifestRecord>;
}

export interface UploadSession {
  repository: string;
  chunks: Buffer[];
  size: number;
}

export interface RegistryRecord {
  name: string;
  loginServer: string;
  repositories: Map<string, RepositoryRecord>;
  blobs: Map<string, Buffer>;
  uploads: Map<string, UploadSession>;
}

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;
}

export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
export const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;
export const REPOSITORY_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
