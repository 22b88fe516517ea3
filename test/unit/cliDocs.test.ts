/**
 * docs/cli.md against the tool itself: its options table lists every flag of the command line
 * (args.ts and deployArgs.ts, the same ones `--help` prints) exactly once, as one Markdown table,
 * and its usage block gives each command form once and only known flags. Written after the
 * table had a blank line in it (the rows after it no longer rendered as a table), a second
 * `--concurrency` row, and the apply and report usage lines twice (issue 22 item 9).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIONS as CLI_OPTIONS, USAGE } from '../../src/cli/args';
import { DEPLOY_USAGE, OPTIONS as DEPLOY_OPTIONS } from '../../src/cli/deployArgs';

const root = join(__dirname, '..', '..', '..');
const lines = readFileSync(join(root, 'docs', 'cli.md'), 'utf8').split(/\r?\n/);

/** `--name` and `-x` flags in a text (not the `-` of `1-32`, `in-flight` or `--` alone). */
function flagsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w-])(--[a-z][a-z-]*|-[a-z])(?![\w-])/g)].map((m) => m[1] ?? '');
}

/** Every flag the tool accepts, from its parseArgs definitions. */
function definedFlags(): Set<string> {
  const flags = new Set<string>();
  for (const [name, option] of [...Object.entries(CLI_OPTIONS), ...Object.entries(DEPLOY_OPTIONS)]) {
    flags.add(`--${name}`);
    if ('short' in option) {
      flags.add(`-${option.short}`);
    }
  }
  return flags;
}

/** The options table: the header row and the `|` lines right after it. */
function optionsTable(): { readonly start: number; readonly rows: readonly string[] } {
  const start = lines.findIndex((l) => /^\|\s*Option\s*\|\s*Meaning\s*\|$/.test(l));
  assert.ok(start >= 0, 'docs/cli.md has no "| Option | Meaning |" table');
  const rows: string[] = [];
  for (let i = start + 2; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) {
    rows.push(lines[i] ?? '');
  }
  return { start, rows };
}

/** The flags a row documents: those in its first cell. */
function rowFlags(row: string): string[] {
  const first = row.split(/(?<!\\)\|/)[1] ?? '';
  return flagsIn(first);
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

suite('docs/cli.md matches the command line', () => {
  test('the help text names exactly the flags the tool defines', () => {
    assert.deepEqual(sorted(new Set(flagsIn(USAGE + DEPLOY_USAGE))), sorted(definedFlags()));
  });

  test('the options table documents every flag exactly once', () => {
    const documented = optionsTable().rows.flatMap(rowFlags);
    const twice = documented.filter((f, i) => documented.indexOf(f) !== i);
    assert.deepEqual(twice, [], 'flags in more than one row of the options table');
    assert.deepEqual(sorted(documented), sorted(definedFlags()));
  });

  test('the options table is one table: no option row after a break in it', () => {
    const { start, rows } = optionsTable();
    const end = start + 2 + rows.length;
    const stray = lines.slice(end).filter((l) => /^\|\s*`-/.test(l));
    assert.deepEqual(stray, [], 'option rows that Markdown no longer renders as part of the table');
    assert.equal(lines[start + 1], '|---|---|');
  });

  test('the usage block gives each command form once, with known flags only', () => {
    const heading = lines.indexOf('## Usage');
    const open = lines.indexOf('```sh', heading);
    const close = lines.indexOf('```', open + 1);
    const usage = lines.slice(open + 1, close).filter((l) => l.trim() !== '');
    assert.ok(usage.length > 0);
    const forms = usage.map((l) => l.split(/\s+/).slice(0, 3).join(' '));
    assert.deepEqual(forms.filter((f, i) => forms.indexOf(f) !== i), [], 'usage lines given twice');
    const known = definedFlags();
    assert.deepEqual(usage.flatMap(flagsIn).filter((f) => !known.has(f)), []);
  });
});
