/**
 * Protect Deployed Images…: reads the workspace's policy files, plans each `deployments` section
 * with the extension's registry clients (progress, Cancel), marks the tree, shows the plan
 * grouped by deployment set and file (links to each file:line), refuses while the plan has
 * problems unless the user chooses to protect only the rest, asks with the counts (modal), then
 * sends exactly the plan's changes through the lock engine (every answer verified) and reports.
 * Floating tags are reported, never locked; orphans are listed, never released here.
 */
import * as vscode from 'vscode';
import { targetLabel } from '../../../registry/models';
import { type Command, type CommandContext, UserCancelled } from '../../../commands/support/command';
import { reportSummary, runWithProgress } from '../../../commands/lock/progress';
import { itemsText, manifestsText, tagsText } from '../../../ui/counts';
import { applyDeploymentPlan, type DeploymentChange } from '../../protect';
import { type PolicyDeployments } from '../scan';
import { planAndShow, refreshRegistries, runEach } from '../show';

const MAX_LISTED = 8;

function blockerDetail(scans: readonly PolicyDeployments[], changes: number): string {
  const all = scans.flatMap((s) => s.plan.blockers.map((b) => b.message));
  const lines = all.slice(0, MAX_LISTED).map((m) => `• ${m}`);
  if (all.length > MAX_LISTED) {
    lines.push(vscode.l10n.t('… and {0} more (see the plan).', all.length - MAX_LISTED));
  }
  lines.push(
    '',
    changes > 0
      ? vscode.l10n.t('Fix them and run the command again. Or protect only what they do not affect ({0}): the problems stay unprotected.', itemsText(changes))
      : vscode.l10n.t('Fix them and run the command again.'),
  );
  return lines.join('\n');
}

function confirmDetail(scans: readonly PolicyDeployments[]): string {
  const changes = scans.flatMap((s) => s.plan.changes);
  const tags = changes.filter((c) => c.target.kind === 'tag').length;
  const floating = scans.reduce((n, s) => n + s.plan.references.filter((r) => r.status === 'floating').length, 0);
  const orphans = scans.reduce((n, s) => n + s.plan.orphans.length, 0);
  return [
    vscode.l10n.t('{0} and {1} get only restrictions added: no lock is ever removed.', tagsText(tags), manifestsText(changes.length - tags)),
    ...(floating > 0 ? [vscode.l10n.t('Floating tags not locked (they move; pin them by digest): {0}.', floating)] : []),
    ...(orphans > 0 ? [vscode.l10n.t('Orphans left locked (Release Orphaned Locks… releases them): {0}.', orphans)] : []),
    '',
    vscode.l10n.t('Each answer of the registry is verified. A push and its lock are two steps: run this after each deployment change.'),
  ].join('\n');
}

function offerOrphans(context: CommandContext, message: string, orphans: number): void {
  const { services } = context;
  if (orphans === 0) {
    void services.ui.info(message);
    return;
  }
  const show = vscode.l10n.t('Show Orphans in the Tree');
  context.offer(services.ui.info(message, show), show, () => {
    services.deployed.showOrphans = true;
    return Promise.resolve();
  });
}

async function protect(context: CommandContext): Promise<void> {
  const { services } = context;
  const scans = await planAndShow(
    context,
    vscode.l10n.t('No lock policy file of this workspace has a “deployments” section: nothing says which files deploy images. Add one (see the README’s “Protect what is deployed”), then run the command again.'),
  );
  if (scans === undefined) {
    return;
  }
  const blockers = scans.reduce((n, s) => n + s.plan.blockers.length, 0);
  const changes = scans.reduce((n, s) => n + s.plan.changes.length, 0);
  const orphans = scans.reduce((n, s) => n + s.plan.orphans.length, 0);
  context.itemCount = changes;
  const onlyRest = vscode.l10n.t('Protect Only the Rest');
  if (blockers > 0) {
    const chosen = await services.ui.confirm(
      vscode.l10n.t('Protect Deployed Images stopped before sending anything: problems found: {0}.', blockers),
      blockerDetail(scans, changes),
      ...(changes > 0 ? [onlyRest] : []),
    );
    if (chosen !== onlyRest) {
      throw new UserCancelled();
    }
  }
  if (changes === 0) {
    offerOrphans(context, vscode.l10n.t('Deployed images: everything is protected; nothing to change. Orphans: {0}.', orphans), orphans);
    return;
  }
  const verb = vscode.l10n.t('Protect');
  const chosen = await services.ui.confirm(vscode.l10n.t('Protect deployed images: lock {0}?', itemsText(changes)), confirmDetail(scans), verb);
  if (chosen !== verb) {
    throw new UserCancelled();
  }
  const title = vscode.l10n.t('Protect Deployed Images');
  try {
    const report = await runWithProgress(context, title, changes, (hooks) =>
      runEach<DeploymentChange>(
        scans,
        (s) => s.plan.changes.length,
        hooks,
        (s, h) => applyDeploymentPlan(services.engine, s.plan, { concurrency: h.concurrency, signal: h.signal, onWait: h.onWait, onProgress: h.onProgress, allowPartial: blockers > 0 }),
      ),
    );
    reportSummary(context, title, report, (item) => `${item.loginServer}/${targetLabel(item.target, true)}`);
    if (orphans > 0) {
      offerOrphans(context, vscode.l10n.t('Orphans (locked items of the deployed repositories that nothing deploys; see the plan): {0}.', orphans), orphans);
    }
  } finally {
    refreshRegistries(services, scans);
  }
}

export const protectDeployedImagesCommand: Command = {
  id: 'acrLocks.protectDeployedImages',
  run: (context) => protect(context),
};
