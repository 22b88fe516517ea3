// Every retry the UI harness makes (workbench.ts withRetries) is counted and said: which gesture,
// in which test, and why the attempt before failed. runUi reads them at the end of the run, prints
// them and records them in the summary (results.ts), where scripts/test.mjs counts them against
// the CI budget.

import { type UiRetry } from '../runner/results';

const retries: UiRetry[] = [];
let currentTest = '';

/** Set by runUi as each test (or hook) starts. */
export function setCurrentTest(title: string): void {
  currentTest = title;
}

export function recordRetry(gesture: string, attempt: number, error: unknown): void {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
  const retry: UiRetry = { gesture, attempt, reason, test: currentTest };
  retries.push(retry);
  process.stdout.write(`      [ui retry ${retries.length}] ${gesture}, attempt ${attempt} failed (${reason}); in "${retry.test}"\n`);
}

export function recordedRetries(): readonly UiRetry[] {
  return retries;
}
