/**
 * The pipeline formats as pure modules over generic findings: SARIF passes Microsoft's SARIF
 * validator (`sarif-multitool validate`, offline) with no error, JUnit parses with a JUnit/XML
 * parser and its counts match, GitHub workflow commands and Azure Pipelines logging commands
 * match their documented syntax line by line and round-trip their escaping.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { azurePipelinesText, escapeVsoData, escapeVsoProperty } from '../../src/cli/formats/azurePipelines';
import { escapeData, escapeProperty, githubText } from '../../src/cli/formats/github';
import { junitText } from '../../src/cli/formats/junit';
import { markdownSummary } from '../../src/cli/formats/markdown';
import { FINDING_RULES, type FormatInput, RULE_KEYS } from '../../src/cli/formats/model';
import { relativeUri, sarifText } from '../../src/cli/formats/sarif';
import { GITHUB_LINE, SARIF_MULTITOOL, validateSarif, VSO_ISSUE } from '../sandbox/pipelineChecks';

/** Findings with every character the syntaxes must escape, in messages and file names. */
export const NASTY: FormatInput = {
  tool: { name: 'acr-locks', version: '0.1.0' },
  command: 'plan',
  findings: [
    { rule: 'drift', level: 'error', message: 'team/app:v1 drifts: wants writeEnabled → false (rule "a, b: c")', file: 'policies/.acr-locks.json', line: 8, column: 19, subject: 'sandbox.azurecr.io/team/app:v1' },
    { rule: 'conflict', level: 'error', message: '100% sure;\r\nsecond line ] with ::error:: inside', file: 'dir with space/p,o:l;i]c%y.json', line: 3, column: 1 },
    { rule: 'invalidPolicy', level: 'warning', message: 'unknown property "x"', file: '.acr-locks.json', line: 12 },
    { rule: 'floatingTag', level: 'note', message: 'deploy/app.yaml uses :latest', file: 'deploy/app.yaml', line: 4, column: 14 },
    { rule: 'missingImage', level: 'error', message: 'no such tag' },
  ],
  checks: [
    { suite: 'sandbox.azurecr.io', className: 'sandbox.azurecr.io/team/app', name: 'team/app:v1', outcome: 'failed', rule: 'drift', message: 'wants writeEnabled → false & <more>' },
    { suite: 'sandbox.azurecr.io', className: 'sandbox.azurecr.io/team/app', name: 'team/app:v2', outcome: 'passed' },
    { suite: 'sandbox.azurecr.io', className: 'sandbox.azurecr.io/team/app', name: 'team/app:v3\u0001', outcome: 'error', message: 'registry failed' },
    { suite: 'other.azurecr.io', className: 'other.azurecr.io/x', name: 'x:1', outcome: 'skipped', message: 'not attempted' },
    { suite: 'other.azurecr.io', className: 'other.azurecr.io/x', name: 'x:2', outcome: 'passed' },
  ],
  summary: { title: 'acr-locks plan — .acr-locks.json', lines: ['sandbox.azurecr.io: 1 item to change', '::error::not a command', '##vso[task.complete result=Failed]no'], table: { headers: ['Registry', 'Drift'], rows: [['sandbox.azurecr.io', '1|2']] } },
  exitCode: 2,
  startTime: '2026-01-01T00:00:00.000Z',
  endTime: '2026-01-01T00:00:01.000Z',
};

function unescapeGithubProperty(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function unescapeVso(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3B/g, ';').replace(/%5D/g, ']').replace(/%AZP25/g, '%');
}

