/**
 * The lock report as CSV (one row per item, a header row) or JSON. The same text in the
 * command-line tool and in the extension's Export Lock Report. Pure logic.
 */
import { FLAG_NAMES, type LockChange } from '../locks/attributes';
import { type LockReport, type LockReportRow } from './report';
import { flagsText } from '../locks/flagsText';

export const REPORT_COLUMNS = [
  'registry',
  'kind',
  'repository',
  'tag',
  'digest',
  ...FLAG_NAMES,
  'lastUpdatedOn',
  'tags',
  'listed',
  'policy',
  'rules',
  'change',
] as const;

/** Quotes a field when needed; a leading = + - @ (a formula to spreadsheets) is prefixed with '. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function changeText(change: LockChange | undefined): string {
  return flagsText(change, { separator: ' ' });
}

function cells(loginServer: string, row: LockReportRow): string[] {
  return [
    loginServer,
    row.kind,
    row.repository,
    row.tag ?? '',
    row.digest ?? '',
    ...FLAG_NAMES.map((f) => String(row.attributes[f])),
    row.lastUpdatedOn.toISOString(),
    (row.tags ?? []).join(' '),
    String(row.listed),
    row.policy?.status ?? '',
    (row.policy?.rules ?? []).join('; '),
    changeText(row.policy?.change),
  ];
}

/** Header and rows of every report, in order; `\r\n` line ends as RFC 4180 says. */
export function reportCsv(reports: readonly LockReport[]): string {
  const lines = [REPORT_COLUMNS.join(',')];
  for (const report of reports) {
    for (const row of report.rows) {
      lines.push(cells(report.loginServer, row).map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ReportJson {
  readonly generatedOn: string;
  readonly registries: readonly {
    readonly loginServer: string;
    readonly items: readonly Record<string, unknown>[];
  }[];
}

export function reportJson(reports: readonly LockReport[]): ReportJson {
  return {
    generatedOn: (reports[0]?.generatedOn ?? new Date()).toISOString(),
    registries: reports.map((report) => ({
      loginServer: report.loginServer,
      items: report.rows.map((row) => ({
        kind: row.kind,
        repository: row.repository,
        ...(row.tag === undefined ? {} : { tag: row.tag }),
        ...(row.digest === undefined ? {} : { digest: row.digest }),
        ...(row.tags === undefined ? {} : { tags: row.tags }),
        ...row.attributes,
        lastUpdatedOn: row.lastUpdatedOn.toISOString(),
        listed: row.listed,
        ...(row.policy === undefined ? {} : { policy: row.policy.status, rules: row.policy.rules, ...(row.policy.change ? { change: row.policy.change } : {}) }),
      })),
    })),
  };
}
