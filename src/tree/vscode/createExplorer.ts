/**
 * Wires the tree view: the model/cache, the TreeDataProvider, settings watchers and the filter
 * message. Registry clients come from the caller (src/connections.ts): the tree never signs in.
 */
import * as vscode from 'vscode';
import { type RegistryClient } from '../../registry/registryClient';
import { type PolicyMarks } from '../drift';
import { type DeployedMarks } from '../deployed';
import { mark, WALKTHROUGH_KEYS } from '../../ui/walkthrough';
import { type Explorer, type FilterView } from '../explorer';
import { Emitter } from '../../util/emitter';
import { type SearchOutcome } from '../tagSearch';
import { ExplorerModel } from '../model';
import { isLockable, type Node, type RegistryNode, registryOf, restrictedModeNode } from '../nodes';
import { toTreeItem } from './render';
import { readPageSize, readRegistries, readSortOrder, SECTION } from './settings';

export const FILTER_CONTEXT_KEY = 'acrLocks.filterActive';

export interface ExplorerParts {
  readonly explorer: Explorer;
  /** The tree's provider and view (tests read the tree through them). */
  readonly provider: vscode.TreeDataProvider<Node>;
  readonly view: vscode.TreeView<Node>;
  /** Another view showing the filter's message when the filter is started there (the Azure view). */
  attachFilterView(name: FilterView, view: vscode.TreeView<unknown>): void;
}

export interface ExplorerOptions {
  /** The (cached) client of a registry, authenticated as its settings say. */
  readonly clientFor: (registry: RegistryNode) => Promise<RegistryClient>;
  readonly log: vscode.LogOutputChannel;
  readonly subscriptions: vscode.Disposable[];
  /** The lock policy's marks on rows (src/policy); the tree redraws when they change. */
  readonly policyMarks?: PolicyMarks;
  /** The deployment files' marks on rows (src/deploy); the tree redraws when they change. */
  readonly deployedMarks?: DeployedMarks;
  /** Restricted Mode (src/workspaceTrust.ts): false = the view shows one message row and lists nothing. */
  readonly isTrusted?: () => boolean;
  /** The registries the Azure view discovered so far (palette picks, its filter). */
  readonly discovered?: () => readonly RegistryNode[];
}

/** The walkthrough's "read the icons" step: lock icons are on screen once a registry or repository is expanded. */
export function markIconsShown(node: { readonly kind: string }): void {
  if (node.kind === 'registry' || node.kind === 'repository') {
    mark(WALKTHROUGH_KEYS.iconsShown);
  }
}

