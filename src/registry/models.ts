/** The four "changeable attributes" ACR keeps for every repository, tag and manifest. */
export interface LockAttributes {
  readonly writeEnabled: boolean;
  readonly deleteEnabled: boolean;
  readonly readEnabled: boolean;
  readonly listEnabled: boolean;
}

/** A change sends only the flags it names; absent flags keep their value at the registry. */
export type LockChange = Partial<LockAttributes>;

export const FLAG_NAMES = ['writeEnabled', 'deleteEnabled', 'readEnabled', 'listEnabled'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];


/** One page of a listing plus the opaque token for the next one (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly continuationToken?: string;
}

/** Answers carry their kind, so a repository, a tag and a manifest are told apart by `kind`. */
export interface RepositoryInfo {
  readonly kind: 'repository';
  readonly name: string;
  readonly attributes: LockAttributes;
  readonly createdOn: Date;
  readonly lastUpdatedOn: Date;
  readonly manifestCount: number;
  readonly tagCount: number;
}

export interface TagInfo {
  readonly kind: 'tag';
  readonly repository: string;
  readonly name: string;
  readonly digest: string;
  readonly attributes: LockAttributes;
  readonly createdOn: Date;
  readonly lastUpdatedOn: Date;
}

export interface ManifestPlatform {
  readonly digest: string;
  readonly architecture?: string;
  readonly os?: string;
}

export interface ManifestInfo {
  readonly kind: 'manifest';
  readonly repository: string;
  readonly digest: string;
  readonly attributes: LockAttributes;
  readonly tags: readonly string[];
  readonly createdOn: Date;
  readonly lastUpdatedOn: Date;
  readonly sizeInBytes?: number;
  readonly architecture?: string;
  readonly os?: string;
  /** Child manifests of a multi-arch index (only filled by a direct GET, not by listings). */
  readonly references: readonly ManifestPlatform[];
}

/** Any item the registry answers for. */
export type ItemInfo = RepositoryInfo | TagInfo | ManifestInfo;

export type SortOrder = 'name' | 'lastUpdated';

export interface ListOptions {
  readonly pageSize: number;
  readonly order: SortOrder;
  readonly continuationToken?: string;
}

/** What a lock command targets. */
export type LockTarget =
  | { readonly kind: 'repository'; readonly repository: string }
  | { readonly kind: 'tag'; readonly repository: string; readonly tag: string }
  | { readonly kind: 'manifest'; readonly repository: string; readonly digest: string };

/** `repo`, `repo:tag` or `repo@sha256:…` (`repo@sha256:3f2a91c` with `shortDigests`). */
export function targetLabel(target: LockTarget, shortDigests = false): string {
  switch (target.kind) {
    case 'repository':
      return target.repository;
    case 'tag':
      return `${target.repository}:${target.tag}`;
    case 'manifest':
      return `${target.repository}@${shortDigests ? shortDigestWithAlgorithm(target.digest) : target.digest}`;
  }
}

/** `sha256:3f2a91c…` → `3f2a91c` (7 hex digits, as the tree shows it). */
export function shortDigest(digest: string): string {
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 7);
}

/** `sha256:3f2a91c…` → `sha256:3f2a91c`. */
export function shortDigestWithAlgorithm(digest: string): string {
  const colon = digest.indexOf(':');
  return colon < 0 ? shortDigest(digest) : `${digest.slice(0, colon)}:${shortDigest(digest)}`;
}
