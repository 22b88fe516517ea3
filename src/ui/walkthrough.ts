/**
 * Ticking the walkthrough's steps (package.json `completionEvents: onContext:…`).
 *
 * VS Code's walkthrough service is created only when first needed (e.g. when a walkthrough is
 * opened), and a context key that is already true when it registers the steps never ticks its
 * step in that session (the event counts as seen). So each key is only *pulsed* (true, then false
 * again) when its task is done: the step ticks at once if the service exists, and the key is false
 * whenever the service registers. Tasks done before the walkthrough was opened are pulsed again
 * by `acrLocks.openWalkthrough` once it is open.
 */
import * as vscode from 'vscode';

export const WALKTHROUGH_KEYS = {
  /** At least one registry is configured. */
  hasRegistries: 'acrLocks.walkthrough.registryAdded',
  /** Lock state was shown for a repository or a tag. */
  iconsShown: 'acrLocks.walkthrough.iconsShown',
  /** Something was locked. */
  locked: 'acrLocks.walkthrough.locked',
  /** Why Is This Protected? was shown. */
  whyShown: 'acrLocks.walkthrough.whyShown',
} as const;

export const WALKTHROUGH_ID = 'acr-image-locks.acr-image-locks#acrLocks.gettingStarted';

/** A task's key is pulsed at most this often (tree rows are drawn many times). */
const PULSE_INTERVAL_MS = 5_000;

const done = new Set<string>();
const lastPulse = new Map<string, number>();

function pulse(key: string): void {
  const now = Date.now();
  if (now - (lastPulse.get(key) ?? 0) < PULSE_INTERVAL_MS) {
    return;
  }
  lastPulse.set(key, now);
  void Promise.resolve(vscode.commands.executeCommand('setContext', key, true)).then(() =>
    vscode.commands.executeCommand('setContext', key, false),
  );
}

/** The task behind `key` was done (or, with `value` false, is no longer: no registry left). */
export function mark(key: string, value = true): void {
  if (!value) {
    done.delete(key);
    return;
  }
  done.add(key);
  pulse(key);
}

export function markLocked(): void {
  mark(WALKTHROUGH_KEYS.locked);
}

/** After the walkthrough opened: ticks the steps whose tasks were done before. */
export function replayMarks(): void {
  for (const key of done) {
    lastPulse.delete(key);
    pulse(key);
  }
}
