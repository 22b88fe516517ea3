/**
 * A policy file, validated: registries with ordered rules that set lock flags on the tags and
 * manifests they select. Built by parse.ts only from a file without errors. Pure data.
 */
import { type LockChange } from '../locks/attributes';
import { type TextRange } from './text';

export type PolicyLevel = 'tag' | 'manifest' | 'both';

export interface PolicyDuration {
  /** As written: `7d`. */
  readonly text: string;
  readonly milliseconds: number;
}

export interface PolicyRule {
  readonly name: string;
  readonly description?: string;
  readonly enabled: boolean;
  /** Repository globs (case-insensitive, path segments). */
  readonly repositories: readonly string[];
  readonly excludeRepositories: readonly string[];
  /** Tag globs (case-sensitive). */
  readonly tags: readonly string[];
  readonly exclude: readonly string[];
  readonly olderThan?: PolicyDuration;
  readonly level: PolicyLevel;
  /** At least one flag. */
  readonly set: LockChange;
  /** Position in its registry's rules (0-based): the order reports use. */
  readonly index: number;
  /** The rule's `name` value in the file, for diagnostics and links. */
  readonly range: TextRange;
}

export interface RegistryPolicy {
  /** As written in the file. */
  readonly loginServer: string;
  readonly description?: string;
  readonly rules: readonly PolicyRule[];
  readonly range: TextRange;
}

export interface Policy {
  readonly description?: string;
  readonly registries: readonly RegistryPolicy[];
  /** "Protect what is deployed": named sets of deployment files (absent or empty: none). */
  readonly deployments?: readonly DeploymentSet[];
}

/**
 * One named set of deployment files whose image references are protected (src/deploy/protect/):
 * a tag reference gets `tag` on its tag and `manifest` on the manifest it points to; a digest
 * reference gets `manifest`. Only restrictions (flags set to false): parse refuses `true`.
 */
export interface DeploymentSet {
  readonly name: string;
  readonly description?: string;
  /** File globs relative to the policy file's folder (`**` crosses folders). */
  readonly files: readonly string[];
  /** File globs skipped even when `files` matches them. */
  readonly exclude: readonly string[];
  /** What a deployed tag gets (default writeEnabled=false, deleteEnabled=false). */
  readonly tag: LockChange;
  /** What the manifest of a deployed tag or digest gets (default deleteEnabled=false). */
  readonly manifest: LockChange;
  /** Tag globs that move (reported with "pin by digest", never locked). */
  readonly floatingTags: readonly string[];
  /** Dockerfile `FROM` base images count as deployed (default false). */
  readonly baseImages: boolean;
  /** Position in `deployments` (0-based). */
  readonly index: number;
  /** The set's `name` value in the file. */
  readonly range: TextRange;
}

export const DEFAULT_DEPLOYED_TAG: LockChange = { writeEnabled: false, deleteEnabled: false };
export const DEFAULT_DEPLOYED_MANIFEST: LockChange = { deleteEnabled: false };
export const DEFAULT_FLOATING_TAGS: readonly string[] = ['latest', 'main', 'master', 'stable', 'dev*', 'edge'];

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `12h`, `7d`, `2w` → milliseconds; undefined for anything else (the schema's DURATION_PATTERN). */
export function parseDuration(text: string): PolicyDuration | undefined {
  const match = /^([1-9][0-9]{0,4})([hdw])$/.exec(text);
  if (match === null) {
    return undefined;
  }
  return { text, milliseconds: Number(match[1]) * UNIT_MS[match[2]] };
}

/** Login servers compare case-insensitively (DNS names). */
export function loginServerKey(loginServer: string): string {
  return loginServer.toLowerCase();
}

export function findRegistryPolicy(policy: Policy, loginServer: string): RegistryPolicy | undefined {
  const key = loginServerKey(loginServer);
  return policy.registries.find((r) => loginServerKey(r.loginServer) === key);
}
