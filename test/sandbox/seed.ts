/** Seed data sets: `demo`, `empty`, `large:N`. Everything is real, content-addressed and pullable. */
import { type ChangeableAttributes, type RegistryRecord, MEDIA_TYPES, defaultAttributes } from './model';
import { buildImage, buildIndex, type ImageSpec } from './image';
import { putBlob, putManifest } from './operations';
import { at } from './clock';
import { sha256Digest } from './digest';
import { getOrCreateRepository, requireRepository } from './store';

export type SeedName = { kind: 'demo' } | { kind: 'empty' } | { kind: 'large'; tags: number } | { kind: 'repositories'; count: number };

export function parseSeed(value: string): SeedName {
  if (value === 'demo' || value === 'empty') {
    return { kind: value };
  }
  const large = /^large:(\d+)$/.exec(value);
  if (large) {
    const tags = Number(large[1]);
    if (tags >= 1 && tags <= 1_000_000) {
      return { kind: 'large', tags };
    }
  }
  // `repos:N`: N repositories (`repo-0001`…), each with tags `v1` and `latest` on one manifest — a wide registry.
  const repos = /^repos:(\d+)$/.exec(value);
  if (repos) {
    const count = Number(repos[1]);
    if (count >= 1 && count <= 100_000) {
      return { kind: 'repositories', count };
    }
  }
  throw new Error(`invalid seed '${value}': expected demo, empty, large:N (1 <= N <= 1000000) or repos:N (1 <= N <= 100000)`);
}

const BASE_TIME = '2024-01-01T00:00:00.000Z';

/** One pushed item of the demo seed; exported so tests and docs share one description. */
export interface DemoImage {
  repository: string;
  /** Tags pointing at this image (empty: untagged). */
  tags: string[];
  spec: ImageSpec;
}

export const DEMO_IMAGES: readonly DemoImage[] = [
  { repository: 'hello-world', tags: [], spec: { content: 'hello-world old build', format: 'docker' } },
  { repository: 'hello-world', tags: ['latest', 'v1'], spec: { content: 'hello-world v1', format: 'docker' } },
  { repository: 'hello-world', tags: ['v2'], spec: { content: 'hello-world v2', format: 'docker' } },
  { repository: 'hello-world', tags: ['v3'], spec: { content: 'hello-world v3', format: 'docker' } },
  { repository: 'hello-world', tags: ['beta'], spec: { content: 'hello-world beta', format: 'docker' } },
  { repository: 'team/app', tags: ['1.0'], spec: { content: 'team/app 1.0' } },
  { repository: 'team/app', tags: ['1.1'], spec: { content: 'team/app 1.1' } },
  { repository: 'team/app', tags: ['latest'], spec: { content: 'team/app 1.2' } },
  { repository: 'locked-repo', tags: ['stable'], spec: { content: 'locked-repo stable' } },
];

/** The multi-arch image: `multiarch:latest` is an OCI index over these two untagged children. */
export const DEMO_MULTIARCH: readonly ImageSpec[] = [
  { content: 'multiarch amd64', architecture: 'amd64', os: 'linux' },
  { content: 'multiarch arm64', architecture: 'arm64', os: 'linux' },
];

type Locks = Partial<ChangeableAttributes>;

/** Locks applied after pushing (see README "Demo seed"). */
export const DEMO_TAG_LOCKS: readonly { repository: string; tag: string; attributes: Locks }[] = [
  { repository: 'hello-world', tag: 'v1', attributes: { writeEnabled: false, deleteEnabled: false } },
  { repository: 'hello-world', tag: 'v2', attributes: { deleteEnabled: false } },
  { repository: 'hello-world', tag: 'v3', attributes: { writeEnabled: false } },
  { repository: 'hello-world', tag: 'beta', attributes: { listEnabled: false } },
  { repository: 'team/app', tag: '1.0', attributes: { readEnabled: false } },
];
/** Manifest locks, addressed by the tag that points at the manifest. */
export const DEMO_MANIFEST_LOCKS: readonly { repository: string; tag: string; attributes: Locks }[] = [
  { repository: 'team/app', tag: '1.1', attributes: { writeEnabled: false, deleteEnabled: false } },
];
export const DEMO_REPOSITORY_LOCKS: readonly { repository: string; attributes: Locks }[] = [
  { repository: 'locked-repo', attributes: { writeEnabled: false, deleteEnabled: false } },
];

/** Manifest digest of a demo image by its seed content string (stable across runs). */
export function demoDigest(content: string): string {
  const spec = [...DEMO_IMAGES.map((i) => i.spec), ...DEMO_MULTIARCH].find((s) => s.content === content);
  if (!spec) {
    throw new Error(`no demo image with content '${content}'`);
  }
  return buildImage(spec).digest;
}

function pushImage(registry: RegistryRecord, repository: string, reference: string | undefined, spec: ImageSpec, time: string): string {
  const image = buildImage(spec);
  for (const blob of image.blobs) {
    putBlob(registry, blob);
  }
  return putManifest(registry, repository, reference ?? image.digest, image.mediaType, image.manifest, { time });
}

