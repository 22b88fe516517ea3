/**
 * SARIF 2.1.0 (OASIS): one run of the tool with every rule it defines and one result per
 * finding, located at its file and line relative to the repository root (`%SRCROOT%`), as
 * GitHub code scanning and Azure DevOps' SARIF viewer read it. Pure logic.
 */
import { type Finding, FINDING_RULES, type FormatInput, RULE_KEYS } from './model';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A repository-relative path as a URI reference: `/` separators, each segment percent-encoded. */
export function relativeUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function location(finding: Finding): Record<string, unknown>[] {
  if (finding.file === undefined) {
    return [];
  }
  const region: Record<string, number> = {};
  if (finding.line !== undefined && finding.line >= 1) {
    region.startLine = finding.line;
    if (finding.column !== undefined && finding.column >= 1) {
      region.startColumn = finding.column;
    }
  }
  return [
    {
      physicalLocation: {
        artifactLocation: { uri: relativeUri(finding.file), uriBaseId: '%SRCROOT%' },
        ...(Object.keys(region).length > 0 ? { region } : {}),
      },
      ...(finding.subject === undefined ? {} : { logicalLocations: [{ fullyQualifiedName: finding.subject, kind: 'resource' }] }),
    },
  ];
}

/** Stable across runs for the same problem at the same place: code scanning matches alerts with it. */
function fingerprint(finding: Finding): string {
  const key = `${finding.rule}|${finding.file ?? ''}|${finding.subject ?? finding.message}`;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i += 1) {
    h1 = Math.imul(h1 ^ key.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ key.charCodeAt(i), 2246822519) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

export function toSarif(input: FormatInput): Record<string, unknown> {
  const rules = RULE_KEYS.map((key) => {
    const rule = FINDING_RULES[key];
    return {
      id: rule.id,
      name: rule.name,
      shortDescription: { text: `${rule.short}.` },
      fullDescription: { text: rule.full },
      defaultConfiguration: { level: rule.level },
      help: { text: rule.full },
    };
  });
  const results = input.findings.map((finding) => {
    const rule = FINDING_RULES[finding.rule];
    const locations = location(finding);
    return {
      ruleId: rule.id,
      ruleIndex: RULE_KEYS.indexOf(finding.rule),
      level: finding.level,
      message: { text: finding.message.endsWith('.') ? finding.message : `${finding.message}.` },
      ...(locations.length > 0 ? { locations } : {}),
      partialFingerprints: { 'acrLocks/v1': fingerprint(finding) },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            ...(input.tool.informationUri === undefined ? {} : { informationUri: input.tool.informationUri }),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: input.exitCode !== 1 || input.findings.length > 0,
            startTimeUtc: input.startTime,
            endTimeUtc: input.endTime,
            exitCode: input.exitCode,
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository that holds the checked files.' } } },
        columnKind: 'utf16CodeUnits',
        automationDetails: { id: `acr-locks/${input.command}/` },
        results,
      },
    ],
  };
}

export function sarifText(input: FormatInput): string {
  return `${JSON.stringify(toSarif(input), null, 2)}\n`;
}
