/**
 * GitHub Actions workflow commands (docs.github.com, "Workflow commands for GitHub Actions"):
 * `::error file=F,line=L,col=C,title=T::message` per finding (`::warning`, `::notice`), read by
 * the runner from standard output. Escaping as the runner (and @actions/core) expects: in the
 * message `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`; in property values also `:` → `%3A`,
 * `,` → `%2C`. Pure logic.
 */
import { type Finding, FINDING_RULES, type FormatInput } from './model';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

export function githubCommand(finding: Finding): string {
  const properties: string[] = [];
  if (finding.file !== undefined) {
    properties.push(`file=${escapeProperty(finding.file)}`);
    if (finding.line !== undefined) {
      properties.push(`line=${finding.line}`);
      if (finding.column !== undefined) {
        properties.push(`col=${finding.column}`);
      }
    }
  }
  properties.push(`title=${escapeProperty(`${FINDING_RULES[finding.rule].name} (${FINDING_RULES[finding.rule].id})`)}`);
  return `::${COMMAND[finding.level]} ${properties.join(',')}::${escapeData(finding.message)}`;
}

/** Standard output: one command per finding, then the summary lines as plain log text. */
export function githubText(input: FormatInput): string {
  const lines = input.findings.map(githubCommand);
  for (const line of input.summary.lines) {
    lines.push(escapeData(line).replace(/^::/, ': :'));
  }
  return `${lines.join('\n')}\n`;
}
