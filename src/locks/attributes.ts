/**
 * What the four "changeable attributes" mean to the lock engine: the named presets (one table),
 * the one state an icon shows, and change arithmetic. The attributes themselves are the
 * registry's data (src/registry/models.ts). Pure logic: no SDK, no VS Code.
 */

export { FLAG_NAMES, type FlagName, type LockAttributes, type LockChange } from '../registry/models';
import { FLAG_NAMES, type FlagName, type LockAttributes, type LockChange } from '../registry/models';

export const UNLOCKED: LockAttributes = { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true };

export type PresetId =
  | 'lock'
  | 'unlock'
  | 'protectFromDeletion'
  | 'allowDeletion'
  | 'preventUpdates'
  | 'blockPulls'
  | 'allowPulls'
  | 'hideFromListings'
  | 'showInListings';

/** What each named command sets: exactly the seed documents' flag combinations. */
export const PRESETS: Readonly<Record<PresetId, LockChange>> = {
  lock: { writeEnabled: false, deleteEnabled: false },
  unlock: { writeEnabled: true, deleteEnabled: true },
  protectFromDeletion: { deleteEnabled: false, writeEnabled: true },
  allowDeletion: { deleteEnabled: true },
  preventUpdates: { writeEnabled: false, deleteEnabled: true },
  blockPulls: { readEnabled: false },
  allowPulls: { readEnabled: true },
  hideFromListings: { listEnabled: false },
  showInListings: { listEnabled: true },
};

/** Presets that remove protection or block use; these ask for confirmation. */
export const CONFIRMED_PRESETS: ReadonlySet<PresetId> = new Set<PresetId>(['unlock', 'allowDeletion', 'blockPulls']);

/**
 * The one lock state an icon shows. Ordered by what matters most to a user:
 * a blocked pull breaks deployments, so it wins over write/delete protection.
 */
export type LockState = 'readBlocked' | 'locked' | 'deleteProtected' | 'writeProtected' | 'hidden' | 'unlocked';

export function lockState(a: LockAttributes): LockState {
  if (!a.readEnabled) {
    return 'readBlocked';
  }
  if (!a.writeEnabled && !a.deleteEnabled) {
    return 'locked';
  }
  if (!a.deleteEnabled) {
    return 'deleteProtected';
  }
  if (!a.writeEnabled) {
    return 'writeProtected';
  }
  if (!a.listEnabled) {
    return 'hidden';
  }
  return 'unlocked';
}

/** ACR refuses deletion when writeEnabled or deleteEnabled is false (seed note). */
export function blocksDelete(a: LockAttributes): boolean {
  return !a.writeEnabled || !a.deleteEnabled;
}

/** Only the flags of `change` that differ from `current`; empty when nothing would change. */
export function effectiveChange(current: LockAttributes, change: LockChange): LockChange {
  const out: { -readonly [K in FlagName]?: boolean } = {};
  for (const flag of FLAG_NAMES) {
    const wanted = change[flag];
    if (wanted !== undefined && wanted !== current[flag]) {
      out[flag] = wanted;
    }
  }
  return out;
}

export function isEmptyChange(change: LockChange): boolean {
  return FLAG_NAMES.every((flag) => change[flag] === undefined);
}

export function applyChange(current: LockAttributes, change: LockChange): LockAttributes {
  return {
    writeEnabled: change.writeEnabled ?? current.writeEnabled,
    deleteEnabled: change.deleteEnabled ?? current.deleteEnabled,
    readEnabled: change.readEnabled ?? current.readEnabled,
    listEnabled: change.listEnabled ?? current.listEnabled,
  };
}

export function sameAttributes(a: LockAttributes, b: LockAttributes): boolean {
  return FLAG_NAMES.every((flag) => a[flag] === b[flag]);
}
