/**
 * The nine preset commands (Lock, Unlock, Protect from Deletion, …), one factory. Everything is
 * asked before anything is sent (lock/ask.ts); then the engine applies only what differs and
 * verifies the answer (lock/run.ts); run from the palette, the result is confirmed in words.
 */
import * as vscode from 'vscode';
import { type LockAttributes, lockState, PRESETS, type PresetId, sameAttributes } from '../locks/attributes';
import { attributesOf, type TagNode } from '../tree/nodes';
import { markLocked } from '../ui/walkthrough';
import { confirmRisk, currentAttributes, manifestsToLock, PRESET_TITLE } from './lock/ask';
import { applyOne, applyToNodes, confirmDone, warnLockedManifests } from './lock/run';
import { lockTargets } from './lock/targets';
import { type Command } from './support/command';

/** The flags changed but the row's one icon did not (its state word wins over the change). */
function iconCannotShow(before: LockAttributes | undefined, after: LockAttributes | undefined): boolean {
  return before !== undefined && after !== undefined && !sameAttributes(before, after) && lockState(before) === lockState(after);
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
      if (nodes.length === 1 && changed.includes(nodes[0]) && (!node && !selected ? true : iconCannotShow(current.get(nodes[0]), attributesOf(nodes[0])))) {
        // From the palette, or when the row's icon stays the same (a blocked pull outranks a lock):
        // the change is confirmed in words.
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
