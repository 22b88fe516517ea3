/**
 * Edit Attributes…: a multi-select quick pick of the four flags, pre-set to the current
 * values (a flag is ticked when every selected item has it enabled); only the flags the user
 * toggled are applied, and per item only where they differ.
 */
import * as vscode from 'vscode';
import { FLAG_NAMES, type FlagName, type LockAttributes } from '../locks/attributes';
import { targetOf } from '../tree/nodes';
import { type PickItem } from '../ui/ui';
import { type Command, required } from './support/command';
import { flagsText } from '../locks/flagsText';
import { applyToNodes } from './lock/run';
import { clientOf, describeTarget } from './lock/apply';
import { confirmChange } from './lock/confirm';
import { editedChange, presentedAttributes } from './lock/edit';
import { lockTargets } from './lock/targets';

export interface FlagItem extends PickItem {
  readonly flag: FlagName;
}

const FLAG_LABEL: Readonly<Record<FlagName, () => [string, string]>> = {
  writeEnabled: () => [vscode.l10n.t('Write enabled'), vscode.l10n.t('writeEnabled — false blocks overwrite (push) and delete')],
  deleteEnabled: () => [vscode.l10n.t('Delete enabled'), vscode.l10n.t('deleteEnabled — false blocks delete')],
  readEnabled: () => [vscode.l10n.t('Read enabled'), vscode.l10n.t('readEnabled — false blocks pulls')],
  listEnabled: () => [vscode.l10n.t('List enabled'), vscode.l10n.t('listEnabled — false hides it from listings')],
};

export const editAttributes: Command = {
  id: 'acrLocks.editAttributes',
  async run(context, node, selected) {
    const { services } = context;
    const nodes = await lockTargets(services, node, selected, ['repository', 'tag', 'manifest']);
    if (nodes.length === 0) {
      return;
    }
    context.itemCount = nodes.length;
    const current: LockAttributes[] = [];
    for (const n of nodes) {
      current.push((await (await clientOf(services, n)).read(targetOf(n))).attributes);
    }
    const presented = presentedAttributes(current);
    const items: FlagItem[] = FLAG_NAMES.map((flag) => {
      const [label, detail] = FLAG_LABEL[flag]();
      return { flag, label, detail, picked: presented[flag] };
    });
    const title =
      nodes.length === 1
        ? vscode.l10n.t('Lock attributes of {0}', describeTarget(nodes[0]))
        : vscode.l10n.t('Lock attributes of {0} items', nodes.length);
    const chosen = await required(
      services.ui.pickMany(items, { title, placeHolder: vscode.l10n.t('Ticked = enabled. Untick to lock.') }),
    );
    const change = editedChange(presented, new Set(chosen.map((i) => i.flag)));
    if (Object.keys(change).length === 0) {
      return;
    }
    const removesProtection = change.writeEnabled === true || change.deleteEnabled === true || change.readEnabled === false;
    if (removesProtection || nodes.length > 1) {
      await confirmChange(
        services,
        nodes.length === 1
          ? vscode.l10n.t('Change the lock attributes of {0}?', describeTarget(nodes[0]))
          : vscode.l10n.t('Change the lock attributes of {0} items?', nodes.length),
        vscode.l10n.t('Sets {0} where it differs; other attributes keep their values.', flagsText(change)),
        vscode.l10n.t('Apply'),
      );
    }
    await applyToNodes(context, vscode.l10n.t('Edit Attributes'), nodes, change);
  },
};
