/**
 * How a lock state looks in the tree (the README "Explorer" legend mirrors this table).
 * Pure logic, no VS Code: the renderer turns ids into ThemeIcon/ThemeColor and words into
 * localised text, and unit tests check the choices here.
 */
import { type LockAttributes, type LockState, lockState } from '../locks/attributes';

export interface StatePresentation {
  /** Codicon id. */
  readonly icon: string;
  /** Theme colour id, undefined for the default foreground. */
  readonly color?: string;
}

/**
 * The colours are the extension's own (package.json `contributes.colors`, one default per theme
 * kind), chosen for at least 3:1 contrast against the side bar in the default dark, light and
 * high-contrast themes and in Solarized (test/unit/themeContrast.test.ts): VS Code's `charts.*`
 * colours are translucent in some themes (charts.orange is 33 % opaque in Dark Modern, ~1.6:1).
 */
export const STATE_PRESENTATION: Readonly<Record<LockState, StatePresentation>> = {
  locked: { icon: 'lock', color: 'acrLocks.locked' },
  deleteProtected: { icon: 'shield', color: 'acrLocks.deleteProtected' },
  writeProtected: { icon: 'lock-small', color: 'acrLocks.writeProtected' },
  readBlocked: { icon: 'circle-slash', color: 'errorForeground' },
  hidden: { icon: 'eye-closed', color: 'acrLocks.hidden' },
  unlocked: { icon: 'unlock', color: undefined },
};

/**
 * A tag whose own flags block nothing (unlocked, or only hidden) but whose manifest blocks
 * deletion: its own icon and colour, so a user scanning icons sees that the image cannot be
 * deleted (a pin: the image is held by its manifest's lock).
 */
export const MANIFEST_LOCKED_PRESENTATION: StatePresentation = { icon: 'pinned', color: 'acrLocks.manifestLocked' };

/**
 * A repository's writeEnabled=false locks "the repository and all images in it" (seed document):
 * nothing in it can be pushed, overwritten or deleted, whatever the items' own flags say. Its
 * deleteEnabled=false alone protects only the repository itself; its images stay changeable.
 */
export function lockedByRepository(repository: LockAttributes | undefined): boolean {
  return repository !== undefined && !repository.writeEnabled;
}

/** An item whose own flags leave it changeable but whose repository is write-locked: shown as locked. */
export const REPOSITORY_LOCKED_PRESENTATION: StatePresentation = STATE_PRESENTATION.locked;

/** Own states that a repository write lock outranks on the row (it blocks overwrite and delete). */
const OUTRANKED_BY_REPOSITORY: ReadonlySet<LockState> = new Set<LockState>(['unlocked', 'hidden', 'deleteProtected', 'writeProtected']);

/**
 * The icon of a tag: its own state; the locked icon when its repository is write-locked (and its
 * own flags say less); or the manifest-locked pin when only its manifest blocks deletion.
 */
export function tagPresentation(tag: LockAttributes, manifest: LockAttributes | undefined, repository?: LockAttributes): StatePresentation {
  const own = presentationOf(tag);
  if (lockedByRepository(repository) && OUTRANKED_BY_REPOSITORY.has(own.state)) {
    return REPOSITORY_LOCKED_PRESENTATION;
  }
  if ((own.state === 'unlocked' || own.state === 'hidden') && manifest && (!manifest.writeEnabled || !manifest.deleteEnabled)) {
    return MANIFEST_LOCKED_PRESENTATION;
  }
  return own;
}

/** The icon of a manifest: its own state, or the locked icon when its repository is write-locked. */
export function manifestPresentation(manifest: LockAttributes, repository?: LockAttributes): StatePresentation {
  const own = presentationOf(manifest);
  return lockedByRepository(repository) && OUTRANKED_BY_REPOSITORY.has(own.state) ? REPOSITORY_LOCKED_PRESENTATION : own;
}

/** A repository whose only lock is deleteEnabled=false: the repository is protected, its images are not. */
export function repositoryOnlyDeleteProtected(repository: LockAttributes): boolean {
  return repository.writeEnabled && !repository.deleteEnabled;
}

/** Every word that applies to a set of attributes, most important first ("unlocked" alone when none). */
export type StateWord = 'locked' | 'deleteProtected' | 'writeProtected' | 'readBlocked' | 'hidden' | 'unlocked';

export function stateWords(a: LockAttributes): StateWord[] {
  const words: StateWord[] = [];
  if (!a.writeEnabled && !a.deleteEnabled) {
    words.push('locked');
  } else if (!a.deleteEnabled) {
    words.push('deleteProtected');
  } else if (!a.writeEnabled) {
    words.push('writeProtected');
  }
  if (!a.readEnabled) {
    words.unshift('readBlocked');
  }
  if (!a.listEnabled) {
    words.push('hidden');
  }
  return words.length > 0 ? words : ['unlocked'];
}

export function presentationOf(a: LockAttributes): StatePresentation & { readonly state: LockState } {
  const state = lockState(a);
  return { state, ...STATE_PRESENTATION[state] };
}

/** "1.2 MB"-style size for tooltips. */
export function formatSize(bytes: number | undefined): string | undefined {
  if (bytes === undefined) {
    return undefined;
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Sorts by name, or newest first by last update. */
export function sortItems<T extends { readonly name: string; readonly lastUpdatedOn: Date }>(items: readonly T[], order: 'name' | 'lastUpdated'): T[] {
  return [...items].sort((a, b) =>
    order === 'name' ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : b.lastUpdatedOn.getTime() - a.lastUpdatedOn.getTime(),
  );
}
