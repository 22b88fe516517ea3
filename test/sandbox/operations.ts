/** Content mutations with ACR's lock enforcement (acr-api.md §2, §3). */
import { type ManifestRecord, type RegistryRecord, type RepositoryRecord, type TagRecord, type PlatformReference, MEDIA_TYPES, blocksDelete, defaultAttributes, isIndexMediaType, DIGEST_PATTERN } from './model';
import { RegistryError, badRequest, disallowed } from './errors';
import { sha256Digest } from './digest';
import { getOrCreateRepository, requireRepository, requireTag } from './store';
import { now } from './clock';

export interface WriteOptions {
  /** Fixed timestamp (seeds); default: now. */
  time?: string;
}

export function putBlob(registry: RegistryRecord, data: Buffer): string {
  const digest = sha256Digest(data);
  registry.blobs.set(digest, data);
  return digest;
}

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
  platform?: { architecture?: unknown; os?: unknown };
}

interface ParsedManifest {
  mediaType?: unknown;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

function parseManifest(body: Buffer): ParsedManifest {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as ParsedManifest;
    }
  } catch {
    // fall through
  }
  throw badRequest('MANIFEST_INVALID', 'manifest invalid');
}

function descriptorDigest(d: Descriptor | undefined): string {
  if (!d || typeof d.digest !== 'string' || !DIGEST_PATTERN.test(d.digest)) {
    throw badRequest('MANIFEST_INVALID', 'manifest invalid', { reason: 'missing or invalid descriptor digest' });
  }
  return d.digest;
}

function descriptorSize(d: Descriptor): number {
  return typeof d.size === 'number' ? d.size : 0;
}

function readConfig(registry: RegistryRecord, digest: string): { architecture?: string; os?: string } {
  const blob = registry.blobs.get(digest);
  if (!blob) {
    return {};
  }
  try {
    const config = JSON.parse(blob.toString('utf8')) as { architecture?: unknown; os?: unknown };
    return {
      ...(typeof config.architecture === 'string' ? { architecture: config.architecture } : {}),
      ...(typeof config.os === 'string' ? { os: config.os } : {}),
    };
  } catch {
    return {};
  }
}

function normalizeContentType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim();
  return type && type !== 'application/json' && type !== 'application/octet-stream' ? type : undefined;
}

/** Builds the stored record of a manifest (validates referenced blobs / child manifests). */
function describeManifest(registry: RegistryRecord, repository: RepositoryRecord | undefined, digest: string, body: Buffer, contentType: string | undefined, time: string): ManifestRecord {
  const parsed = parseManifest(body);
  const mediaType = normalizeContentType(contentType) ?? (typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined) ?? (Array.isArray(parsed.manifests) ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest);
  const record: ManifestRecord = { digest, mediaType, body: body.toString('utf8'), imageSize: 0, createdTime: time, lastUpdateTime: time, attributes: defaultAttributes() };
  if (isIndexMediaType(mediaType) || Array.isArray(parsed.manifests)) {
    const references: PlatformReference[] = [];
    for (const child of parsed.manifests ?? []) {
      const childDigest = descriptorDigest(child);
      const known = repository?.manifests.get(childDigest);
      if (!known) {
        throw badRequest('MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', { digest: childDigest });
      }
      record.imageSize += known.imageSize;
      references.push({
        digest: childDigest,
        architecture: typeof child.platform?.architecture === 'string' ? child.platform.architecture : (known.architecture ?? ''),
        os: typeof child.platform?.os === 'string' ? child.platform.os : (known.os ?? ''),
      });
    }
    record.references = references;
    return record;
  }
  const configDigest = descriptorDigest(parsed.config);
  const descriptors = [parsed.config ?? {}, ...(parsed.layers ?? [])];
  for (const d of descriptors) {
    const blobDigest = descriptorDigest(d);
    if (!registry.blobs.has(blobDigest)) {
      throw badRequest('MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', { digest: blobDigest });
    }
    record.imageSize += descriptorSize(d);
  }
  if (typeof parsed.config?.mediaType === 'string') {
    record.configMediaType = parsed.config.mediaType;
  }
  Object.assign(record, readConfig(registry, configDigest));
  return record;
}

/**
 * PUT /v2/{name}/manifests/{reference}. Refused with 405 when the repository is write-locked,
 * the tag being overwritten is write-locked, or an existing manifest pushed by digest is write-locked.
 */
