/** Reads what "Why is this protected?" needs: the repository, the tag, its manifest and the manifest's other tags. */
import { type ProtectionInput } from '../../registry/protection';
import { type ManifestInfo } from '../../registry/models';
import { type RegistryClient } from '../../registry/registryClient';
import { type LockableNode } from '../../tree/nodes';

export interface ProtectionRead {
  readonly input: ProtectionInput;
  readonly manifest?: ManifestInfo;
}

export async function readProtection(client: RegistryClient, node: LockableNode): Promise<ProtectionRead> {
  const repositoryName = node.kind === 'repository' ? node.name : node.repository.name;
  const repository = await client.getRepository(repositoryName);
  if (node.kind === 'repository') {
    return { input: { repository } };
  }
  const tag = node.kind === 'tag' ? await client.getTag(repositoryName, node.tag.name) : undefined;
  const manifest = await client.getManifest(repositoryName, tag ? tag.digest : node.kind === 'manifest' ? node.manifest.digest : '');
  const otherNames = manifest.tags.filter((t) => t !== tag?.name);
  const otherTags = [];
  for (const name of otherNames) {
    otherTags.push(await client.getTag(repositoryName, name));
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
