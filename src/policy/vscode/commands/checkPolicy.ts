/**
 * Check Policy: plans the workspace's lock policy against its registries (listings only, nothing
 * changed), marks every out-of-policy item in the tree (and counts them on the view's badge),
 * puts conflicts in Problems, and opens the report in the Markdown preview.
 */
import * as vscode from 'vscode';
import { checkTotals } from '../checkRegistries';
import { type Command } from '../../../commands/support/command';
import { checkWithProgress, offerProblems, readPolicies, showReport } from '../checkWithProgress';

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
    const notChecked =
      t.failed + t.notConfigured > 0 ? ` ${vscode.l10n.t('{0} registries of the policy were not checked (see the report).', t.failed + t.notConfigured)}` : '';
    if (t.checked === 0 && t.failed + t.notConfigured > 0) {
      void services.ui.warn(vscode.l10n.t('Lock policy: nothing was checked: {0} registries of the policy could not be read or are not known here (see the report).', t.failed + t.notConfigured));
    } else if (t.conflicted > 0) {
      offerProblems(
        context,
        vscode.l10n.t('Lock policy: {0} items in conflict, {1} out of policy. Fix the rules marked in Problems; nothing can be applied until they agree.', t.conflicted, t.changes) +
          notChecked,
      );
    } else if (t.changes > 0) {
      const apply = vscode.l10n.t('Apply Policy');
      context.offer(
        services.ui.warn(vscode.l10n.t('Lock policy: {0} items out of policy in {1} repositories.', t.changes, t.repositories) + notChecked, apply),
        apply,
        async () => {
          await vscode.commands.executeCommand('acrLocks.applyPolicy');
        },
      );
    } else {
      void services.ui.info(vscode.l10n.t('Lock policy: in policy ({0} selected items, nothing to change).', t.selected) + notChecked);
    }
  },
};
