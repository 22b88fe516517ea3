/**
 * Reads what "Why is this protected?", "Unlock for Deletion" and the 405 explanation need: the
 * repository, the tag, its manifest and the manifest's other tags (deleting the image removes them).
 */
import { type LockTarget, type ManifestInfo } from '../registry/models';
import { type ProtectionInput } from './protection';
import { type LockClient } from './client';

export interface ProtectionRead {
  readonly input: ProtectionInput;
  /** The manifest (by digest, with its tags and platforms); absent for a repository. */
  readonly manifest?: ManifestInfo;
}

export async function readProtection(client: LockClient, target: LockTarget, options: { readonly signal?: AbortSignal } = {}): Promise<ProtectionRead> {
  const call = { abortSignal: options.signal };
  const repositoryName = target.repository;
  const repository = await client.getRepository(repositoryName, call);
  if (target.kind === 'repository') {
    return { input: { repository } };
  }
  const tag = target.kind === 'tag' ? await client.getTag(repositoryName, target.tag, call) : undefined;
  const manifest = await client.getManifest(repositoryName, tag ? tag.digest : target.kind === 'manifest' ? target.digest : '', call);
  const otherTags = [];
  for (const name of manifest.tags.filter((t) => t !== tag?.name)) {
    otherTags.push(await client.getTag(repositoryName, name, call));
  }
  return {
    input: {
      repository,
      tag: tag ? { name: tag.name, attributes: tag.attributes } : undefined,
      manifest: { digest: manifest.digest, attributes: manifest.attributes },
      otherTags: otherTags.map((t) => ({ name: t.name, attributes: t.attributes })),
    },
    manifest,
  };
}
