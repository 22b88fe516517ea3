/**
 * The nine preset commands (Lock, Unlock, Protect from Deletion, …), one factory: confirm when
 * the preset removes protection or blocks pulls, let the engine apply only what differs (and
 * verify the answer), then say what still matters (a tag's manifest lock, a repository's images
 * keeping their own locks).
 */
import * as vscode from 'vscode';
import { blocksDelete, CONFIRMED_PRESETS, FLAG_NAMES, type LockChange, PRESETS, type PresetId } from '../registry/attributes';
import { type LockableNode, type ManifestNode, type TagNode } from '../tree/nodes';
import { type Command, type CommandContext } from './command';
import { applyToNode, clientOf, describeTarget, nodeItems, showResult } from './lock/apply';
import { confirmChange } from './lock/confirm';
import { reportSummary, runWithProgress } from './lock/progress';
import { lockSettings } from './lock/settings';
import { lockTargets } from './lock/targets';

export const PRESET_TITLE: Readonly<Record<PresetId, () => string>> = {
  lock: () => vscode.l10n.t('Lock'),
  unlock: () => vscode.l10n.t('Unlock'),
  protectFromDeletion: () => vscode.l10n.t('Protect from Deletion'),
  allowDeletion: () => vscode.l10n.t('Allow Deletion'),
  preventUpdates: () => vscode.l10n.t('Prevent Updates'),
  blockPulls: () => vscode.l10n.t('Block Pulls'),
  allowPulls: () => vscode.l10n.t('Allow Pulls'),
  hideFromListings: () => vscode.l10n.t('Hide from Listings'),
  showInListings: () => vscode.l10n.t('Show in Listings'),
};

/** `writeEnabled=false, deleteEnabled=false` */
export function describeChange(change: LockChange): string {
  return FLAG_NAMES.filter((f) => change[f] !== undefined)
    .map((f) => `${f}=${String(change[f])}`)
    .join(', ');
}

function manifestNodeOf(tag: TagNode, manifest: ManifestNode['manifest']): ManifestNode {
  return { kind: 'manifest', repository: tag.repository, manifest, parent: tag };
}

/**
 * One change to the given nodes: one item directly (its failure is the command's), several
 * through the engine's bulk run with progress and a summary. Returns the nodes that ended as wanted.
 */
export async function applyToNodes(context: CommandContext, title: string, nodes: readonly LockableNode[], change: LockChange): Promise<LockableNode[]> {
  const { services } = context;
  if (nodes.length === 1) {
    await applyToNode(services, nodes[0], change);
    return [...nodes];
  }
  const items = await nodeItems(services, nodes);
  const report = await runWithProgress(context, vscode.l10n.t('{0}: {1} items', title, items.length), items.length, (hooks) =>
    services.engine.applyMany(items, change, hooks),
  );
  for (const outcome of report.outcomes) {
    if (outcome.value) {
      showResult(services, outcome.item.node, outcome.value);
    }
  }
  reportSummary(context, title, report, (item) => describeTarget(item.node));
  return report.outcomes.filter((o) => o.status === 'changed' || o.status === 'unchanged').map((o) => o.item.node);
}

/** Lock of a tag: also lock its manifest when the setting says so (or the user agrees). */
async function maybeLockManifest(context: CommandContext, tags: readonly TagNode[]): Promise<void> {
  const { services } = context;
  const setting = lockSettings().lockManifestWithTag;
  if (tags.length === 0 || setting === 'never') {
    return;
  }
  if (setting === 'ask') {
    const action = vscode.l10n.t('Lock Manifest Too');
    const message =
      tags.length === 1
        ? vscode.l10n.t('Also lock the manifest of {0}?', describeTarget(tags[0]))
        : vscode.l10n.t('Also lock the manifests of these {0} tags?', tags.length);
    const detail = vscode.l10n.t(
      'Tag and manifest locks are separate. ACR refuses to delete an image, by tag or by digest, while a tag pointing at it is locked, so the tag lock already blocks deletion; locking the manifest too keeps the image protected under its digest after the tag is unlocked or moved (for deployments that pin the digest). The setting acrLocks.lockManifestWithTag can answer this for good.',
    );
    if ((await services.ui.confirm(message, detail, action)) !== action) {
      return;
    }
  }
  for (const tag of tags) {
    const client = await clientOf(services, tag);
    const manifest = tag.manifest ?? (await client.getManifest(tag.repository.name, tag.tag.digest));
    await applyToNode(services, manifestNodeOf(tag, manifest), PRESETS.lock);
  }
}

/** After unlocking tags: deletion stays blocked while the manifest is locked; offer to unlock it. */
async function warnLockedManifests(context: CommandContext, tags: readonly TagNode[], preset: PresetId): Promise<void> {
  const { services } = context;
  const locked: ManifestNode[] = [];
  for (const tag of tags) {
    const client = await clientOf(services, tag);
    const manifest = await client.getManifest(tag.repository.name, tag.tag.digest);
    if (blocksDelete(manifest.attributes)) {
      locked.push(manifestNodeOf(tag, manifest));
    }
  }
  if (locked.length === 0) {
    return;
  }
  const action = vscode.l10n.t('Unlock Manifest Too');
  const message =
    locked.length === 1
      ? vscode.l10n.t(
          'Deletion of {0} stays blocked: its manifest {1} is still locked (tag and manifest locks are separate).',
          describeTarget(tags[0]),
          locked[0].manifest.digest,
        )
      : vscode.l10n.t('Deletion stays blocked for {0} tags: their manifests are still locked (tag and manifest locks are separate).', locked.length);
  // The action runs inside the command boundary: its failures are shown and recorded.
  context.offer(services.ui.warn(message, action), action, async () => {
    await applyToNodes(context, PRESET_TITLE[preset](), locked, PRESETS[preset]);
  });
}

export function presetCommand(id: string, preset: PresetId): Command {
  return {
    id,
    async run(context, node, selected) {
      const { services } = context;
      const nodes = await lockTargets(services, node, selected, ['repository', 'tag', 'manifest']);
      if (nodes.length === 0) {
        return;
      }
      context.itemCount = nodes.length;
      const change = PRESETS[preset];
      const title = PRESET_TITLE[preset]();
      if (CONFIRMED_PRESETS.has(preset)) {
        await confirmChange(
          services,
          nodes.length === 1
            ? vscode.l10n.t('{0} {1}?', title, describeTarget(nodes[0]))
            : vscode.l10n.t('{0}: change {1} items?', title, nodes.length),
          vscode.l10n.t('Sets {0} where it differs; other attributes keep their values.', describeChange(change)),
          title,
        );
      }
      const changed = await applyToNodes(context, title, nodes, change);
      const tags = changed.filter((n): n is TagNode => n.kind === 'tag');
      if (preset === 'lock') {
        await maybeLockManifest(context, tags);
      }
      if (preset === 'unlock' || preset === 'allowDeletion') {
        await warnLockedManifests(context, tags, preset);
        if (changed.some((n) => n.kind === 'repository')) {
          void services.ui.info(vscode.l10n.t('The repository is unlocked; individual images keep their own tag and manifest locks.'));
        }
      }
    },
  };
}
