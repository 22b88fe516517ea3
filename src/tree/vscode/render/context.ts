/** What the view tells the rows about a node beyond the node itself: marks, expansion, errors, the filter. */
import { type RegistryError } from '../../../registry/errors';
import { type DeployedMarkText } from '../../deployed';
import { type PolicyMarkText } from '../../drift';
import { type Node, type RegistryNode, type RepositoryNode } from '../../nodes';

export interface RenderContext {
  attributeError(node: RepositoryNode): RegistryError | undefined;
  /** The lock policy's mark on the node, worded (src/tree/drift.ts); undefined when none. */
  policyMark?(node: Node): PolicyMarkText | undefined;
  /** The deployment files' mark on the node (src/tree/deployed.ts); undefined when none. */
  deployedMark?(node: Node): DeployedMarkText | undefined;
  /** Tags of a repository hidden from its listing, once the listing is complete. */
  hiddenTags?(node: RepositoryNode): number | undefined;
  /** Whether a node is drawn expanded (remembered, or opened by the filter). */
  expanded?(node: Node): boolean;
  /** Set while a filter is active: filtered repository rows get ids of their own. */
  readonly filterEpoch?: number;
  /** Why a registry's catalog could not be read, once tried. */
  registryError?(node: RegistryNode): RegistryError | undefined;
}
