/**
 * The pipeline side of a run, kept out of policyRun.ts: the audit lines apply appends, the summary of
 * an audit file (`report --audit-log FILE`), and the pipeline formats (`--format sarif|junit|
 * github|azure-pipelines`) written from the run's results.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { auditLine, type AuditIdentity, type AuditRecord, parseAuditLog, summariseAudit } from '../locks/audit';
import { type LockAttributes } from '../locks/attributes';
import { type PolicyRunReport } from '../policy';
import { policyFormatInput, type PolicyFormatRun } from './formats/fromPolicy';
import { type FormatInput } from './formats/model';
import { type PipelineFormat, renderPipelineFormat } from './formats/render';
import { table } from './table';
import { terminalLines } from '../util/safeText';
import { CLI_VERSION } from './version';
import { countOf } from './plural';

export interface FileIo {
  readonly writeFile?: (path: string, text: string) => Promise<void>;
  readonly appendFile?: (path: string, text: string) => Promise<void>;
  readonly readFile: (path: string) => Promise<string>;
}

export function writer(io: Pick<FileIo, 'writeFile'>): (path: string, text: string) => Promise<void> {
  return io.writeFile ?? ((path, text) => writeFile(path, text, 'utf8'));
}

export function appender(io: Pick<FileIo, 'appendFile'>): (path: string, text: string) => Promise<void> {
  return io.appendFile ?? ((path, text) => appendFile(path, text, { encoding: 'utf8', mode: 0o600 }));
}

export interface AuditContext {
  readonly runId: string;
  readonly command: string;
  readonly policyFile?: string;
  readonly identity: AuditIdentity;
  readonly now: () => Date;
}

/** The audit lines of one registry's apply: every change the registry confirmed or may have applied. */
export function auditLines(loginServer: string, report: PolicyRunReport, context: AuditContext): string {
  const lines: string[] = [];
  for (const outcome of report.outcomes) {
    if (outcome.status !== 'changed' && outcome.status !== 'maybeApplied') {
      continue;
    }
    const before: LockAttributes = outcome.item.planned.current;
    const answered = outcome.value?.info?.attributes;
    const after: LockAttributes = answered ?? { ...before, ...outcome.item.planned.change };
    const record: AuditRecord = {
      schema: 'acr-locks.audit/v1',
      time: context.now().toISOString(),
      tool: { name: 'acr-locks', version: CLI_VERSION },
      runId: context.runId,
      identity: context.identity,
      registry: loginServer,
      target: outcome.item.target,
      before,
      after,
      outcome: outcome.status === 'changed' ? 'changed' : 'maybeApplied',
      cause: { command: context.command, rules: outcome.item.planned.rules, ...(context.policyFile === undefined ? {} : { policyFile: context.policyFile }) },
    };
    lines.push(auditLine(record));
  }
  return lines.join('');
}

/** `report --audit-log FILE`: changes per registry and per target, who made them, when. */
export async function auditReport(file: string, json: boolean, io: FileIo): Promise<{ text: string; exit: number; error?: string }> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (thrown: unknown) {
    const code = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : '';
    return { text: '', exit: 1, error: `Cannot read the audit log ${file}${code ? ` (${code})` : ''}.` };
  }
  const parsed = parseAuditLog(text);
  const summary = summariseAudit(parsed.records);
  if (json) {
    return { text: `${JSON.stringify({ file, ...summary, badLines: parsed.badLines }, null, 2)}\n`, exit: 0 };
  }
  const out = [`${file}: ${countOf(summary.records, 'change')} in ${countOf(summary.runs, 'run')}${parsed.badLines.length > 0 ? `; ${parsed.badLines.length === 1 ? '1 line is' : `${parsed.badLines.length} lines are`} not audit records (lines ${parsed.badLines.slice(0, 10).join(', ')})` : ''}.`];
  if (summary.registries.length > 0) {
    out.push(
      '',
      table(
        [{ title: 'REGISTRY' }, { title: 'CHANGES', align: 'right' }, { title: 'TARGETS', align: 'right' }, { title: 'WHO' }, { title: 'FIRST' }, { title: 'LAST' }],
        summary.registries.map((r) => [r.registry, String(r.changes), String(r.targets), r.who.join('; '), r.first, r.last]),
      ),
      '',
      table(
        [{ title: 'TARGET' }, { title: 'CHANGES', align: 'right' }, { title: 'WHO' }, { title: 'LAST' }, { title: 'FLAGS NOW (write/delete/read/list)' }],
        summary.targets.map((t) => [`${t.registry}/${t.target}`, String(t.changes), t.who.join('; '), t.last, [t.latest.writeEnabled, t.latest.deleteEnabled, t.latest.readEnabled, t.latest.listEnabled].map(String).join('/')]),
      ),
    );
  }
  return { text: `${terminalLines(out.join('\n'))}\n`, exit: 0 };
}

export async function renderRun(format: PipelineFormat, run: PolicyFormatRun, target: { stdout: { write(text: string): unknown }; env: NodeJS.ProcessEnv; output?: string } & Pick<FileIo, 'writeFile' | 'appendFile'>): Promise<FormatInput> {
  const input = policyFormatInput(run);
  await renderPipelineFormat(format, input, {
    stdout: target.stdout,
    env: target.env,
    ...(target.output === undefined ? {} : { output: target.output }),
    writeFile: writer(target),
    appendFile: target.appendFile ?? ((path, text) => appendFile(path, text, 'utf8')),
  });
  return input;
}
