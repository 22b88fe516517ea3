// Machine-readable test counts, shared by the suite index, the runners and scripts/test.mjs.
import * as fs from 'node:fs';

export interface Counts { passed: number; failed: number; pending: number }

/** scripts/test.mjs sets this to a file; every finished mocha run appends one JSON line. */
export const SUMMARY_FILE_ENV = 'ACR_LOCKS_TEST_SUMMARY';
/** The extension-host suite writes its counts to this file (set by runHostSuite). */
export const SUITE_RESULTS_ENV = 'ACR_LOCKS_SUITE_RESULTS';
/** Last line the extension-host suite prints: `HOST-SUITE: {"passed":N,"failed":N,"pending":N}`. */
export const HOST_SUITE_PREFIX = 'HOST-SUITE: ';
/** First line the extension-host suite prints, before mocha's own output. */
export const HOST_SUITE_START = 'HOST-SUITE-START';

export function countsOf(stats: { passes: number; failures: number; pending: number } | undefined): Counts {
  return { passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 };
}

export function recordCounts(counts: Counts, env: NodeJS.ProcessEnv = process.env): void {
  const file = env[SUMMARY_FILE_ENV];
  if (file) {
    fs.appendFileSync(file, `${JSON.stringify(counts)}\n`);
  }
}

export function parseCounts(text: string): Counts | undefined {
  try {
    const value = JSON.parse(text) as Partial<Counts>;
    if (typeof value.passed === 'number' && typeof value.failed === 'number') {
      return { passed: value.passed, failed: value.failed, pending: value.pending ?? 0 };
    }
  } catch {
    // Not JSON.
  }
  return undefined;
}

export function formatCounts(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed${c.pending > 0 ? `, ${c.pending} skipped` : ''}`;
}
