/** What the deployment planner takes and gives: options, references and their statuses, changes, orphans, blockers, the plan. */
import { type LockAttributes, type LockChange } from '../../locks/attributes';
import { type LockClient } from '../../locks/client';
import { type LockItem } from '../../locks/engine';
import { type DeploymentSet, type RegistryPolicy } from '../../policy/model';
import { type TreeResult } from '../extract';
import { type ExtractError, type RefKind } from '../types';

export type DeploySetInput = Pick<DeploymentSet, 'name' | 'files' | 'exclude' | 'tag' | 'manifest' | 'floatingTags' | 'baseImages'> & {
  /** The folder the set's globs are relative to (default: the options' `root`). */
  readonly root?: string;
};

export interface PlanDeploymentsOptions {
  /** The folder file globs are relative to: the policy file's folder. */
  readonly root: string;
  readonly sets: readonly DeploySetInput[];
  /** Login servers whose references are acted on (the policy's `registries[].loginServer`). */
  readonly managed: readonly string[];
  /** The client of a managed registry; without one (or returning undefined) references are not resolved. */
  readonly client?: (loginServer: string) => LockClient | undefined;
  /** The policy's registries: items their rules keep locked are not orphans. */
  readonly rules?: readonly RegistryPolicy[];
  /** The clock for the rules' `olderThan`. */
  readonly now?: Date;
  readonly signal?: AbortSignal;
  /** Progress: one line per repository read. */
  readonly onStep?: (message: string) => void;
  /** Words for a registry failure (the CLI's describeFailure); default: the error's message. */
  readonly describeFailure?: (thrown: unknown, where: string) => string;
  /** Injectable for tests (default: extractTree). */
  readonly extract?: (root: string, globs: readonly string[]) => Promise<TreeResult>;
}

/**
 * - protected: every flag the set wants is already false;
 * - unprotected: changes are planned for it;
 * - floating: a moving tag (pin by digest); not locked;
 * - missing: the tag, digest or repository does not exist in the registry;
 * - notManaged: its registry is not in the policy ("not managed here");
 * - baseImage: a Dockerfile FROM image, left out (baseImages is false);
 * - template: unresolved templating, nothing to check;
 * - unchecked: managed, but not resolved (no registry client was given);
 * - failed: the registry could not be read.
 */
export type ReferenceStatus = 'protected' | 'unprotected' | 'floating' | 'missing' | 'notManaged' | 'baseImage' | 'template' | 'unchecked' | 'failed';

export interface DeployedReference {
  /** The deployment sets whose files hold it. */
  readonly sets: readonly string[];
  /** As the extractor gives it: relative to `root`, `/`-separated. */
  readonly file: string;
  /** `root` joined with `file`: what to print as `path:line`. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly image: string | null;
  readonly kind: RefKind;
  readonly format: string;
  /** The login server as the policy writes it (managed references only). */
  readonly loginServer?: string;
  readonly registry?: string;
  readonly repository?: string;
  readonly tag?: string;
  readonly digest?: string;
  /** The digest the tag points to now (resolved tag references). */
  readonly resolvedDigest?: string;
  status: ReferenceStatus;
  /** Why: "pin by digest", "tag … not found in …", the registry's error. */
  message?: string;
}

export interface DeploymentChange extends LockItem {
  readonly loginServer: string;
  readonly target: { readonly kind: 'tag'; readonly repository: string; readonly tag: string } | { readonly kind: 'manifest'; readonly repository: string; readonly digest: string };
  /** Only flags set to false that are true now. */
  readonly change: LockChange;
  readonly known: LockAttributes;
  /** Where it is deployed (`path:line`). */
  readonly deployedAt: readonly string[];
}

export interface Orphan extends LockItem {
  readonly loginServer: string;
  readonly target: DeploymentChange['target'];
  readonly known: LockAttributes;
  /** What releasing it sends: writeEnabled/deleteEnabled back to true where false. */
  readonly change: LockChange;
  /** The tags of an orphan manifest (listing). */
  readonly tags?: readonly string[];
}

export type BlockerKind = 'noReferences' | 'extraction' | 'missing' | 'registry';

export interface Blocker {
  readonly kind: BlockerKind;
  /** `path:line: …` or a set's name: printable as it is. */
  readonly message: string;
}

export interface DeploymentPlan {
  readonly root: string;
  readonly sets: readonly { readonly name: string; readonly files: number; readonly references: number }[];
  /** Every reference found (one per position), in file and line order. */
  readonly references: readonly DeployedReference[];
  readonly changes: readonly DeploymentChange[];
  readonly orphans: readonly Orphan[];
  readonly extractionErrors: readonly ExtractError[];
  /** Reasons apply stops before any change (unless partial apply is allowed). */
  readonly blockers: readonly Blocker[];
  /** Whether references were resolved against the registries (a client was given). */
  readonly resolved: boolean;
}

export class DeploymentBlockedError extends Error {
  override readonly name = 'DeploymentBlockedError';
  constructor(readonly blockers: readonly Blocker[]) {
    super(
      `Protecting deployments stopped before any change: ${blockers.length} ${blockers.length === 1 ? 'problem' : 'problems'} (${blockers
        .slice(0, 3)
        .map((b) => b.message)
        .join('; ')}${blockers.length > 3 ? '; …' : ''}).`,
    );
  }
}