function seedDemo(registry: RegistryRecord): void {
  let minute = 0;
  const next = (): string => at(BASE_TIME, 60 * minute++);
  for (const image of DEMO_IMAGES) {
    if (image.tags.length === 0) {
      pushImage(registry, image.repository, undefined, image.spec, next());
    }
    for (const tag of image.tags) {
      pushImage(registry, image.repository, tag, image.spec, next());
    }
  }
  const children = DEMO_MULTIARCH.map((spec) => {
    pushImage(registry, 'multiarch', undefined, spec, next());
    return buildImage(spec);
  });
  const index = buildIndex(children);
  putManifest(registry, 'multiarch', 'latest', index.mediaType, index.manifest, { time: next() });

  for (const lock of DEMO_TAG_LOCKS) {
    const tag = requireRepository(registry, lock.repository).tags.get(lock.tag);
    if (tag) {
      Object.assign(tag.attributes, lock.attributes);
    }
  }
  for (const lock of DEMO_MANIFEST_LOCKS) {
    const repository = requireRepository(registry, lock.repository);
    const digest = repository.tags.get(lock.tag)?.digest;
    const manifest = digest === undefined ? undefined : repository.manifests.get(digest);
    if (manifest) {
      Object.assign(manifest.attributes, lock.attributes);
    }
  }
  for (const lock of DEMO_REPOSITORY_LOCKS) {
    Object.assign(requireRepository(registry, lock.repository).attributes, lock.attributes);
  }
}

/** Repository `big` with `count` tags `t00001`… each on its own manifest (shared layer, distinct config). */
function seedLarge(registry: RegistryRecord, count: number): void {
  const width = Math.max(5, String(count).length);
  const shared = buildImage({ content: 'big shared layer' });
  const layer = shared.blobs[0];
  if (!layer) {
    throw new Error('image builder returned no layer');
  }
  const layerDigest = putBlob(registry, layer);
  for (let i = 1; i <= count; i++) {
    const tag = `t${String(i).padStart(width, '0')}`;
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { tag } }, rootfs: { type: 'layers', diff_ids: [] } }), 'utf8');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociManifest,
        config: { mediaType: MEDIA_TYPES.ociConfig, digest: sha256Digest(config), size: config.length },
        layers: [{ mediaType: MEDIA_TYPES.ociLayer, digest: layerDigest, size: layer.length }],
      }),
      'utf8',
    );
    putBlob(registry, config);
    // Direct insertion (no JSON re-parsing) keeps large:10000 fast; same records putManifest would create.
    const time = at(BASE_TIME, i);
    const digest = sha256Digest(manifest);
    const repository = getOrCreateRepository(registry, 'big', time);
    repository.manifests.set(digest, {
      digest,
      mediaType: MEDIA_TYPES.ociManifest,
      body: manifest.toString('utf8'),
      imageSize: config.length + layer.length,
      createdTime: time,
      lastUpdateTime: time,
      attributes: defaultAttributes(),
      architecture: 'amd64',
      os: 'linux',
      configMediaType: MEDIA_TYPES.ociConfig,
    });
    repository.tags.set(tag, { name: tag, digest, createdTime: time, lastUpdateTime: time, attributes: defaultAttributes() });
    repository.lastUpdateTime = time;
  }
}

/** `count` repositories `repo-0001`… each with one manifest tagged `v1` and `latest` (shared layer, distinct config). */
function seedRepositories(registry: RegistryRecord, count: number): void {
  const width = Math.max(4, String(count).length);
  const shared = buildImage({ content: 'repos shared layer' });
  const layer = shared.blobs[0];
  if (!layer) {
    throw new Error('image builder returned no layer');
  }
  const layerDigest = putBlob(registry, layer);
  for (let i = 1; i <= count; i++) {
    const name = `repo-${String(i).padStart(width, '0')}`;
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { repository: name } }, rootfs: { type: 'layers', diff_ids: [] } }), 'utf8');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociManifest,
        config: { mediaType: MEDIA_TYPES.ociConfig, digest: sha256Digest(config), size: config.length },
        layers: [{ mediaType: MEDIA_TYPES.ociLayer, digest: layerDigest, size: layer.length }],
      }),
      'utf8',
    );
    putBlob(registry, config);
    const time = at(BASE_TIME, i);
    const digest = sha256Digest(manifest);
    const repository = getOrCreateRepository(registry, name, time);
    repository.manifests.set(digest, {
      digest,
      mediaType: MEDIA_TYPES.ociManifest,
      body: manifest.toString('utf8'),
      imageSize: config.length + layer.length,
      createdTime: time,
      lastUpdateTime: time,
      attributes: defaultAttributes(),
      architecture: 'amd64',
      os: 'linux',
      configMediaType: MEDIA_TYPES.ociConfig,
    });
    for (const tag of ['v1', 'latest']) {
      repository.tags.set(tag, { name: tag, digest, createdTime: time, lastUpdateTime: time, attributes: defaultAttributes() });
    }
    repository.lastUpdateTime = time;
  }
}

export function applySeed(registry: RegistryRecord, seed: SeedName): void {
  if (seed.kind === 'demo') {
    seedDemo(registry);
  } else if (seed.kind === 'large') {
    seedLarge(registry, seed.tags);
  } else if (seed.kind === 'repositories') {
    seedRepositories(registry, seed.count);
  }
}
