/**
 * Apply Policy: checks the policy again (fresh listings), refuses while the policy has conflicts
 * or a file has errors (nothing sent), asks with the counts (modal), then sends exactly the plan's
 * changes through the lock engine — progress with Cancel, pacing, every answer verified — and
 * names every item that did not end as wanted. Running it again changes nothing.
 */
import * as vscode from 'vscode';
import { FLAG_NAMES } from '../../../locks/attributes';
import { targetLabel } from '../../../registry/models';
import { checkTotals, type PolicyCheck } from '../checkRegistries';
import { type Services } from '../../../services';
import { type Command, type CommandContext, UserCancelled } from '../../../commands/support/command';
import { reportSummary, runWithProgress } from '../../../commands/lock/progress';
import { checkWithProgress, offerProblems, readPolicies, showReport } from '../checkWithProgress';
import { applyRuns, type RegistryRun } from '../applyRun';
import { itemsText, manifestsText, repositoriesText, tagsText } from '../../../ui/counts';

/** Unsaved policy edits are saved first (what is applied is what is versioned), when the user agrees. */
async function saveDirty(services: Services): Promise<void> {
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && services.policy.isPolicyFile(d.uri));
  if (dirty.length === 0) {
    return;
  }
  const save = vscode.l10n.t('Save and Apply');
  const chosen = await services.ui.warn(
    vscode.l10n.t('{0} has unsaved changes. Apply Policy applies the file as saved, so what is applied is what is versioned.', dirty.map((d) => vscode.workspace.asRelativePath(d.uri)).join(', ')),
    save,
  );
  if (chosen !== save) {
    throw new UserCancelled();
  }
  for (const document of dirty) {
    if (!(await document.save())) {
      throw new UserCancelled();
    }
  }
}

function runsOf(check: PolicyCheck): RegistryRun[] {
  return check.folders.flatMap((f) =>
    f.registries.flatMap((r) => (r.registry !== undefined && r.plan !== undefined && r.plan.totals.changes > 0 ? [{ registry: r.registry, plan: r.plan }] : [])),
  );
}

function confirmDetail(runs: readonly RegistryRun[], notChecked: number): string {
  const lines = runs.map((r) => {
    const changes = r.plan.repositories.flatMap((p) => p.changes);
    const tags = changes.filter((c) => c.target.kind === 'tag').length;
    return vscode.l10n.t('{0}: {1} and {2} in {3}', r.registry.config.loginServer, tagsText(tags), manifestsText(changes.length - tags), repositoriesText(r.plan.repositories.filter((p) => p.changes.length > 0).length));
  });
  const unlocking = runs.flatMap((r) => r.plan.repositories.flatMap((p) => p.changes)).filter((c) => FLAG_NAMES.some((f) => c.change[f] === true)).length;
  if (unlocking > 0) {
    lines.push('', unlocking === 1 ? vscode.l10n.t('1 of these changes removes a lock (sets a flag to true).') : vscode.l10n.t('{0} of these changes remove a lock (set a flag to true).', unlocking));
  }
  if (notChecked > 0) {
    lines.push('', notChecked === 1 ? vscode.l10n.t('1 registry of the policy was not checked and is left as it is (see the report).') : vscode.l10n.t('{0} registries of the policy were not checked and are left as they are (see the report).', notChecked));
  }
  lines.push('', vscode.l10n.t('Only the flags that differ are sent, and each answer of the registry is verified. A push and its lock are two steps: run this (or acr-locks apply) after each push.'));
  return lines.join('\n');
}

async function apply(context: CommandContext): Promise<void> {
  const { services } = context;
  await saveDirty(services);
  const files = await readPolicies(context);
  if (files === undefined) {
    return;
  }
  const check = await checkWithProgress(services, files);
  const t = checkTotals(check);
  context.itemCount = t.changes;
  if (check.invalid.length > 0 || t.conflicted > 0) {
    offerProblems(
      context,
      t.conflicted > 0
        ? vscode.l10n.t('The lock policy has {0} in conflict; nothing was applied. Fix the rules marked in Problems (the report names both rules of each conflict), then apply again.', itemsText(t.conflicted))
        : vscode.l10n.t('A lock policy file has problems (see Problems); nothing was applied.'),
    );
    return;
  }
  const notChecked = t.failed + t.notConfigured;
  if (t.changes === 0) {
    void services.ui.info(
      notChecked > 0
        ? notChecked === 1
          ? vscode.l10n.t('Lock policy: nothing to change in the registries checked; 1 registry was not checked (see the report).')
          : vscode.l10n.t('Lock policy: nothing to change in the registries checked; {0} registries were not checked (see the report).', notChecked)
        : vscode.l10n.t('Lock policy: everything is in policy; nothing to change.'),
    );
    return;
  }
  const runs = runsOf(check);
  const verb = vscode.l10n.t('Apply Policy');
  const showReportAction = vscode.l10n.t('Show Report');
  const chosen = await services.ui.confirm(
    vscode.l10n.t('Apply the lock policy: change {0} in {1}?', itemsText(t.changes), repositoriesText(t.repositories)),
    confirmDetail(runs, notChecked),
    verb,
    showReportAction,
  );
  if (chosen === showReportAction) {
    await showReport(services);
    return;
  }
  if (chosen !== verb) {
    throw new UserCancelled();
  }
  const title = vscode.l10n.t('Apply Policy');
  try {
    const report = await runWithProgress(context, title, t.changes, (hooks) => applyRuns(services, runs, hooks));
    reportSummary(context, title, report, (item) => `${item.client.loginServer}/${targetLabel(item.target, true)}`);
  } finally {
    for (const run of runs) {
      services.explorer.refresh(run.registry);
    }
    // The marks, badge and report follow what the registry now says.
    await services.policy.check({}, files).catch((thrown: unknown) => {
      services.log.warn(`Lock policy: the check after applying failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    });
  }
}

export const applyPolicyCommand: Command = {
  id: 'acrLocks.applyPolicy',
  run: (context) => apply(context),
};
