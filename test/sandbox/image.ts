/** Builds small, real, content-addressed images (gzip'd tar layer + config + manifest). Pure: no I/O. */
import { gzipSync } from 'node:zlib';
import { MEDIA_TYPES } from './model';
import { sha256Digest } from './digest';

export interface ImageSpec {
  /** Contents of the single file `/hello.txt` in the one layer; makes the digest unique. */
  content: string;
  architecture?: string;
  os?: string;
  /** OCI (default) or Docker schema 2 media types. */
  format?: 'oci' | 'docker';
}

export interface ImageParts {
  blobs: Buffer[];
  manifest: Buffer;
  mediaType: string;
  digest: string;
  architecture: string;
  os: string;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A one-file ustar archive. */
export function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512, 0);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(content.length, 12), 124, 'ascii');
  header.write(octal(0, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of header) {
    sum += byte;
  }
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512, 0);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024, 0)]);
}

export function buildImage(spec: ImageSpec): ImageParts {
  const architecture = spec.architecture ?? 'amd64';
  const os = spec.os ?? 'linux';
  const docker = spec.format === 'docker';
  const tar = tarOf('hello.txt', Buffer.from(`${spec.content}\n`, 'utf8'));
  const layer = gzipSync(tar, { level: 9 });
  const config = Buffer.from(
    JSON.stringify({
      architecture,
      os,
      config: { Cmd: ['/hello.txt'] },
      rootfs: { type: 'layers', diff_ids: [sha256Digest(tar)] },
      history: [{ created_by: 'acr-image-locks sandbox seed' }],
    }),
    'utf8',
  );
  const mediaType = docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: docker ? MEDIA_TYPES.dockerConfig : MEDIA_TYPES.ociConfig, digest: sha256Digest(config), size: config.length },
      layers: [{ mediaType: docker ? MEDIA_TYPES.dockerLayer : MEDIA_TYPES.ociLayer, digest: sha256Digest(layer), size: layer.length }],
    }),
    'utf8',
  );
  return { blobs: [layer, config], manifest, mediaType, digest: sha256Digest(manifest), architecture, os };
}

/** A multi-platform index over already built images. */
export function buildIndex(children: readonly ImageParts[]): { manifest: Buffer; mediaType: string; digest: string } {
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: children.map((c) => ({ mediaType: c.mediaType, digest: c.digest, size: c.manifest.length, platform: { architecture: c.architecture, os: c.os } })),
    }),
    'utf8',
  );
  return { manifest, mediaType: MEDIA_TYPES.ociIndex, digest: sha256Digest(manifest) };
}
