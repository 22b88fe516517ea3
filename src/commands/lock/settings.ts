/** The lock commands' settings (contributed in package.json under `acrLocks.*`). */
import * as vscode from 'vscode';

export type ManifestWithTag = 'ask' | 'always' | 'never';

export interface LockSettings {
  /** Ask before Unlock, Allow Deletion, Block Pulls and bulk changes. */
  readonly confirmChanges: boolean;
  /** Whether locking a tag also locks its manifest (tag and manifest locks are separate). */
  readonly lockManifestWithTag: ManifestWithTag;
  /** Parallel requests of bulk changes. */
  readonly bulkConcurrency: number;
}

export function lockSettings(): LockSettings {
  const config = vscode.workspace.getConfiguration('acrLocks');
  const manifest = config.get<string>('lockManifestWithTag', 'ask');
  const concurrency = config.get<number>('bulkConcurrency', 8);
  return {
    confirmChanges: config.get<boolean>('confirmChanges', true),
    lockManifestWithTag: manifest === 'always' || manifest === 'never' ? manifest : 'ask',
    bulkConcurrency: Number.isFinite(concurrency) ? Math.max(1, Math.min(32, Math.floor(concurrency))) : 8,
  };
}