export function createExplorer(options: ExplorerOptions): ExplorerParts {
  const { log } = options;
  const model = new ExplorerModel(options.clientFor, { pageSize: readPageSize, sortOrder: readSortOrder }, log);
  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: model.onDidChange,
    getChildren: (node?: Node) => (options.isTrusted?.() === false ? (node === undefined ? [restrictedModeNode()] : []) : model.children(node)),
    // Getters only present: no context keys, events or requests here (a context key changing
    // while a menu opens can close it). The walkthrough's step ticks on expansion below.
    getTreeItem: (node: Node) => {
      return toTreeItem(node, {
        attributeError: (r) => model.attributeErrors.get(r),
        hiddenTags: (r) => model.hiddenTagCount(r),
        expanded: (n) => model.isExpanded(n),
        filterEpoch: model.filterEpochOf(node),
        registryError: (r) => model.registryError(r),
        policyMark: (n) => options.policyMarks?.text(n),
        deployedMark: (n) => options.deployedMarks?.text(n),
      });
    },
  };
  const view = vscode.window.createTreeView<Node>('acrLocks.registries', {
    treeDataProvider: provider,
    canSelectMany: true,
    showCollapseAll: true,
  });

  const reloadSettings = (): void => {
    const parsed = readRegistries();
    for (const problem of parsed.problems) {
      log.warn(`acrLocks.registries[${problem.index}] ignored: ${problem.reason}`);
    }
    model.setRegistries(parsed.registries, parsed.problems);
    mark(WALKTHROUGH_KEYS.hasRegistries, parsed.registries.length > 0);
  };
  reloadSettings();

  const discovered = (): readonly RegistryNode[] => {
    const configured = new Set(model.registries().map((r) => r.config.loginServer.toLowerCase()));
    return (options.discovered?.() ?? []).filter((r) => !configured.has(r.config.loginServer.toLowerCase()));
  };
  const scopeRegistries = (name: FilterView): readonly RegistryNode[] => (name === 'azure' ? (options.discovered?.() ?? []) : model.registries());
  const filterViews = new Map<FilterView, vscode.TreeView<unknown>>([['registries', view as vscode.TreeView<unknown>]]);
  let filterView: FilterView = 'registries';
  const showFilter = (outcome?: SearchOutcome): void => {
    const text = model.activeFilter;
    for (const [name, shown] of filterViews) {
      // The message is in the view the filter applies to only.
      shown.message = text && name === filterView ? filterMessage(text, model.filterSummary(scopeRegistries(name)), outcome) : undefined;
    }
    void vscode.commands.executeCommand('setContext', FILTER_CONTEXT_KEY, text !== '');
  };

  options.subscriptions.push(
    view,
    model,
    options.policyMarks?.onDidChange(() => model.fire(undefined)) ?? { dispose: () => undefined },
    options.deployedMarks?.onDidChange(() => model.fire(undefined)) ?? { dispose: () => undefined },
    // Remembered so rows come back expanded after a filter is cleared (or a listing reloaded).
    view.onDidExpandElement((e) => {
      model.setExpanded(e.element, true);
      markIconsShown(e.element);
    }),
    view.onDidCollapseElement((e) => model.setExpanded(e.element, false)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.registries`)) {
        reloadSettings();
      }
      if (e.affectsConfiguration(`${SECTION}.sortOrder`)) {
        model.dropOrderedListings();
      }
    }),
  );

  const refreshed = new Emitter<string | undefined>();
  options.subscriptions.push(refreshed);
  const explorer: Explorer = {
    onDidChangeTreeData: model.onDidChange,
    onDidRefresh: refreshed.event,
    registries: () => model.registries(),
    applyUpdate: (node, info) => model.applyUpdate(node, info),
    refresh: (node?: Node) => {
      if (!node) {
        reloadSettings();
      }
      model.refresh(node).catch((thrown: unknown) => {
        log.warn(`refresh failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
        if (node && node.kind !== 'message') {
          model.fire(node);
        }
      });
      // The cache is dropped by now (before the reload's first request): those listening read again too.
      const server = node === undefined ? undefined : loginServerOf(node);
      if (node === undefined || server !== undefined) {
        refreshed.fire(server);
      }
    },
    selection: () => view.selection,
    activeFilter: () => model.activeFilter,
    discoveredRegistries: discovered,
    setFilter: (text: string, name: FilterView = 'registries') => {
      filterView = name;
      // My Registries' rows are its configured registries' nodes; every other registry node is the Azure view's.
      model.setFilter(text, (registry) => model.registries().includes(registry) === (name === 'registries'));
      showFilter();
    },
    filterView: () => filterView,
    setExpanded: (node, expanded) => model.setExpanded(node, expanded),
    findTags: async (findOptions) => {
      const outcome = await model.findTags({ ...findOptions, registries: scopeRegistries(filterView) });
      showFilter(outcome);
      return outcome;
    },
    probe: (registry) => model.probe(registry),
    knownRepository: (registry, name) => model.knownRepository(registry, name),
    loadedListing: (loginServer, repository) => model.loadedListing(loginServer, repository),
    applyTagUpdate: (repository, info) => model.applyTagUpdate(repository, info),
    loadMore: (node) => model.loadMore(node),
    reloadSettings,
  };
  const attachFilterView = (name: FilterView, shown: vscode.TreeView<unknown>): void => {
    filterViews.set(name, shown);
  };
  return { explorer, provider, view, attachFilterView };
}

/** The login server a Refresh of `node` reads again (none for "Load more…" and message rows). */
function loginServerOf(node: Node): string | undefined {
  if (node.kind === 'registry') {
    return node.config.loginServer;
  }
  return isLockable(node) || node.kind === 'manifestGroup' ? registryOf(node).config.loginServer : undefined;
}

/** The view's message while a filter is active: the filter, what it shows, how to clear it. */
function filterMessage(text: string, shown: { repositories: number; tags: number }, outcome: SearchOutcome | undefined): string {
  const repositories = shown.repositories === 1 ? vscode.l10n.t('1 repository') : vscode.l10n.t('{0} repositories', shown.repositories);
  const tags = shown.tags === 1 ? vscode.l10n.t('1 matching tag') : vscode.l10n.t('{0} matching tags', shown.tags);
  const gaps = outcome?.cancelled
    ? ` ${vscode.l10n.t('Search cancelled.')}`
    : outcome && outcome.skipped > 0
      ? ` ${outcome.skipped === 1 ? vscode.l10n.t('1 repository not searched.') : vscode.l10n.t('{0} repositories not searched.', outcome.skipped)}`
      : '';
  return vscode.l10n.t('Filter “{0}”: {1}, {2}.{3} Clear Filter is in the view title.', text, repositories, tags, gaps);
}
