/**
 * JUnit XML (the dialect Jenkins, GitLab, Azure Pipelines' PublishTestResults and the JUnit
 * reporters of GitHub Marketplace read): one <testsuite> per suite (registry), one <testcase>
 * per checked item, <failure> for drift, <error> for an item that could not be checked or
 * changed, <skipped> for an item not attempted. Pure logic.
 */
import { type CheckedItem, FINDING_RULES, type FormatInput } from './model';

/** XML 1.0 text: the five entities, and characters XML 1.0 cannot hold at all replaced. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

function testCase(item: CheckedItem): string {
  const open = `    <testcase name="${xmlText(item.name)}" classname="${xmlText(item.className)}" time="0">`;
  const type = item.rule === undefined ? '' : ` type="${xmlText(FINDING_RULES[item.rule].name)}"`;
  const message = xmlText(item.message ?? '');
  switch (item.outcome) {
    case 'passed':
      return `${open}</testcase>`;
    case 'failed':
      return `${open}\n      <failure message="${message}"${type}>${message}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error message="${message}"${type}>${message}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}\n      <skipped message="${message}"/>\n    </testcase>`;
  }
}

export function junitText(input: FormatInput): string {
  const suites = new Map<string, CheckedItem[]>();
  for (const item of input.checks) {
    const list = suites.get(item.suite) ?? [];
    list.push(item);
    suites.set(item.suite, list);
  }
  const count = (items: readonly CheckedItem[], outcome: CheckedItem['outcome']): number => items.filter((i) => i.outcome === outcome).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="${xmlText(`${input.tool.name} ${input.command}`)}" tests="${input.checks.length}" failures="${count(input.checks, 'failed')}" errors="${count(input.checks, 'error')}" skipped="${count(input.checks, 'skipped')}" time="0" timestamp="${xmlText(input.startTime)}">`,
  );
  for (const [name, items] of suites) {
    lines.push(
      `  <testsuite name="${xmlText(name)}" tests="${items.length}" failures="${count(items, 'failed')}" errors="${count(items, 'error')}" skipped="${count(items, 'skipped')}" time="0" timestamp="${xmlText(input.startTime)}">`,
    );
    for (const item of items) {
      lines.push(testCase(item));
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
