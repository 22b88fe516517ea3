// Machine-readable test counts, shared by the suite index, the runners and scripts/test.mjs.
import * as fs from 'node:fs';
import Mocha from 'mocha';

/** A retry of the UI harness (test/ui/workbench.ts withRetries): which gesture, why, in which test. */
export interface UiRetry {
  /** The gesture retried (e.g. "contextMenu (right-click, the menu opens)"). */
  readonly gesture: string;
  /** The attempt that failed (1 or 2: a third failure is the test's failure, not a retry). */
  readonly attempt: number;
  /** The failed attempt's first line. */
  readonly reason: string;
  /** The full title of the test (or hook) that was running. */
  readonly test: string;
}

/**
 * `skipped`: the full titles of the pending (skipped) tests, so a skip is always named;
 * `uiRetries`: the UI harness's retries (UI stage only), counted in the summary of `npm test`.
 */
export interface Counts { passed: number; failed: number; pending: number; skipped?: string[]; uiRetries?: UiRetry[] }

/** scripts/test.mjs sets this to a file; every finished mocha run appends one JSON line. */
export const SUMMARY_FILE_ENV = 'ACR_LOCKS_TEST_SUMMARY';
/** The extension-host suite writes its counts to this file (set by runHostSuite). */
export const SUITE_RESULTS_ENV = 'ACR_LOCKS_SUITE_RESULTS';
/** Last line the extension-host suite prints: `HOST-SUITE: {"passed":N,"failed":N,"pending":N}`. */
export const HOST_SUITE_PREFIX = 'HOST-SUITE: ';
/** First line the extension-host suite prints, before mocha's own output. */
export const HOST_SUITE_START = 'HOST-SUITE-START';

export function countsOf(stats: { passes: number; failures: number; pending: number } | undefined, skipped: string[] = []): Counts {
  return { passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0, skipped };
}

/** Collects the full title of every test the runner reports as pending (skipped), as it runs. */
export function trackSkipped(runner: Mocha.Runner): string[] {
  const titles: string[] = [];
  runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => titles.push(test.fullTitle()));
  return titles;
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
      const skipped = Array.isArray(value.skipped) ? value.skipped.filter((title) => typeof title === 'string') : [];
      return { passed: value.passed, failed: value.failed, pending: value.pending ?? 0, skipped };
    }
  } catch {
    // Not JSON.
  }
  return undefined;
}

export function formatCounts(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.pending} skipped`;
}

/** Set in the extension host of the Restricted Mode run: the suite runs only restricted.test.js (and the normal run skips it). */
export const RESTRICTED_SUITE_ENV = 'ACR_LOCKS_SUITE_RESTRICTED';
