/**
 * Release Orphaned Locks…: separate and explicit. Plans the workspace's deployments like Protect
 * Deployed Images… (progress, Cancel), shows the plan with its orphans — locked tags and manifests
 * of the deployed repositories that no deployment references — refuses while anything about what
 * is deployed is unknown (an incomplete view could release a deployed image), and asks (modal,
 * "Release Locks") before turning writeEnabled/deleteEnabled back on through the lock engine.
 */
import * as vscode from 'vscode';
import { targetLabel } from '../../../registry/models';
import { type Command, type CommandContext, UserCancelled } from '../../../commands/support/command';
import { reportSummary, runWithProgress } from '../../../commands/lock/progress';
import { type Orphan, releaseOrphans } from '../../protect';
import { deployedEntries } from '../marks';
import { planAndShow, refreshRegistries, runEach } from '../show';

const MAX_LISTED = 8;

async function release(context: CommandContext): Promise<void> {
  const { services } = context;
  const scans = await planAndShow(context, vscode.l10n.t('No lock policy file of this workspace has a “deployments” section: nothing says what is deployed, so nothing is an orphan.'));
  if (scans === undefined) {
    return;
  }
  const blockers = scans.flatMap((s) => s.plan.blockers);
  const orphans = scans.flatMap((s) => s.plan.orphans);
  context.itemCount = orphans.length;
  if (blockers.length > 0) {
    void services.ui.error(
      vscode.l10n.t('Release Orphaned Locks refuses while what is deployed is not fully known ({0} problems, see the plan): nothing was released.', blockers.length),
    );
    return;
  }
  if (orphans.length === 0) {
    void services.ui.info(vscode.l10n.t('No orphans: every locked item of the deployed repositories is deployed (or kept by a rule).'));
    return;
  }
  services.deployed.showOrphans = true;
  const listed = orphans.slice(0, MAX_LISTED).map((o) => `• ${o.loginServer}/${targetLabel(o.target, true)}`);
  if (orphans.length > MAX_LISTED) {
    listed.push(vscode.l10n.t('… and {0} more (see the plan).', orphans.length - MAX_LISTED));
  }
  const verb = vscode.l10n.t('Release Locks');
  const chosen = await services.ui.confirm(
    orphans.length === 1
      ? vscode.l10n.t('Release the locks of 1 orphaned item? It can then be overwritten and deleted (acr purge, retention).')
      : vscode.l10n.t('Release the locks of {0} orphaned items? They can then be overwritten and deleted (acr purge, retention).', orphans.length),
    [...listed, '', vscode.l10n.t('Only writeEnabled and deleteEnabled are turned back on, where they are off. No deployment file references these items.')].join('\n'),
    verb,
  );
  if (chosen !== verb) {
    throw new UserCancelled();
  }
  const title = vscode.l10n.t('Release Orphaned Locks');
  try {
    const report = await runWithProgress(context, title, orphans.length, (hooks) =>
      runEach<Orphan>(
        scans,
        (s) => s.plan.orphans.length,
        hooks,
        (s, h) => releaseOrphans(services.engine, s.plan, { concurrency: h.concurrency, signal: h.signal, onWait: h.onWait, onProgress: h.onProgress }),
      ),
    );
    reportSummary(context, title, report, (item) => `${item.loginServer}/${targetLabel(item.target, true)}`);
    // Released items are no orphans any more: only the deployed marks stay.
    services.deployed.replace(deployedEntries(scans.map((s) => ({ ...s.plan, orphans: [] }))));
  } finally {
    refreshRegistries(services, scans);
  }
}

export const releaseOrphanedLocksCommand: Command = {
  id: 'acrLocks.releaseOrphanedLocks',
  run: (context) => release(context),
};
