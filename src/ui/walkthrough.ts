/**
 * Context keys that tick the walkthrough's steps (package.json `completionEvents:
 * onContext:…`): VS Code checks them when the walkthrough is registered and whenever they change,
 * so a step done before the walkthrough was opened shows as done.
 */
import * as vscode from 'vscode';

export const WALKTHROUGH_KEYS = {
  /** At least one registry is configured (set by the explorer). */
  hasRegistries: 'acrLocks.hasRegistries',
  /** Lock state was shown for a repository or a tag. */
  iconsShown: 'acrLocks.walkthrough.iconsShown',
  /** Something was locked. */
  locked: 'acrLocks.walkthrough.locked',
  /** Why Is This Protected? was shown. */
  whyShown: 'acrLocks.walkthrough.whyShown',
} as const;

const set = new Set<string>();

export function mark(key: string, value = true): void {
  const id = `${key}=${String(value)}`;
  if (set.has(id)) {
    return;
  }
  set.delete(`${key}=${String(!value)}`);
  set.add(id);
  void vscode.commands.executeCommand('setContext', key, value);
}

export function markLocked(): void {
  mark(WALKTHROUGH_KEYS.locked);
}
