/**
 * How a preset command's change runs once everything is asked: one item directly, several
 * through the engine's bulk run with progress and a summary; after unlocking tags, the offer to
 * unlock their still-locked manifests; from the palette, the result in words.
 */
import * as vscode from 'vscode';
import { blocksDelete, FLAG_NAMES, type LockAttributes, type LockChange, PRESETS, type PresetId } from '../../locks/attributes';
import { describeError } from '../../errorText';
import { toRegistryError } from '../../registry/errors';
import { type Services } from '../../services';
import { stateText } from '../../tree/vscode/render';
import { attributesOf, type LockableNode, type ManifestNode, type TagNode } from '../../tree/nodes';
import { type CommandContext } from '../support/command';
import { applyToNode, clientOf, describeTarget, nodeItems, showResult } from './apply';
import { manifestNodeOf, PRESET_TITLE } from './ask';
import { reportSummary, runWithProgress } from './progress';

/**
 * One change to the given nodes: one item directly (its failure is the command's), several
 * through the engine's bulk run with progress (rows redrawn as each item finishes) and a summary.
 * Returns the nodes that ended as wanted.
 */
export async function applyToNodes(
  context: CommandContext,
  title: string,
  nodes: readonly LockableNode[],
  change: LockChange,
  known?: ReadonlyMap<LockableNode, LockAttributes>,
): Promise<LockableNode[]> {
  const { services } = context;
  if (nodes.length === 1) {
    await applyToNode(services, nodes[0], change, known?.get(nodes[0]));
    return [...nodes];
  }
  const items = await nodeItems(services, nodes);
  const report = await runWithProgress(
    context,
    vscode.l10n.t('{0}: {1} items', title, items.length),
    items.length,
    (hooks) =>
      services.engine.applyMany(items, change, {
        ...hooks,
        onProgress: (done, total, outcome) => {
          hooks.onProgress(done, total);
          if (outcome.value) {
            showResult(services, outcome.item.node, outcome.value);
          }
        },
      }),
  );
  reportSummary(context, title, report, (item) => describeTarget(item.node));
  return report.outcomes.filter((o) => o.status === 'changed' || o.status === 'unchanged').map((o) => o.item.node);
}

/** After unlocking tags: deletion stays blocked while the manifest is locked; offer to unlock it. */
export async function warnLockedManifests(context: CommandContext, tags: readonly TagNode[], preset: PresetId): Promise<void> {
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

/**
 * One item (and, for Lock, its manifest): no progress notification for so little. A manifest that
 * cannot be locked after its tag was is said so, with Retry (the tag's lock stays: it is what was asked).
 */
export async function applyOne(context: CommandContext, node: LockableNode, manifest: ManifestNode | undefined, change: LockChange, known: LockAttributes | undefined): Promise<LockableNode[]> {
  const { services } = context;
  await applyToNode(services, node, change, known);
  if (!manifest) {
    return [node];
  }
  try {
    await applyToNode(services, manifest, change);
  } catch (thrown: unknown) {
    const error = toRegistryError(thrown);
    services.log.warn(`lock manifest of ${describeTarget(node)}: ${error.kind} ${error.message}`);
    const retry = vscode.l10n.t('Retry');
    context.offer(
      services.ui.warn(
        vscode.l10n.t('{0} is locked, but its manifest could not be locked: {1}', describeTarget(node), describeError(error, vscode.l10n.t('the registry')).message),
        retry,
      ),
      retry,
      async () => {
        await applyToNode(services, manifest, change);
      },
    );
  }
  return [node];
}

/** Run from the palette: says what the item now is (in the tree, the row shows it). */
export function confirmDone(services: Services, title: string, node: LockableNode, before: LockAttributes | undefined, manifests: readonly ManifestNode[]): void {
  const now = attributesOf(node);
  if (!now) {
    return;
  }
  const unchanged = before !== undefined && FLAG_NAMES.every((f) => before[f] === now[f]);
  const state = stateText(now);
  const message = unchanged
    ? vscode.l10n.t('{0}: {1} already is {2}; nothing changed.', title, describeTarget(node), state)
    : manifests.length > 0 && manifests.every((m) => !m.manifest.attributes.writeEnabled && !m.manifest.attributes.deleteEnabled)
      ? vscode.l10n.t('{0}: {1} is now {2}, and so is its manifest.', title, describeTarget(node), state)
      : vscode.l10n.t('{0}: {1} is now {2}.', title, describeTarget(node), state);
  void services.ui.info(message);
}

