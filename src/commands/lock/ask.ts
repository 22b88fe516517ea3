/**
 * What a preset command asks before anything is sent: the attributes items have now, "Tag Only"
 * or "Tag and Manifest" for Lock on tags, and a confirmation for any change that turns protection
 * off or blocks pulls. Nothing here changes the registry.
 */
import * as vscode from 'vscode';
import { CONFIRMED_PRESETS, type LockAttributes, PRESETS, type PresetId } from '../../locks/attributes';
import { flagsText } from '../../locks/flagsText';
import { blocksPulls, canLoosen, type LoosenedFlag, loosenedFlags } from '../../locks/risk';
import { type ManifestInfo } from '../../registry/models';
import { type Services } from '../../services';
import { attributesOf, type LockableNode, type ManifestNode, registryOf, type TagNode, targetOf } from '../../tree/nodes';
import { UserCancelled } from '../support/command';
import { clientOf, describeTarget } from './apply';
import { confirmChange } from './confirm';
import { lockSettings } from './settings';

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

export function manifestNodeOf(tag: TagNode, manifest: ManifestInfo): ManifestNode {
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
export async function currentAttributes(services: Services, nodes: readonly LockableNode[]): Promise<Map<LockableNode, LockAttributes>> {
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
export async function manifestsToLock(services: Services, tags: readonly TagNode[]): Promise<ManifestNode[]> {
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
  // Either answer only adds locks: a question, not a warning.
  const chosen = await services.ui.ask(message, detail, tagOnly, withManifest);
  if (chosen === undefined) {
    throw new UserCancelled();
  }
  return chosen === withManifest ? pending : [];
}

/** Confirms a change that turns protection off or blocks pulls (asked for one item or many). */
export async function confirmRisk(services: Services, preset: PresetId, nodes: readonly LockableNode[], current: ReadonlyMap<LockableNode, LockAttributes>): Promise<void> {
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
      [...reasons, vscode.l10n.t('Sets {0} where it differs; other attributes keep their values.', flagsText(change))].join('\n\n'),
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
    [...reasons, vscode.l10n.t('Sets {0} where it differs; other attributes keep their values.', flagsText(change))].join('\n\n'),
    title,
  );
}

/** Attributes of an item not known: treated as locked, so a change that could loosen it is confirmed. */
const attributesUnknown: LockAttributes = { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true };

