/** Lock Manifest of Tag: locks the manifest a tag points at (tag and manifest locks are separate). */
import { PRESETS } from '../locks/attributes';
import { type ManifestNode, type TagNode } from '../tree/nodes';
import { type Command } from './support/command';
import { applyToNode, clientOf } from './lock/apply';
import { lockTargets } from './lock/targets';

export const lockManifestOfTag: Command = {
  id: 'acrLocks.lockManifestOfTag',
  async run(context, node, selected) {
    const { services } = context;
    const tags = (await lockTargets(services, node, selected, ['tag'])).filter((n): n is TagNode => n.kind === 'tag');
    context.itemCount = tags.length;
    for (const tag of tags) {
      const client = await clientOf(services, tag);
      const current = await client.getTag(tag.repository.name, tag.tag.name);
      const manifest = await client.getManifest(tag.repository.name, current.digest);
      const manifestNode: ManifestNode = { kind: 'manifest', repository: tag.repository, manifest, parent: tag };
      await applyToNode(services, manifestNode, PRESETS.lock);
    }
  },
};
