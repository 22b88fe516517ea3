/**
 * plan, apply and report results as pipeline-format input: a finding per drifting item (at the
 * line of the first rule that wants the change), per conflict (at the first rule involved), per
 * policy-file diagnostic, per registry that failed; a checked item (JUnit test case) per item the
 * policy selects. Pure logic over the policy core's data.
 */
import { flagsText } from '../../locks/flagsText';
import {
  type LockReport,
  type PlannedChange,
  type PolicyConflict,
  type PolicyDiagnostic,
  type PolicyEvaluation,
  type PolicyPlan,
  type PolicyRunReport,
  type RegistryPolicy,
  type TextRange,
} from '../../policy';
import { targetLabel } from '../../registry/models';
import { type CheckedItem, type Finding, type FormatInput, type SummaryTable } from './model';

export interface RegistryOutcome {
  readonly loginServer: string;
  readonly registry?: RegistryPolicy;
  readonly evaluation?: PolicyEvaluation;
  readonly plan?: PolicyPlan;
  readonly applied?: PolicyRunReport;
  readonly report?: LockReport;
  /** The registry's run failed (not only some items). */
  readonly error?: string;
  /** One line in words (planSummary, runCounts). */
  readonly summary?: string;
}

export interface PolicyFormatRun {
  readonly command: 'plan' | 'apply' | 'report';
  readonly version: string;
  /** The policy file relative to the repository root, `/`-separated. */
  readonly policyFile: string;
  readonly registries: readonly RegistryOutcome[];
  /** The file's problems, when it could not be used. */
  readonly diagnostics?: readonly PolicyDiagnostic[];
  readonly exitCode: number;
  readonly startTime: string;
  readonly endTime: string;
}

function at(file: string, range: TextRange | undefined): Pick<Finding, 'file' | 'line' | 'column'> {
  return range === undefined ? { file } : { file, line: range.start.line + 1, column: range.start.character + 1 };
}

function ruleRange(registry: RegistryPolicy | undefined, names: readonly string[]): TextRange | undefined {
  for (const name of names) {
    const rule = registry?.rules.find((r) => r.name === name);
    if (rule !== undefined) {
      return rule.range;
    }
  }
  return registry?.range;
}

function driftFinding(run: PolicyFormatRun, outcome: RegistryOutcome, change: PlannedChange, level: Finding['level'], verb: string): Finding {
  const subject = `${outcome.loginServer}/${targetLabel(change.target)}`;
  const rules = change.rules.map((r) => `"${r}"`).join(', ');
  return {
    rule: 'drift',
    level,
    message: `${subject} ${verb} ${flagsText(change.change, { style: 'arrow' })} (rule ${rules})`,
    ...at(run.policyFile, ruleRange(outcome.registry, change.rules)),
    subject,
  };
}

function conflictFinding(run: PolicyFormatRun, outcome: RegistryOutcome, conflict: PolicyConflict): Finding {
  const subject = `${outcome.loginServer}/${targetLabel(conflict.target)}`;
  const parts = conflict.settings.map((s) => `"${s.rule}" sets ${String(s.value)}`).join('; ');
  return {
    rule: 'conflict',
    level: 'error',
    message: `${subject} ${conflict.flag}: rules disagree (${parts}); nothing is applied until the file is fixed`,
    ...at(run.policyFile, ruleRange(outcome.registry, conflict.settings.map((s) => s.rule))),
    subject,
  };
}

function planFindings(run: PolicyFormatRun, outcome: RegistryOutcome): Finding[] {
  const plan = outcome.plan;
  if (plan === undefined) {
    return [];
  }
  const findings: Finding[] = [];
  const applied = new Map((outcome.applied?.outcomes ?? []).map((o) => [targetLabel(o.item.target), o]));
  for (const change of plan.repositories.flatMap((r) => r.changes)) {
    if (run.command === 'apply' && outcome.applied !== undefined) {
      const done = applied.get(targetLabel(change.target));
      if (done?.status === 'changed' || done?.status === 'unchanged') {
        findings.push(driftFinding(run, outcome, change, 'note', 'was changed:'));
      } else {
        findings.push(driftFinding(run, outcome, change, 'error', `still needs (${done?.status ?? 'not applied'}${done?.error === undefined ? '' : `: ${done.error.message}`})`));
      }
    } else {
      findings.push(driftFinding(run, outcome, change, 'error', 'drifts from the policy: wants'));
    }
  }
  for (const conflict of plan.repositories.flatMap((r) => r.conflicts)) {
    findings.push(conflictFinding(run, outcome, conflict));
  }
  return findings;
}

function reportFindings(run: PolicyFormatRun, outcome: RegistryOutcome): Finding[] {
  const findings: Finding[] = [];
  for (const row of outcome.report?.rows ?? []) {
    if (row.policy === undefined || row.policy.status === 'inPolicy') {
      continue;
    }
    const label = row.kind === 'tag' ? `${row.repository}:${row.tag ?? ''}` : row.kind === 'manifest' ? `${row.repository}@${row.digest ?? ''}` : row.repository;
    const subject = `${outcome.loginServer}/${label}`;
    const rules = row.policy.rules.map((r) => `"${r}"`).join(', ');
    findings.push({
      rule: row.policy.status === 'conflict' ? 'conflict' : 'drift',
      level: 'error',
      message:
        row.policy.status === 'conflict'
          ? `${subject}: rules disagree (${rules}); nothing is applied until the file is fixed`
          : `${subject} drifts from the policy: wants ${flagsText(row.policy.change, { style: 'arrow' })} (rule ${rules})`,
      ...at(run.policyFile, ruleRange(outcome.registry, row.policy.rules)),
      subject,
    });
  }
  return findings;
}

