/**
 * The plan and the apply summary in words: a table per registry (counts per repository, then
 * each change with the rules behind it, then each conflict), or JSON for --json.
 */
import { type LockChange } from '../locks/attributes';
import { targetLabel } from '../registry/models';
import { type PlannedChange, type PolicyConflict, type PolicyPlan, type PolicyRunReport } from '../policy';
import { describeFailure } from './errors';
import { table } from './table';
import { flagsText } from '../locks/flagsText';
import { lockRemovals, removesLock } from './unlocks';
import { appendAll } from '../util/arrays';
import { terminalText } from '../util/safeText';
import { countOf as plural } from './plural';


export function changeText(change: LockChange): string {
  return flagsText(change, { style: 'arrow' });
}

function conflictText(conflict: PolicyConflict): string {
  const parts = conflict.settings.map((s) => `"${s.rule}" sets ${String(s.value)}${s.viaTags ? ` (via ${s.viaTags.join(', ')})` : ''}`);
  return `${targetLabel(conflict.target, true)} ${conflict.flag}: ${parts.join('; ')}`;
}

/** The repositories that hold a selected tag or manifest: the rows of the plan's table. */
function withSelectedItems(plan: PolicyPlan): PolicyPlan['repositories'] {
  return plan.repositories.filter((r) => r.counts.tags + r.counts.manifests > 0);
}

export function planSummary(plan: PolicyPlan): string {
  const t = plan.totals;
  const repositories = plan.repositories.filter((r) => r.counts.changes > 0 || r.counts.conflicted > 0).length;
  const selected = t.tags + t.manifests;
  if (t.changes === 0 && t.conflicted === 0) {
    // Counted as the table lists them: a repository the rules' globs matched but where no item was selected is not "in policy" here.
    return `${plan.loginServer}: in policy (${plural(selected, 'selected item')} in ${plural(withSelectedItems(plan).length, 'repository', 'repositories')}).`;
  }
  const parts = [`${plural(t.changes, 'item')} to change`];
  if (t.conflicted > 0) {
    parts.push(`${plural(t.conflicted, 'item')} in conflict`);
  }
  const removals = lockRemovals(plan);
  if (removals > 0) {
    parts.push(`${plural(removals, 'lock removal')} (UNLOCK: apply needs --allow-unlock)`);
  }
  return `${plan.loginServer}: ${parts.join(', ')} in ${plural(repositories, 'repository', 'repositories')}; ${t.inPolicy} of ${plural(selected, 'selected item')} in policy.`;
}

export function planText(plan: PolicyPlan, options: { readonly listChanges: boolean } = { listChanges: true }): string {
  const out = [planSummary(plan)];
  const selected = withSelectedItems(plan);
  if (selected.length > 0) {
    out.push(
      '',
      table(
        [{ title: 'REPOSITORY' }, { title: 'TAGS', align: 'right' }, { title: 'MANIFESTS', align: 'right' }, { title: 'IN POLICY', align: 'right' }, { title: 'TO CHANGE', align: 'right' }, { title: 'CONFLICTS', align: 'right' }],
        selected.map((r) => [r.repository, String(r.counts.tags), String(r.counts.manifests), String(r.counts.inPolicy), String(r.counts.changes), String(r.counts.conflicted)]),
      ),
    );
  }
  const changes = plan.repositories.flatMap((r) => r.changes);
  if (options.listChanges && changes.length > 0) {
    out.push('', table([{ title: 'ITEM' }, { title: 'CHANGE' }, { title: 'RULES' }], changes.map((c) => [targetLabel(c.target, true), `${changeText(c.change)}${removesLock(c.change) ? '  UNLOCK' : ''}`, c.rules.join('; ')])));
  }
  const conflicts = plan.repositories.flatMap((r) => r.conflicts);
  if (conflicts.length > 0) {
    out.push('', 'Conflicts (rules that set different values of one flag on one item; nothing is applied until the file is fixed):');
    appendAll(out, conflicts.map((c) => `  ${terminalText(conflictText(c))}`));
  }
  return out.join('\n');
}