suite('pipeline formats', () => {
  test('SARIF 2.1.0: all six rules, results at their lines, repository-relative URIs; Microsoft\'s validator finds no error', function () {
    this.timeout(60_000);
    assert.ok(existsSync(SARIF_MULTITOOL), 'npm install --no-save @microsoft/sarif-multitool@5.7.0 (see docs/cli.md)');
    const sarif = JSON.parse(sarifText(NASTY)) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].tool.driver.rules.map((r) => r.id), RULE_KEYS.map((k) => FINDING_RULES[k].id));
    assert.equal(sarif.runs[0].results.length, NASTY.findings.length);
    const first = sarif.runs[0].results[0].locations?.[0].physicalLocation;
    assert.deepEqual(first?.artifactLocation, { uri: 'policies/.acr-locks.json', uriBaseId: '%SRCROOT%' });
    assert.equal(first?.region?.startLine, 8);
    assert.equal(sarif.runs[0].results[1].locations?.[0].physicalLocation.artifactLocation.uri, 'dir%20with%20space/p%2Co%3Al%3Bi%5Dc%25y.json');
    assert.equal(relativeUri('a\\b\\c.json'), 'a/b/c.json');
    const dir = mkdtempSync(join(tmpdir(), 'acr-locks-sarif-'));
    try {
      const file = join(dir, 'nasty.sarif');
      writeFileSync(file, sarifText(NASTY));
      validateSarif(file);
      const empty = join(dir, 'empty.sarif');
      writeFileSync(empty, sarifText({ ...NASTY, findings: [], exitCode: 0 }));
      validateSarif(empty);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('JUnit: parses as XML, one testcase per checked item, counts match', () => {
    const xml = junitText(NASTY);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as {
      testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: { name: string; tests: string; failures: string; testcase: { name: string; failure?: unknown; error?: unknown; skipped?: unknown }[] }[] };
    };
    const root = parsed.testsuites;
    assert.equal(Number(root.tests), 5);
    assert.equal(Number(root.failures), 1);
    assert.equal(Number(root.errors), 1);
    assert.equal(Number(root.skipped), 1);
    assert.deepEqual(root.testsuite.map((s) => [s.name, Number(s.tests)]), [['sandbox.azurecr.io', 3], ['other.azurecr.io', 2]]);
    const cases = root.testsuite.flatMap((s) => s.testcase);
    assert.equal(cases.length, NASTY.checks.length);
    assert.equal(cases.filter((c) => c.failure !== undefined).length, 1);
    assert.equal(cases[0].name, 'team/app:v1');
    assert.equal(cases[2].name, 'team/app:v3\ufffd', 'a control character XML cannot hold is replaced');
  });

  test('GitHub: every line a documented workflow command; data and properties escaped and round-trip', () => {
    const lines = githubText(NASTY).trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('::'));
    assert.equal(commands.length, NASTY.findings.length, 'summary lines never become commands');
    for (const line of commands) {
      assert.match(line, GITHUB_LINE);
    }
    assert.equal(escapeData('100%\r\n'), '100%25%0D%0A');
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
    const second = commands[1];
    const file = /file=([^,]+)/.exec(second)?.[1] ?? '';
    assert.equal(unescapeGithubProperty(file), 'dir with space/p,o:l;i]c%y.json');
    assert.equal(unescapeGithubProperty(second.slice(second.indexOf('::', 2) + 2)), NASTY.findings[1].message);
    assert.match(commands[3], /^::notice /);
    assert.match(commands[4], /^::error title=MissingImage \(ACRL004\)::no such tag$/);
  });

  test('Azure Pipelines: every issue a documented logging command; %AZP25, %3B, %0D, %0A, %5D; the summary uploaded', () => {
    const lines = azurePipelinesText(NASTY, '/tmp/summary.md').trimEnd().split('\n');
    const commands = lines.filter((l) => l.startsWith('##vso['));
    assert.equal(commands.length, NASTY.findings.length + 1);
    for (const line of commands.slice(0, -1)) {
      assert.match(line, VSO_ISSUE);
    }
    assert.equal(commands.at(-1), '##vso[task.uploadsummary]/tmp/summary.md');
    assert.equal(escapeVsoData('100%\r\n'), '100%AZP25%0D%0A');
    assert.equal(escapeVsoProperty('a;b]c%'), 'a%3Bb%5Dc%AZP25');
    const second = commands[1];
    const source = /sourcepath=([^;\]]+)/.exec(second)?.[1] ?? '';
    assert.equal(unescapeVso(source), 'dir with space/p,o:l;i]c%y.json');
    assert.equal(unescapeVso(second.slice(second.indexOf(']') + 1)), NASTY.findings[1].message);
    assert.match(commands[3], /^##vso\[task\.logissue type=warning;/, 'a note is a warning: Azure Pipelines has no notes');
  });

  test('Markdown summary: registry text cannot add cells, links or HTML', () => {
    const md = markdownSummary(NASTY);
    assert.match(md, /^## acr-locks plan/);
    assert.match(md, /\| sandbox\.azurecr\.io \| 1\\\|2 \|/);
    assert.doesNotMatch(md, /\r/);
  });
});
