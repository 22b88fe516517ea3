/** What commands need from the explorer; implemented by the tree provider's model. */
import type * as vscode from 'vscode';
import { type ManifestInfo, type RepositoryInfo, type TagInfo } from '../registry/models';
import { type RegistryClient } from '../registry/registryClient';
import { type LockableNode, type Node, type RegistryNode } from './nodes';

export interface Explorer {
  readonly onDidChangeTreeData: vscode.Event<Node | undefined>;
  /** The configured registries, in settings order. */
  registries(): readonly RegistryNode[];
  /** The (cached) client of a registry, authenticated as the registry's settings say. */
  clientFor(registry: RegistryNode): Promise<RegistryClient>;
  /** Replaces a node's data with what the registry answered, and redraws it and the nodes that depend on it. */
  applyUpdate(node: LockableNode, info: RepositoryInfo | TagInfo | ManifestInfo): void;
  /** Drops cached data under `node` (everything when undefined) and reloads it. */
  refresh(node?: Node): void;
  /** The tree's current selection (for commands run from the palette or keybindings). */
  selection(): readonly Node[];
}
