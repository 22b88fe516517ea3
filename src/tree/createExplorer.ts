/**
 * Wires the tree view: the model/cache, the TreeDataProvider, one RegistryClient per registry
 * (authenticated as its settings say), settings watchers and the filter message.
 */
import * as vscode from 'vscode';
import { AuthFactory, audienceFor } from '../auth/authFactory';
import { readSandboxEnv, sandboxAdmin } from '../auth/sandbox';
import { PasswordStore } from '../auth/secrets';
import { type SessionSource, vscodeSessions } from '../auth/sessions';
import { type RegistryConfig } from '../config';
import { type ManifestInfo, type RepositoryInfo, type TagInfo } from '../registry/models';
import { RegistryClient } from '../registry/registryClient';
import { type Explorer } from './explorer';
import { ExplorerModel } from './model';
import { type LoadMoreNode, type LockableNode, type Node, type RegistryNode } from './nodes';
import { toTreeItem } from './render';
import { readPageSize, readRegistries, readSortOrder, SECTION } from './settings';

export const FILTER_CONTEXT_KEY = 'acrLocks.filterActive';

/** What explorer commands need beyond `Explorer` (filter, paging, credentials). */
export interface ExplorerView extends Explorer {
  readonly provider: vscode.TreeDataProvider<Node>;
  readonly view: vscode.TreeView<Node>;
  readonly auth: AuthFactory;
  readonly passwords: PasswordStore;
  activeFilter(): string;
  setFilter(text: string): Promise<void>;
  loadMore(node: LoadMoreNode): Promise<void>;
  /** Drops the cached client (new credentials, new session) and reloads the registry. */
  resetClient(registry: RegistryNode): void;
  /** Reads settings again (also runs on every settings change). */
  reloadSettings(): void;
}

export function isExplorerView(explorer: Explorer): explorer is ExplorerView {
  return 'setFilter' in explorer && 'provider' in explorer;
}

function isSandbox(loginServer: string): boolean {
  const info = readSandboxEnv();
  return info !== undefined && sandboxAdmin(info, loginServer) !== undefined;
}

function clientKey(config: RegistryConfig): string {
  return JSON.stringify([config.loginServer, config.auth, config.username ?? '', audienceFor(config)]);
}

export function createExplorer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ExplorerView {
  const passwords = new PasswordStore(context.secrets);
  const auth = new AuthFactory(passwords, vscodeSessions, () => readSandboxEnv());
  const clients = new Map<string, Promise<RegistryClient>>();

  const clientFor = (registry: RegistryNode): Promise<RegistryClient> => {
    const key = clientKey(registry.config);
    let client = clients.get(key);
    if (!client) {
      client = auth.authFor(registry.config).then((result) => {
        if (!result.ok) {
          clients.delete(key);
          throw ExplorerModel.missingPassword(registry);
        }
        return new RegistryClient({
          loginServer: registry.config.loginServer,
          auth: result.auth,
          audience: audienceFor(registry.config),
          // Until the one-time confirmation exists (arch): only the test/demo sandbox is trusted.
          trustedCustomDomain: isSandbox(registry.config.loginServer),
          logger: log,
        });
      });
      clients.set(key, client);
    }
    return client;
  };

  const model = new ExplorerModel(clientFor, { pageSize: readPageSize, sortOrder: readSortOrder }, log);
  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: model.onDidChange,
    getChildren: (node?: Node) => model.children(node),
    getTreeItem: (node: Node) => toTreeItem(node, { attributeError: (r) => model.attributeErrors.get(r) }),
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
    model.setRegistries(parsed.registries);
  };
  reloadSettings();
  void vscode.commands.executeCommand('setContext', 'acrLocks.sandboxAvailable', readSandboxEnv() !== undefined);

  const showFilter = (): void => {
    const text = model.activeFilter;
    view.message = text
      ? vscode.l10n.t('Filter: “{0}” (repositories, tags, manifests). Clear it with the Clear Filter button in the view title.', text)
      : undefined;
    void vscode.commands.executeCommand('setContext', FILTER_CONTEXT_KEY, text !== '');
  };

  context.subscriptions.push(
    view,
    model,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.registries`)) {
        reloadSettings();
      }
      if (e.affectsConfiguration(`${SECTION}.sortOrder`)) {
        model.dropOrderedListings();
      }
    }),
  );

  const explorer: ExplorerView = {
    provider,
    view,
    auth,
    passwords,
    onDidChangeTreeData: model.onDidChange,
    registries: () => model.registries(),
    clientFor,
    applyUpdate: (node: LockableNode, info: RepositoryInfo | TagInfo | ManifestInfo) => model.applyUpdate(node, info),
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
    },
    selection: () => view.selection,
    activeFilter: () => model.activeFilter,
    setFilter: async (text: string) => {
      model.setFilter(text);
      showFilter();
    },
    loadMore: (node: LoadMoreNode) => model.loadMore(node),
    resetClient: (registry: RegistryNode) => {
      clients.delete(clientKey(registry.config));
      void model.refresh(registry);
    },
    reloadSettings,
  };
  return explorer;
}

export type { SessionSource };
