/**
 * The nine preset commands (Lock, Unlock, Protect from Deletion, …), one factory: confirm when
 * the preset removes protection or blocks pulls, apply only what differs, then say what still
 * matters (a tag's manifest lock, a repository's images keeping their own locks).
 */
import * as vscode from 'vscode';
import { blocksDelete, CONFIRMED_PRESETS, FLAG_NAMES, type LockChange, PRESETS, type PresetId } from '../registry/attributes';
import { type Services } from '../services';
import { type LockableNode, type ManifestNode, type TagNode } from '../tree/nodes';
import { type Command } from './command';
import { applyToNode, describeTarget } from './lock/apply';
import { confirmChange } from './lock/confirm';
import { type ChangeHistory } from './lock/history';
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

/** Lock of a tag: also lock its manifest when the setting says so (or the user agrees). */
async function maybeLockManifest(services: Services, history: ChangeHistory, tags: readonly TagNode[]): Promise<void> {
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
    if ((await services.prompts.confirm(message, detail, action)) !== action) {
      return;
    }
  }
  for (const tag of tags) {
    const client = await services.explorer.clientFor(tag.repository.registry);
    const manifest = tag.manifest ?? (await client.getManifest(tag.repository.name, tag.tag.digest));
    await applyToNode(services, history, manifestNodeOf(tag, manifest), PRESETS.lock);
  }
}

/** After unlocking tags: deletion stays blocked while the manifest is locked; offer to unlock it. */
async function warnLockedManifests(services: Services, history: ChangeHistory, tags: readonly TagNode[], preset: PresetId): Promise<void> {
  const locked: ManifestNode[] = [];
  for (const tag of tags) {
    const client = await services.explorer.clientFor(tag.repository.registry);
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
  void vscode.window.showWarningMessage(message, action).then(async (chosen) => {
    if (chosen === action) {
      for (const manifest of locked) {
        await applyToNode(services, history, manifest, PRESETS[preset]);
      }
    }
  });
}

export function presetCommand(id: string, preset: PresetId, history: ChangeHistory): Command {
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
      let changed: LockableNode[];
      if (nodes.length === 1) {
        const applied = await applyToNode(services, history, nodes[0], change);
        changed = [applied.node];
      } else {
        const report = await runWithProgress(services, vscode.l10n.t('{0}: {1} items', title, nodes.length), nodes, async (n, signal) => {
          const applied = await applyToNode(services, history, n, change, { abortSignal: signal });
          return Object.keys(applied.sent).length > 0 ? 'changed' : 'unchanged';
        });
        reportSummary(services, title, report, describeTarget);
        changed = report.outcomes.filter((o) => o.status === 'changed' || o.status === 'unchanged').map((o) => o.item);
      }
      const tags = changed.filter((n): n is TagNode => n.kind === 'tag');
      if (preset === 'lock') {
        await maybeLockManifest(services, history, tags);
      }
      if (preset === 'unlock' || preset === 'allowDeletion') {
        await warnLockedManifests(services, history, tags, preset);
        if (changed.some((n) => n.kind === 'repository')) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t('The repository is unlocked; individual images keep their own tag and manifest locks.'),
          );
        }
      }
    },
  };
}