function changeJson(c: PlannedChange): Record<string, unknown> {
  return { ...c.target, current: c.current, change: c.change, removesLock: removesLock(c.change), reasons: c.reasons, rules: c.rules };
}

function conflictJson(c: PolicyConflict): Record<string, unknown> {
  return { ...c.target, flag: c.flag, settings: c.settings };
}

export function planJson(plan: PolicyPlan): Record<string, unknown> {
  return {
    loginServer: plan.loginServer,
    inPolicy: plan.totals.changes === 0 && plan.totals.conflicted === 0,
    totals: plan.totals,
    lockRemovals: lockRemovals(plan),
    repositories: plan.repositories.map((r) => ({
      repository: r.repository,
      counts: r.counts,
      changes: r.changes.map(changeJson),
      conflicts: r.conflicts.map(conflictJson),
    })),
  };
}

/** What a row's RESULT column says for each outcome (plan/apply and the deployment runs). */
export const RESULT_WORDS = {
  changed: 'changed',
  unchanged: 'already as wanted',
  failed: 'FAILED',
  cancelled: 'cancelled (not sent)',
  maybeApplied: 'MAY HAVE BEEN APPLIED',
  notAttempted: 'not attempted',
} as const;

/** Every outcome class of a run, always all six (zeros included), so a reader never has to guess. */
export function runCounts(what: string, report: RunCounts): string {
  return (
    `${what}: ${report.changed} changed, ${report.unchanged} already as wanted, ${report.failed} failed, ` +
    `${report.cancelled} cancelled, ${report.maybeApplied} may have been applied, ${report.notAttempted} not attempted ` +
    `(of ${report.outcomes.length}).`
  );
}

/** The counts of any run (a policy apply, a deployments run). */
type RunCounts = Pick<PolicyRunReport, 'changed' | 'unchanged' | 'failed' | 'cancelled' | 'maybeApplied' | 'notAttempted'> & { readonly outcomes: { readonly length: number } };


/** What each outcome class means for the reader, for the classes that occurred. */
function applyNotes(loginServer: string, report: PolicyRunReport): string[] {
  const notes: string[] = [];
  if (report.stopped !== undefined) {
    notes.push(
      `Stopped after ${report.stopped.failures} consecutive failures of the registry (${describeFailure(report.stopped.error, loginServer)}); ` +
        'the items marked "not attempted" were never sent. Run apply again when the registry answers.',
    );
  }
  if (report.maybeApplied > 0) {
    notes.push('Items marked "MAY HAVE BEEN APPLIED" were cancelled while their change was on its way: run plan to see whether the registry applied them.');
  }
  if (report.cancelled > 0) {
    notes.push('Cancelled items were not sent.');
  }
  return notes;
}

/** Every item of the run by name, with what happened to it. */
export function applyText(loginServer: string, report: PolicyRunReport): string {
  const rows = report.outcomes.map((o) => [
    targetLabel(o.item.target, true),
    changeText(o.item.planned.change),
    RESULT_WORDS[o.status],
    o.error === undefined ? '' : describeFailure(o.error, loginServer),
  ]);
  const notes = applyNotes(loginServer, report);
  return [
    runCounts(loginServer, report),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
    table([{ title: 'ITEM' }, { title: 'CHANGE' }, { title: 'RESULT' }, { title: 'REASON' }], rows),
  ].join('\n');
}

export function applyJson(loginServer: string, report: PolicyRunReport): Record<string, unknown> {
  return {
    changed: report.changed,
    unchanged: report.unchanged,
    failed: report.failed,
    cancelled: report.cancelled,
    maybeApplied: report.maybeApplied,
    notAttempted: report.notAttempted,
    ...(report.stopped === undefined ? {} : { stopped: { failures: report.stopped.failures, error: { kind: report.stopped.error.kind, message: describeFailure(report.stopped.error, loginServer) } } }),
    items: report.outcomes.map((o) => ({
      ...o.item.target,
      change: o.item.planned.change,
      status: o.status,
      attempts: o.attempts,
      ...(o.error === undefined ? {} : { error: { kind: o.error.kind, message: describeFailure(o.error, loginServer) } }),
    })),
  };
}
