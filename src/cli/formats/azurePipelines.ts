/**
 * Azure Pipelines logging commands (learn.microsoft.com, "Logging commands"):
 * `##vso[task.logissue type=error;sourcepath=F;linenumber=L;columnnumber=C;code=ID]message` per
 * finding, and `##vso[task.uploadsummary]FILE` for a Markdown summary. Escaping as the agent
 * (and azure-pipelines-task-lib) expects: `%` → `%AZP25`, `\r` → `%0D`, `\n` → `%0A` everywhere;
 * in property values also `;` → `%3B` and `]` → `%5D`. Pure logic.
 */
import { type Finding, FINDING_RULES, type FormatInput } from './model';

export function escapeVsoData(text: string): string {
  return text.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeVsoProperty(text: string): string {
  return escapeVsoData(text).replace(/;/g, '%3B').replace(/]/g, '%5D');
}

export function vsoCommand(area: string, properties: Readonly<Record<string, string | number | undefined>>, data: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeVsoProperty(String(v))}`)
    .join(';');
  return `##vso[${area}${props === '' ? '' : ` ${props}`}]${escapeVsoData(data)}`;
}

export function logIssue(finding: Finding): string {
  return vsoCommand(
    'task.logissue',
    {
      // Azure Pipelines has errors and warnings only: a note is logged as a warning.
      type: finding.level === 'error' ? 'error' : 'warning',
      sourcepath: finding.file,
      linenumber: finding.file === undefined ? undefined : finding.line,
      columnnumber: finding.file === undefined || finding.line === undefined ? undefined : finding.column,
      code: FINDING_RULES[finding.rule].id,
    },
    finding.message,
  );
}

/** Standard output: one logissue per finding, the summary lines, and the summary upload when a file was written. */
export function azurePipelinesText(input: FormatInput, summaryFile?: string): string {
  const lines = input.findings.map(logIssue);
  for (const line of input.summary.lines) {
    // A line starting with ##vso[ would be a command: the summary lines are registry-controlled.
    lines.push(escapeVsoData(line).replace(/^##/, '# #'));
  }
  if (summaryFile !== undefined) {
    lines.push(vsoCommand('task.uploadsummary', {}, summaryFile));
  }
  return `${lines.join('\n')}\n`;
}
