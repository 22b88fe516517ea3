/**
 * "Why is this protected?": which level (repository, manifest, tag) blocks which operation,
 * and the exact changes that unblock deleting an image. Pure logic over attributes already read.
 *
 * ACR semantics (seed documents, acr-api.md §3): writeEnabled=false blocks overwrite and delete;
 * deleteEnabled=false blocks delete; a repository's writeEnabled=false blocks pushes and deletes
 * inside it, its deleteEnabled=false only the deletion of the repository itself; readEnabled=false
 * blocks pulls; listEnabled=false hides the item from listings. Tag, manifest and repository
 * attributes are independent, and deleting an image removes every tag of its manifest.
 */
import { type FlagName, type LockAttributes, type LockChange } from './attributes';
import { type LockTarget } from '../registry/models';

export type Operation = 'overwrite' | 'untag' | 'deleteImage' | 'pull' | 'list' | 'deleteRepository';
export type Level = 'repository' | 'manifest' | 'tag' | 'otherTag';

export interface Blocker {
  readonly level: Level;
  readonly target: LockTarget;
  readonly flag: FlagName;
}

export interface ProtectionInput {
  readonly repository: { readonly name: string; readonly attributes: LockAttributes };
  readonly tag?: { readonly name: string; readonly attributes: LockAttributes };
  readonly manifest?: { readonly digest: string; readonly attributes: LockAttributes };
  /** The manifest's other tags (deleting the image removes them too). */
  readonly otherTags?: readonly { readonly name: string; readonly attributes: LockAttributes }[];
}

export interface ProtectionReport {
  readonly blockers: Readonly<Record<Operation, readonly Blocker[]>>;
  /** Operations that apply to the analysed item (a repository has no "untag"). */
  readonly operations: readonly Operation[];
  /** The changes that unblock deleting the image (or repository), one per target. */
  readonly unlockForDeletion: readonly { readonly target: LockTarget; readonly change: LockChange }[];
}

function disabled(level: Level, target: LockTarget, attributes: LockAttributes, flags: readonly FlagName[]): Blocker[] {
  return flags.filter((flag) => !attributes[flag]).map((flag) => ({ level, target, flag }));
}

const DELETE_FLAGS: readonly FlagName[] = ['writeEnabled', 'deleteEnabled'];

export function analyseProtection(input: ProtectionInput): ProtectionReport {
  const repo = input.repository;
  const repoTarget: LockTarget = { kind: 'repository', repository: repo.name };
  const tagTarget: LockTarget | undefined = input.tag
    ? { kind: 'tag', repository: repo.name, tag: input.tag.name }
    : undefined;
  const manifestTarget: LockTarget | undefined = input.manifest
    ? { kind: 'manifest', repository: repo.name, digest: input.manifest.digest }
    : undefined;
  const tagBlock = (flags: readonly FlagName[]): Blocker[] =>
    input.tag && tagTarget ? disabled('tag', tagTarget, input.tag.attributes, flags) : [];
  const manifestBlock = (flags: readonly FlagName[]): Blocker[] =>
    input.manifest && manifestTarget ? disabled('manifest', manifestTarget, input.manifest.attributes, flags) : [];
  const otherTagBlock = (): Blocker[] =>
    (input.otherTags ?? []).flatMap((t) =>
      disabled('otherTag', { kind: 'tag', repository: repo.name, tag: t.name }, t.attributes, DELETE_FLAGS),
    );
  const repoBlock = (flags: readonly FlagName[]): Blocker[] => disabled('repository', repoTarget, repo.attributes, flags);

  const blockers: Record<Operation, Blocker[]> = {
    overwrite: [...repoBlock(['writeEnabled']), ...tagBlock(['writeEnabled'])],
    untag: [...repoBlock(['writeEnabled']), ...tagBlock(DELETE_FLAGS)],
    deleteImage: [...repoBlock(['writeEnabled']), ...manifestBlock(DELETE_FLAGS), ...tagBlock(DELETE_FLAGS), ...otherTagBlock()],
    pull: [...repoBlock(['readEnabled']), ...manifestBlock(['readEnabled']), ...tagBlock(['readEnabled'])],
    list: [...repoBlock(['listEnabled']), ...manifestBlock(['listEnabled']), ...tagBlock(['listEnabled'])],
    deleteRepository: repoBlock(DELETE_FLAGS),
  };
  const isRepositoryOnly = !input.tag && !input.manifest;
  const operations: Operation[] = isRepositoryOnly
    ? ['overwrite', 'pull', 'list', 'deleteRepository']
    : input.tag
      ? ['overwrite', 'untag', 'deleteImage', 'pull', 'list']
      : ['deleteImage', 'pull', 'list'];

  const deletion = isRepositoryOnly ? blockers.deleteRepository : blockers.deleteImage;
  const byTarget = new Map<string, { target: LockTarget; change: { [K in FlagName]?: boolean } }>();
  for (const blocker of deletion) {
    const key = JSON.stringify(blocker.target);
    const entry = byTarget.get(key) ?? { target: blocker.target, change: {} };
    entry.change[blocker.flag] = true;
    byTarget.set(key, entry);
  }
  return { blockers, operations, unlockForDeletion: [...byTarget.values()] };
}
