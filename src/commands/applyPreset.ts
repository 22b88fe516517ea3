/**
 * The nine preset commands (Lock, Unlock, Protect from Deletion, …), one factory. Everything is
 * asked before anything is sent: for Lock on tags, "Tag Only" or "Tag and Manifest"; for any change
 * that turns protection off (writeEnabled or deleteEnabled back on) or blocks pulls, a confirmation
 * that says so, whatever the preset. Then the engine applies only what differs and verifies the
 * answer; run from the palette, the result is confirmed in words.
 */
import * as vscode from 'vscode';
import { blocksDelete, CONFIRMED_PRESETS, FLAG_NAMES, type LockAttributes, type LockChange, PRESETS, type PresetId } from '../locks/attributes';
import { describeError } from '../errorText';
import { toRegistryError } from '../registry/errors';
import { type ManifestInfo } from '../registry/models';
import { type Services } from '../services';
import { stateText } from '../tree/vscode/render';
import { attributesOf, type LockableNode, type ManifestNode, registryOf, type TagNode, targetOf } from '../tree/nodes';
import { type Command, type CommandContext, UserCancelled } from './support/command';
import { applyToNode, clientOf, describeTarget, nodeItems, showResult } from './lock/apply';
import { confirmChange } from './lock/confirm';
import { reportSummary, runWithProgress } from './lock/progress';
import { blocksPulls, canLoosen, type LoosenedFlag, loosenedFlags } from '../locks/risk';
import { lockSettings } from './lock/settings';
import { lockTargets } from './lock/targets';
import { markLocked } from '../ui/walkthrough';

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

function manifestNodeOf(tag: TagNode, manifest: ManifestInfo): ManifestNode {
  return { kind: 'manifest', repository: tag.repository, manifest, parent: tag };
}

/** The few words a loosened flag costs: "can be overwritten again". */
function loosenedWords(flags: readonly LoosenedFlag[]): string {
  if (flags.includes('writeEnabled') && flags.includes('deleteEnabled')) {
    return vscode.l10n.t('it can be overwritten and deleted again');
  }
  return flags.includes('writeEnabled') ? vscode.l10n.t('it can be overwritten (pushed to) again') : vscode.l10n.t('deleteEnabled no longer blocks deleting it');
}

/**
 * The attributes each node has now: one item is read fresh (and its row updated), several use
 * what the tree shows and read only what it does not know yet.
 */
async function currentAttributes(services: Services, nodes: readonly LockableNode[]): Promise<Map<LockableNode, LockAttributes>> {
  const current = new Map<LockableNode, LockAttributes>();
  for (const node of nodes) {
    const shown = nodes.length > 1 ? attributesOf(node) : undefined;
    if (shown) {
      current.set(node, shown);
      continue;
    }
    const info = await (await clientOf(services, node)).read(targetOf(node));
    services.explorer.applyUpdate(node, info);
    current.set(node, info.attributes);
  }
  return current;
}

/** Lock on tags: asks "Tag Only" or "Tag and Manifest" (unless the setting answers); the manifests to lock too. */
async function manifestsToLock(services: Services, tags: readonly TagNode[]): Promise<ManifestNode[]> {
  const setting = lockSettings().lockManifestWithTag;
  if (tags.length === 0 || setting === 'never') {
    return [];
  }
  const byDigest = new Map<string, ManifestNode>();
  for (const tag of tags) {
    const key = `${registryOf(tag).config.loginServer}/${tag.repository.name}@${tag.tag.digest}`;
    if (byDigest.has(key)) {
      continue;
    }
    const manifest = tag.manifest?.digest === tag.tag.digest ? tag.manifest : await (await clientOf(services, tag)).getManifest(tag.repository.name, tag.tag.digest);
    byDigest.set(key, manifestNodeOf(tag, manifest));
  }
  // Manifests already locked need nothing (and no question).
  const pending = [...byDigest.values()].filter((m) => m.manifest.attributes.writeEnabled || m.manifest.attributes.deleteEnabled);
  if (pending.length === 0 || setting === 'always') {
    return pending;
  }
  const one = tags.length === 1;
  const tagOnly = one ? vscode.l10n.t('Tag Only') : vscode.l10n.t('Tags Only');
  const withManifest = one
    ? vscode.l10n.t('Tag and Manifest')
    : pending.length === 1
      ? vscode.l10n.t('Tags and Manifest')
      : vscode.l10n.t('Tags and Manifests');
  const message = one
    ? vscode.l10n.t('Lock {0}: the tag only, or its manifest too?', describeTarget(tags[0]))
    : pending.length === 1
      ? vscode.l10n.t('Lock {0} tags: the tags only, or also the manifest they share?', tags.length)
      : vscode.l10n.t('Lock {0} tags: the tags only, or also their {1} manifests?', tags.length, pending.length);
  const detail = [
    vscode.l10n.t(
      '{0}: the tag cannot be overwritten or deleted, and while it points at the image, ACR refuses to delete the image by digest too.',
      tagOnly,
    ),
    vscode.l10n.t(
      '{0}: the manifest lock keeps the image protected under its digest after the tag is unlocked or moved (for deployments that pin the digest).',
      withManifest,
    ),
    vscode.l10n.t('Nothing is changed before you choose. The setting acrLocks.lockManifestWithTag can answer this for good.'),
  ].join('\n\n');
  const chosen = await services.ui.confirm(message, detail, tagOnly, withManifest);
  if (chosen === undefined) {
    throw new UserCancelled();
  }
  return chosen === withManifest ? pending : [];
}

