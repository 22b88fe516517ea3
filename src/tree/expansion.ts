/**
 * The children of an expanded tag or manifest: a tag shows its manifest; a manifest its tags
 * (hidden ones included, unless shown under a tag) and its platforms (multi-arch index).
 */
import { type RegistryClient } from '../registry/registryClient';
import { type NodeCache } from './cache';
import { infoNode } from './messages';
import { type ManifestNode, type Node, type TagNode } from './nodes';

export async function expansionOf(node: TagNode | ManifestNode, client: RegistryClient, cache: NodeCache): Promise<Node[]> {
  const repository = node.repository;
  if (node.kind === 'tag') {
    const manifest = node.manifest ?? (await cache.detail(client, repository, node.tag.digest));
    return [{ kind: 'manifest', repository, manifest, parent: node }];
  }
  const detail = await cache.detail(client, repository, node.manifest.digest);
  node.manifest = { ...node.manifest, references: detail.references };
  const children: Node[] = [];
  if (node.parent?.kind !== 'tag') {
    const listed = new Map((cache.tags.get(repository)?.items ?? []).map((t) => [t.tag.name, t]));
    for (const name of detail.tags) {
      const known = listed.get(name);
      // Not in the loaded `_tags` pages: hidden (listEnabled=false) or on a later page; read it.
      const tag = known?.tag ?? (await client.getTag(repository.name, name));
      children.push({ kind: 'tag', repository, tag, hidden: !tag.attributes.listEnabled, manifest: node.manifest });
    }
  }
  for (const platform of detail.references) {
    const known = cache.knownManifest(repository, platform.digest) ?? (await cache.detail(client, repository, platform.digest));
    children.push({ kind: 'manifest', repository, manifest: known, parent: node });
  }
  if (children.length === 0) {
    children.push(infoNode(node, 'untagged'));
  }
  return children;
}
