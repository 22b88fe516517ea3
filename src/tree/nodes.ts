/**
 * The explorer's view model: typed node data (no TreeItem subclasses). One provider turns
 * nodes into TreeItems; commands receive nodes. Parent links let a node be refreshed alone.
 */
import { type ConfigProblem, type RegistryConfig } from '../config';
import { type LockAttributes } from '../locks/attributes';
import { type RegistryError } from '../registry/errors';
import { type LockTarget, type ManifestInfo, type RepositoryInfo, type TagInfo } from '../registry/models';

export interface RegistryNode {
  readonly kind: 'registry';
  readonly config: RegistryConfig;
}

export interface RepositoryNode {
  readonly kind: 'repository';
  readonly registry: RegistryNode;
  readonly name: string;
  /** Filled once the repository's own attributes have been read (they are not in the catalog). */
  info?: RepositoryInfo;
}

export interface TagNode {
  readonly kind: 'tag';
  readonly repository: RepositoryNode;
  tag: TagInfo;
  /** listEnabled=false: found through its manifest, not through the tag listing. */
  readonly hidden: boolean;
  /** The tag's manifest, when its page is loaded (tag and manifest locks are separate). */
  manifest?: ManifestInfo;
}

export interface ManifestGroupNode {
  readonly kind: 'manifestGroup';
  readonly repository: RepositoryNode;
}

export interface ManifestNode {
  readonly kind: 'manifest';
  readonly repository: RepositoryNode;
  manifest: ManifestInfo;
  /** Set when shown under a tag, or as a child platform of a multi-arch index. */
  readonly parent?: TagNode | ManifestNode;
}

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly parent: RegistryNode | RepositoryNode | ManifestGroupNode;
}

/** What a message node says; tree/vscode/render/messageText.ts words it. */
export type MessageText =
  | {
      readonly id: 'noRepositories' | 'noRepositoryMatch' | 'noTags' | 'noTagMatch' | 'noManifests' | 'noManifestMatch' | 'untagged';
    }
  | { readonly id: 'error'; readonly error: RegistryError }
  | { readonly id: 'configProblem'; readonly problem: ConfigProblem }
  /** The filter's search read only the first `tags` tags of this repository. */
  | { readonly id: 'searchCut'; readonly tags: number }
  /** The filter's search did not reach `repositories` repositories of this registry (cancelled or bounded). */
  | { readonly id: 'searchIncomplete'; readonly repositories: number }
  /** Restricted Mode: the workspace is not trusted, so nothing is read (src/workspaceTrust.ts). */
  | { readonly id: 'restricted' };

/** The one action a message node offers (tree/vscode/render/messageRow.ts turns it into a command). */
export type MessageAction =
  | { readonly kind: 'signIn' | 'enterCredentials'; readonly registry?: RegistryNode }
  | { readonly kind: 'openSettings' }
  | { readonly kind: 'retry'; readonly node?: Node }
  | { readonly kind: 'manageTrust' };

export interface MessageNode {
  readonly kind: 'message';
  readonly parent?: Node;
  readonly message: MessageText;
  readonly severity: 'info' | 'error';
  readonly error?: RegistryError;
  readonly action?: MessageAction;
}

/** The one row of a view in Restricted Mode, with the command that manages workspace trust. */
export function restrictedModeNode(): MessageNode {
  return { kind: 'message', message: { id: 'restricted' }, severity: 'info', action: { kind: 'manageTrust' } };
}

export type Node =
  | RegistryNode
  | RepositoryNode
  | TagNode
  | ManifestGroupNode
  | ManifestNode
  | LoadMoreNode
  | MessageNode;

/** The nodes whose locks can be read and changed. */
export type LockableNode = RepositoryNode | TagNode | ManifestNode;

export function isLockable(node: Node): node is LockableNode {
  return node.kind === 'repository' || node.kind === 'tag' || node.kind === 'manifest';
}

export function registryOf(node: LockableNode | ManifestGroupNode): RegistryNode {
  return node.kind === 'tag' || node.kind === 'manifest' || node.kind === 'manifestGroup'
    ? node.repository.registry
    : node.registry;
}

export function targetOf(node: LockableNode): LockTarget {
  switch (node.kind) {
    case 'repository':
      return { kind: 'repository', repository: node.name };
    case 'tag':
      return { kind: 'tag', repository: node.repository.name, tag: node.tag.name };
    case 'manifest':
      return { kind: 'manifest', repository: node.repository.name, digest: node.manifest.digest };
  }
}

/** Current attributes as last read from the registry; undefined while a repository's are not loaded. */
export function attributesOf(node: LockableNode): LockAttributes | undefined {
  switch (node.kind) {
    case 'repository':
      return node.info?.attributes;
    case 'tag':
      return node.tag.attributes;
    case 'manifest':
      return node.manifest.attributes;
  }
}

/**
 * A stable key for the nodes whose expansion the explorer remembers (registries, repositories,
 * the Manifests group, listed tags and listed manifests); undefined for the others.
 */
export function nodeKey(node: Node): string | undefined {
  switch (node.kind) {
    case 'registry':
      return `registry|${node.config.loginServer}`;
    case 'repository':
      return `registry|${node.registry.config.loginServer}|${node.name}`;
    case 'manifestGroup':
      return `${nodeKey(node.repository) ?? ''}|#manifests`;
    case 'tag':
      return node.hidden ? undefined : `${nodeKey(node.repository) ?? ''}|:${node.tag.name}`;
    case 'manifest':
      return node.parent ? undefined : `${nodeKey(node.repository) ?? ''}|@${node.manifest.digest}`;
    default:
      return undefined;
  }
}
