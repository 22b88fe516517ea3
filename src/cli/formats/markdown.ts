/**
 * The Markdown job summary (GitHub's `$GITHUB_STEP_SUMMARY`, Azure Pipelines' `task.uploadsummary`):
 * a title, one line per registry, a table of counts and the findings. Registry-controlled text is
 * escaped (markdownText), so a tag name cannot inject links, HTML or table cells. Pure logic.
 */
import { markdownText } from '../../util/safeText';
import { FINDING_RULES, type FormatInput } from './model';

const MAX_FINDINGS = 200;

function cell(text: string): string {
  return markdownText(text, 500);
}

export function markdownSummary(input: FormatInput): string {
  const out = [`## ${cell(input.summary.title)}`, ''];
  for (const line of input.summary.lines) {
    out.push(`- ${cell(line)}`);
  }
  if (input.summary.table !== undefined && input.summary.table.rows.length > 0) {
    const { headers, rows } = input.summary.table;
    out.push('', `| ${headers.map(cell).join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`);
    for (const row of rows) {
      out.push(`| ${row.map(cell).join(' | ')} |`);
    }
  }
  if (input.findings.length > 0) {
    out.push('', `### Findings (${input.findings.length})`, '', '| Level | Rule | Where | Message |', '| --- | --- | --- | --- |');
    for (const f of input.findings.slice(0, MAX_FINDINGS)) {
      const where = f.file === undefined ? '' : `${f.file}${f.line === undefined ? '' : `:${f.line}`}`;
      out.push(`| ${f.level} | ${cell(FINDING_RULES[f.rule].name)} | ${cell(where)} | ${cell(f.message)} |`);
    }
    if (input.findings.length > MAX_FINDINGS) {
      out.push('', `${input.findings.length - MAX_FINDINGS} more findings are not shown here; the SARIF or JSON output has all of them.`);
    }
  }
  return `${out.join('\n')}\n`;
}
