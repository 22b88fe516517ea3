/** Writes an OCI image layout directory (for `skopeo copy oci:DIR:TAG ...`) from built image parts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImageParts } from './image';
import { sha256Digest } from './digest';

export function writeOciLayout(dir: string, tag: string, image: ImageParts): void {
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  for (const data of [...image.blobs, image.manifest]) {
    writeFileSync(join(blobs, sha256Digest(data).slice('sha256:'.length)), data);
  }
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: image.mediaType, digest: image.digest, size: image.manifest.length, annotations: { 'org.opencontainers.image.ref.name': tag } }] }),
  );
}
