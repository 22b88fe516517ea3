/**
 * Check Policy: plans the workspace's lock policy against its registries (listings only, nothing
 * changed), marks every out-of-policy item in the tree (and counts them on the view's badge),
 * puts conflicts in Problems, and opens the report in the Markdown preview.
 */
import * as vscode from 'vscode';
import { checkTotals } from '../checkRegistries';
import { type Command } from '../../../commands/support/command';
import { checkWithProgress, offerProblems, readPolicies, showReport } from '../checkWithProgress';
import { itemsText, repositoriesText, selectedItemsText } from '../../../ui/counts';

export const checkPolicyCommand: Command = {
  id: 'acrLocks.checkPolicy',
  async run(context) {
    const { services } = context;
    const files = await readPolicies(context);
    if (files === undefined) {
      return;
    }
    const check = await checkWithProgress(services, files);
    const t = checkTotals(check);
    context.itemCount = t.selected;
    await showReport(services);
    const unchecked = t.failed + t.notConfigured;
    const notChecked =
      unchecked === 0
        ? ''
        : ` ${unchecked === 1 ? vscode.l10n.t('1 registry of the policy was not checked (see the report).') : vscode.l10n.t('{0} registries of the policy were not checked (see the report).', unchecked)}`;
    if (t.checked === 0 && unchecked > 0) {
      void services.ui.warn(
        unchecked === 1
          ? vscode.l10n.t('Lock policy: nothing was checked: 1 registry of the policy could not be read or is not known here (see the report).')
          : vscode.l10n.t('Lock policy: nothing was checked: {0} registries of the policy could not be read or are not known here (see the report).', unchecked),
      );
    } else if (t.conflicted > 0) {
      offerProblems(
        context,
        vscode.l10n.t('Lock policy: {0} in conflict, {1} out of policy. Fix the rules marked in Problems; nothing can be applied until they agree.', itemsText(t.conflicted), t.changes) +
          notChecked,
      );
    } else if (t.changes > 0) {
      const apply = vscode.l10n.t('Apply Policy');
      context.offer(
        services.ui.warn(vscode.l10n.t('Lock policy: {0} out of policy in {1}.', itemsText(t.changes), repositoriesText(t.repositories)) + notChecked, apply),
        apply,
        async () => {
          await vscode.commands.executeCommand('acrLocks.applyPolicy');
        },
      );
    } else {
      void services.ui.info(vscode.l10n.t('Lock policy: in policy ({0}, nothing to change).', selectedItemsText(t.selected)) + notChecked);
    }
  },
};