function checksOf(run: PolicyFormatRun, outcome: RegistryOutcome): CheckedItem[] {
  if (outcome.report !== undefined) {
    return outcome.report.rows
      .filter((row) => row.policy !== undefined)
      .map((row) => {
        const name = row.kind === 'tag' ? `${row.repository}:${row.tag ?? ''}` : row.kind === 'manifest' ? `${row.repository}@${row.digest ?? ''}` : row.repository;
        const status = row.policy?.status ?? 'inPolicy';
        return {
          suite: outcome.loginServer,
          className: `${outcome.loginServer}/${row.repository}`,
          name,
          outcome: status === 'inPolicy' ? 'passed' : 'failed',
          ...(status === 'drift' ? { rule: 'drift', message: `wants ${flagsText(row.policy?.change, { style: 'arrow' })}` } : {}),
          ...(status === 'conflict' ? { rule: 'conflict', message: `rules disagree: ${(row.policy?.rules ?? []).join(', ')}` } : {}),
        } satisfies CheckedItem;
      });
  }
  const changes = new Map((outcome.plan?.repositories ?? []).flatMap((r) => r.changes).map((c) => [targetLabel(c.target), c]));
  const applied = new Map((outcome.applied?.outcomes ?? []).map((o) => [targetLabel(o.item.target), o]));
  const checks: CheckedItem[] = [];
  for (const repository of outcome.evaluation?.repositories ?? []) {
    for (const item of repository.items) {
      const label = targetLabel(item.target);
      const base = { suite: outcome.loginServer, className: `${outcome.loginServer}/${repository.repository}`, name: label };
      const change = changes.get(label);
      if (item.conflicted.length > 0) {
        checks.push({ ...base, outcome: 'failed', rule: 'conflict', message: `rules disagree on ${item.conflicted.join(', ')}` });
      } else if (change === undefined) {
        checks.push({ ...base, outcome: 'passed' });
      } else if (run.command === 'apply' && outcome.applied !== undefined) {
        const done = applied.get(label);
        const status = done?.status;
        if (status === 'changed' || status === 'unchanged') {
          checks.push({ ...base, outcome: 'passed' });
        } else if (status === 'notAttempted' || status === 'cancelled') {
          checks.push({ ...base, outcome: 'skipped', rule: 'drift', message: `${status}: wants ${flagsText(change.change, { style: 'arrow' })}` });
        } else {
          checks.push({ ...base, outcome: 'error', rule: 'drift', message: `${status ?? 'not applied'}${done?.error === undefined ? '' : `: ${done.error.message}`}` });
        }
      } else {
        checks.push({ ...base, outcome: 'failed', rule: 'drift', message: `wants ${flagsText(change.change, { style: 'arrow' })} (rules: ${change.rules.join(', ')})` });
      }
    }
  }
  if (outcome.error !== undefined) {
    checks.push({ suite: outcome.loginServer, className: outcome.loginServer, name: `${run.command} ${outcome.loginServer}`, outcome: 'error', message: outcome.error });
  }
  return checks;
}

function summaryTable(run: PolicyFormatRun): SummaryTable {
  if (run.command === 'report') {
    const rows = run.registries.map((o) => {
      const rows = o.report?.rows ?? [];
      const count = (status: string): string => String(rows.filter((r) => r.policy?.status === status).length);
      return [o.loginServer, String(rows.length), count('inPolicy'), count('drift'), count('conflict')];
    });
    return { headers: ['Registry', 'Items', 'In policy', 'Drift', 'Conflicts'], rows };
  }
  const rows = run.registries.map((o) => {
    const t = o.plan?.totals;
    const a = o.applied;
    const base = [o.loginServer, String((t?.tags ?? 0) + (t?.manifests ?? 0)), String(t?.inPolicy ?? 0), String(t?.changes ?? 0), String(t?.conflicted ?? 0)];
    return run.command === 'apply' ? [...base, String(a?.changed ?? 0), String((a?.failed ?? 0) + (a?.maybeApplied ?? 0) + (a?.notAttempted ?? 0) + (a?.cancelled ?? 0))] : base;
  });
  const headers = ['Registry', 'Selected', 'In policy', 'To change', 'Conflicts'];
  return { headers: run.command === 'apply' ? [...headers, 'Changed', 'Not done'] : headers, rows };
}

const TITLES = { plan: 'acr-locks plan', apply: 'acr-locks apply', report: 'acr-locks report' } as const;

export function policyFormatInput(run: PolicyFormatRun): FormatInput {
  const findings: Finding[] = [];
  for (const d of run.diagnostics ?? []) {
    findings.push({ rule: 'invalidPolicy', level: d.severity, message: d.message, ...at(run.policyFile, d.range) });
  }
  for (const outcome of run.registries) {
    findings.push(...(run.command === 'report' ? reportFindings(run, outcome) : planFindings(run, outcome)));
  }
  const lines = run.registries.map((o) => o.summary ?? o.error ?? o.loginServer);
  if (run.diagnostics !== undefined && run.diagnostics.some((d) => d.severity === 'error')) {
    lines.push(`${run.policyFile} has errors; nothing was checked or applied.`);
  }
  return {
    tool: { name: 'acr-locks', version: run.version },
    command: run.command,
    findings,
    checks: run.registries.flatMap((o) => checksOf(run, o)),
    summary: { title: `${TITLES[run.command]} — ${run.policyFile}`, lines, table: summaryTable(run) },
    exitCode: run.exitCode,
    startTime: run.startTime,
    endTime: run.endTime,
  };
}
