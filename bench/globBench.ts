/**
 * The tag-pattern matcher on its worst case: `*a*a*a*a*a*b` against 10,000 tags of 128 characters
 * that almost match (a backtracking matcher needs more than 20 s for one of them). Measured for
 * both forms of the one dialect (tag globs, repository globs); the figure is the slower form's
 * median of several passes.
 */
import { repositoryGlob, tagGlob } from '../src/util/glob';

export const GLOB_PATTERN = '*a*a*a*a*a*b';
export const GLOB_TAGS = 10_000;
const PASSES = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function globBench(): { globPathologicalMs: number; globPathologicalWorstPassMs: number; globPathologicalTags: number } {
  const tags = Array.from({ length: GLOB_TAGS }, (_, i) => `${'a'.repeat(120)}${String(i).padStart(8, 'a')}`);
  let slowestMedian = 0;
  let worstPass = 0;
  for (const compile of [tagGlob, repositoryGlob]) {
    const glob = compile(GLOB_PATTERN);
    const passes: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      const started = performance.now();
      const hits = tags.filter(glob).length;
      passes.push(performance.now() - started);
      if (hits !== 0) {
        throw new Error(`${GLOB_PATTERN} matched ${hits} tags that do not end in b`);
      }
    }
    slowestMedian = Math.max(slowestMedian, median(passes));
    worstPass = Math.max(worstPass, ...passes);
  }
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return { globPathologicalMs: round(slowestMedian), globPathologicalWorstPassMs: round(worstPass), globPathologicalTags: GLOB_TAGS };
}

export function globMarkdown(r: Readonly<Record<string, number | string | null>>): string {
  const ms = typeof r.globPathologicalMs === 'number' ? r.globPathologicalMs : Number.NaN;
  const worst = typeof r.globPathologicalWorstPassMs === 'number' ? r.globPathologicalWorstPassMs : Number.NaN;
  return [
    '',
    '',
    '| Tag patterns | Measured | Target | |',
    '|---|---|---|---|',
    `| \`${GLOB_PATTERN}\` on ${GLOB_TAGS.toLocaleString('en-US')} tags of 128 characters | ${ms} ms (median; slowest pass ${worst} ms) | < 50 ms | ${ms < 50 ? 'met' : 'missed'} |`,
  ].join('\n');
}