/** Confirms a change that turns protection off or blocks pulls (asked for one item or many). */
async function confirmRisk(services: Services, preset: PresetId, nodes: readonly LockableNode[], current: ReadonlyMap<LockableNode, LockAttributes>): Promise<void> {
  const change = PRESETS[preset];
  const title = PRESET_TITLE[preset]();
  const loosening = nodes.filter((n) => loosenedFlags(current.get(n) ?? attributesUnknown, change).length > 0);
  const blocking = nodes.filter((n) => blocksPulls(current.get(n) ?? attributesUnknown, change));
  if (nodes.length === 1) {
    const node = nodes[0];
    const attributes = current.get(node);
    if (!attributes) {
      return;
    }
    const flags = loosenedFlags(attributes, change);
    if (flags.length === 0 && blocking.length === 0) {
      return;
    }
    const reasons = [
      ...(flags.length > 0 ? [vscode.l10n.t('This turns protection off: {0}.', loosenedWords(flags))] : []),
      ...(blocking.length > 0 ? [vscode.l10n.t('Pulls of it will be refused (docker pull fails).')] : []),
    ];
    await confirmChange(
      services,
      vscode.l10n.t('{0} {1}?', title, describeTarget(node)),
      [...reasons, vscode.l10n.t('Sets {0} where it differs; other attributes keep their values.', describeChange(change))].join('\n\n'),
      title,
    );
    return;
  }
  if (loosening.length === 0 && blocking.length === 0 && !CONFIRMED_PRESETS.has(preset) && !canLoosen(change)) {
    return;
  }
  const reasons: string[] = [];
  if (loosening.length > 0) {
    reasons.push(
      loosening.length === 1
        ? vscode.l10n.t('1 of them loses protection (writeEnabled or deleteEnabled turns on).')
        : vscode.l10n.t('{0} of them lose protection (writeEnabled or deleteEnabled turns on).', loosening.length),
    );
  } else if (canLoosen(change)) {
    reasons.push(vscode.l10n.t('Where writeEnabled or deleteEnabled is off, it turns on.'));
  }
  if (blocking.length > 0) {
    reasons.push(
      blocking.length === 1 ? vscode.l10n.t('Pulls of 1 of them will be refused.') : vscode.l10n.t('Pulls of {0} of them will be refused.', blocking.length),
    );
  }
  await confirmChange(
    services,
    vscode.l10n.t('{0}: change {1} items?', title, nodes.length),
    [...reasons, vscode.l10n.t('Sets {0} where it differs; other attributes keep their values.', describeChange(change))].join('\n\n'),
    title,
  );
}

/** Attributes of an item not known: treated as locked, so a change that could loosen it is confirmed. */
const attributesUnknown: LockAttributes = { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true };

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

/**
 * One item (and, for Lock, its manifest): no progress notification for so little. A manifest that
 * cannot be locked after its tag was is said so, with Retry (the tag's lock stays: it is what was asked).
 */
async function applyOne(context: CommandContext, node: LockableNode, manifest: ManifestNode | undefined, change: LockChange, known: LockAttributes | undefined): Promise<LockableNode[]> {
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
function confirmDone(services: Services, title: string, node: LockableNode, before: LockAttributes | undefined, manifests: readonly ManifestNode[]): void {
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
      const current = await currentAttributes(services, nodes);
      // Everything is asked before anything is sent.
      const manifests = preset === 'lock' ? await manifestsToLock(services, nodes.filter((n): n is TagNode => n.kind === 'tag')) : [];
      await confirmRisk(services, preset, nodes, current);
      const changed =
        nodes.length === 1 && manifests.length <= 1
          ? await applyOne(context, nodes[0], manifests[0], change, current.get(nodes[0]))
          : await applyToNodes(context, title, [...nodes, ...manifests], change);
      if (!node && !selected && nodes.length === 1 && changed.includes(nodes[0])) {
        confirmDone(services, title, nodes[0], current.get(nodes[0]), manifests);
      }
      if (preset === 'lock' && changed.length > 0) {
        markLocked();
      }
      const tags = changed.filter((n): n is TagNode => n.kind === 'tag');
      if (preset === 'unlock' || preset === 'allowDeletion') {
        await warnLockedManifests(context, tags, preset);
        if (changed.some((n) => n.kind === 'repository')) {
          void services.ui.info(vscode.l10n.t('The repository is unlocked; individual images keep their own tag and manifest locks.'));
        }
      }
    },
  };
}
