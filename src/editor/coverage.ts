/**
 * Which deployment set of the policy covers a file, and what it wants of each reference there:
 * the three kinds of problems (error: not in the registry; warning: not protected as the set
 * says; information: a floating tag, pin by digest). Pure.
 */
import { flagsText } from '../locks/flagsText';
import { type LockChange } from '../locks/attributes';
import { type DeploymentSet } from '../policy/model';
import { pathGlob } from '../util/glob';
import { type EditorReference } from './refs';
import { isFloating, pulledTag, type ReferenceStatus, unmetFlags } from './status';

export type CoveringSet = Pick<DeploymentSet, 'name' | 'files' | 'exclude' | 'tag' | 'manifest' | 'floatingTags' | 'baseImages'>;

/** The first set whose `files` match the path (relative to the policy's folder, `/`-separated) and whose `exclude` does not. */
export function coveringSet(relativePath: string, sets: readonly CoveringSet[]): CoveringSet | undefined {
  return sets.find((set) => set.files.some((g) => pathGlob(g)(relativePath)) && !set.exclude.some((g) => pathGlob(g)(relativePath)));
}

export type ProblemKind = 'missing' | 'unprotected' | 'floating';

export interface Problem {
  readonly kind: ProblemKind;
  /** English words filled into the localised message by the VS Code half. */
  readonly what: string;
  /** For `unprotected`: the flags still wanted, in words (`writeEnabled=false, …`). */
  readonly wanted?: string;
}

/** What a covering set says of one reference (none for a reference it does not count, or a failed lookup). */
export function problemsOf(ref: EditorReference, status: ReferenceStatus, set: CoveringSet): Problem[] {
  if (ref.kind === 'base-image' && !set.baseImages) {
    return [];
  }
  const what = ref.text;
  if (status.word === 'notFound') {
    return [{ kind: 'missing', what }];
  }
  if (status.word === 'unknown') {
    return [];
  }
  const problems: Problem[] = [];
  const tagName = pulledTag(ref);
  const floatingName = isFloating(ref, set.floatingTags);
  const unmet: string[] = [];
  if (status.tag && tagName !== null && !floatingName) {
    const text = flagsText(unmetFlags(status.tag.attributes, set.tag));
    if (text !== '') {
      unmet.push(`tag ${text}`);
    }
  }
  if (status.manifest) {
    const text = flagsText(unmetFlags(status.manifest.attributes, set.manifest as LockChange));
    if (text !== '') {
      unmet.push(`manifest ${text}`);
    }
  }
  if (unmet.length > 0) {
    problems.push({ kind: 'unprotected', what, wanted: unmet.join('; ') });
  }
  if (floatingName) {
    problems.push({ kind: 'floating', what });
  }
  return problems;
}
