/** What commands need from the explorer; implemented in createExplorer.ts over the model. */
import { type ManifestInfo, type RepositoryInfo, type TagInfo } from '../registry/models';
import { type RegistryError } from '../registry/errors';
import { type Event } from '../util/emitter';
import { type LoadedListing } from './loadedListing';
import { type FindTagsOptions } from './model';
import { type LoadMoreNode, type LockableNode, type Node, type RegistryNode, type RepositoryNode } from './nodes';
import { type SearchOutcome } from './tagSearch';

/** The view a filter was started from: it filters that view's registries only and shows its message there. */
export type FilterView = 'registries' | 'azure';

export interface Explorer {
  readonly onDidChangeTreeData: Event<Node | undefined>;
  /** The configured registries, in settings order. */
  registries(): readonly RegistryNode[];
  /** Replaces a node's data with what the registry answered, and redraws it and the nodes that depend on it. */
  applyUpdate(node: LockableNode, info: RepositoryInfo | TagInfo | ManifestInfo): void;
  /** Drops cached data under `node` (everything, after reading the settings again, when undefined) and reloads it. */
  refresh(node?: Node): void;
  /** The tree's current selection (for commands run from the palette or keybindings). */
  selection(): readonly Node[];
  /** The registries the Azure view discovered so far (none before it lists; not the configured ones). */
  discoveredRegistries(): readonly RegistryNode[];
  /** The filter text in effect ('' when none). */
  activeFilter(): string;
  /**
   * Filters the repositories, tags and manifests already loaded in one view's registries (My
   * Registries' by default, or the Azure view's), whose message says so; '' clears the filter.
   */
  setFilter(text: string, view?: FilterView): void;
  /** The view the active filter applies to. */
  filterView(): FilterView;
  /** A view reports a row expanded or collapsed: remembered (while no filter applies to it) and drawn so again. */
  setExpanded(node: Node, expanded: boolean): void;
  /** Lists the tags the filter may match that are not loaded yet (bounded, cancellable), then redraws. */
  findTags(options?: FindTagsOptions): Promise<SearchOutcome | undefined>;
  /** Reads a registry's first catalog page now (e.g. right after adding it); the error, if it failed. */
  probe(registry: RegistryNode): Promise<RegistryError | undefined>;
  /** A repository's attributes as the tree last read them (undefined when not read). */
  knownRepository(registry: RegistryNode, name: string): RepositoryInfo | undefined;
  /** A repository's complete tag listing (and manifest listing, when complete) as the tree holds it; undefined when not all loaded. */
  loadedListing(loginServer: string, repository: string): LoadedListing | undefined;
  /** Fires after a Refresh drops cached data: the login server refreshed, or undefined for everything. */
  readonly onDidRefresh: Event<string | undefined>;
  /** A tag changed by a run over its repository: redraws every loaded node of it. */
  applyTagUpdate(repository: RepositoryNode, info: TagInfo): void;
  /** The next page of a "Load more…" node's parent. */
  loadMore(node: LoadMoreNode): Promise<void>;
  /** Reads the registries setting again (also runs on every settings change). */
  reloadSettings(): void;
}