export function putManifest(registry: RegistryRecord, repositoryName: string, reference: string, contentType: string | undefined, body: Buffer, options: WriteOptions = {}): string {
  const digest = sha256Digest(body);
  const byDigest = reference.startsWith('sha256:');
  if (byDigest && reference !== digest) {
    throw badRequest('DIGEST_INVALID', 'provided digest did not match uploaded content', { digest: reference });
  }
  const existingRepository = registry.repositories.get(repositoryName);
  if (existingRepository && !existingRepository.attributes.writeEnabled) {
    throw disallowed();
  }
  const existingTag = byDigest ? undefined : existingRepository?.tags.get(reference);
  if (existingTag && !existingTag.attributes.writeEnabled) {
    throw disallowed();
  }
  const existingManifest = existingRepository?.manifests.get(digest);
  if (byDigest && existingManifest && !existingManifest.attributes.writeEnabled) {
    throw disallowed();
  }
  const time = options.time ?? now();
  const record = describeManifest(registry, existingRepository, digest, body, contentType, time);
  const repository = getOrCreateRepository(registry, repositoryName, time);
  if (!existingManifest) {
    repository.manifests.set(digest, record);
  }
  if (!byDigest) {
    const tag: TagRecord = existingTag ?? { name: reference, digest, createdTime: time, lastUpdateTime: time, attributes: defaultAttributes() };
    tag.digest = digest;
    tag.lastUpdateTime = time;
    repository.tags.set(reference, tag);
  }
  repository.lastUpdateTime = time;
  return digest;
}

function dropRepositoryIfEmpty(registry: RegistryRecord, repository: RepositoryRecord): void {
  if (repository.manifests.size === 0 && repository.tags.size === 0) {
    registry.repositories.delete(repository.name);
  }
}

/** DELETE /v2/{name}/manifests/{digest}: removes the manifest and every tag pointing at it. */
export function deleteManifest(registry: RegistryRecord, repositoryName: string, digest: string): void {
  const repository = requireRepository(registry, repositoryName);
  const manifest = repository.manifests.get(digest);
  if (!manifest) {
    throw new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest ${digest} is not found`, { Digest: digest });
  }
  const tags = [...repository.tags.values()].filter((t) => t.digest === digest);
  if (!repository.attributes.writeEnabled || blocksDelete(manifest.attributes) || tags.some((t) => blocksDelete(t.attributes))) {
    throw disallowed();
  }
  for (const tag of tags) {
    repository.tags.delete(tag.name);
  }
  repository.manifests.delete(digest);
  repository.lastUpdateTime = now();
  dropRepositoryIfEmpty(registry, repository);
}

/** DELETE /acr/v1/{name}/_tags/{tag}: untag; decided by the tag's own lock and the repository's write lock. */
export function deleteTag(registry: RegistryRecord, repositoryName: string, tagName: string): string {
  const repository = requireRepository(registry, repositoryName);
  const tag = requireTag(repository, tagName);
  if (!repository.attributes.writeEnabled || blocksDelete(tag.attributes)) {
    throw disallowed();
  }
  repository.tags.delete(tagName);
  repository.lastUpdateTime = now();
  return tag.digest;
}

/** DELETE /acr/v1/{name}: refused while the repository or anything in it is write- or delete-locked. */
export function deleteRepository(registry: RegistryRecord, repositoryName: string): { manifestsDeleted: string[]; tagsDeleted: string[] } {
  const repository = requireRepository(registry, repositoryName);
  const locked =
    blocksDelete(repository.attributes) ||
    [...repository.tags.values()].some((t) => blocksDelete(t.attributes)) ||
    [...repository.manifests.values()].some((m) => blocksDelete(m.attributes));
  if (locked) {
    throw disallowed();
  }
  registry.repositories.delete(repositoryName);
  return { manifestsDeleted: [...repository.manifests.keys()].sort(), tagsDeleted: [...repository.tags.keys()].sort() };
}

/** Pull of a manifest: refused (405) when the repository, the tag used, or the manifest is read-disabled. */
export function checkPull(repository: RepositoryRecord, tag: TagRecord | undefined, manifest: ManifestRecord): void {
  if (!repository.attributes.readEnabled || (tag !== undefined && !tag.attributes.readEnabled) || !manifest.attributes.readEnabled) {
    throw disallowed();
  }
}
