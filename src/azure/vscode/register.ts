/**
 * The Azure section (view `acrLocks.azure`, above My Registries): its model, the tree provider that
 * hands every registry node and everything below it to the explorer's own provider (so a discovered
 * registry behaves exactly like a configured one, through the same connections and Microsoft
 * session), its commands and its watchers. Under ACR_LOCKS_SANDBOX (tests and `npm start` only) it
 * lists the sandbox's Resource Manager with the labelled Microsoft-session double.
 */
import type { HttpClient } from '@azure/core-rest-pipeline';
import * as vscode from 'vscode';
import { registerCommand } from '../../commands/support/boundary';
import { type Services } from '../../services';
import { type Node, type RegistryNode, restrictedModeNode } from '../../tree/nodes';
import { registryOfNode } from '../../tree/messages';
import { type ExplorerParts, markIconsShown } from '../../tree/vscode/createExplorer';
import { AzureDiscovery } from '../discovery';
import { type AzureChild, AzureModel, type AzureNode, isAzureNode } from '../azureModel';
import { AZURE_CLOUD, type AzureEnvironment } from '../environment';
import { SANDBOX_SESSION_LABEL, readSandboxArm, sandboxEnvironment, sandboxSessions } from '../sandbox';
import { azureCommands } from './commands';
import { azureItem, decorateRegistry, decorateRegistryError } from './render';
import { type AzureSession, azureSession } from './session';
import { affectsDiscovery, readEnvironment, readFilter } from './settings';

export const AZURE_VIEW = 'acrLocks.azure';

export interface AzureParts {
  readonly model: AzureModel;
  readonly provider: vscode.TreeDataProvider<AzureChild | Node>;
  readonly view: vscode.TreeView<AzureChild | Node>;
  /** The cloud discovery talks to (the sandbox's Resource Manager under ACR_LOCKS_SANDBOX). */
  environment(): AzureEnvironment | undefined;
}

export interface AzureRegistration {
  readonly services: Services;
  readonly tree: Pick<ExplorerParts, 'provider' | 'attachFilterView'>;
  /** The HTTP client of the Resource Manager clients (the extension's: VS Code's fetch). */
  readonly httpClient?: HttpClient;
  /** Restricted Mode (src/workspaceTrust.ts): false = the view shows one message row; no sign-in, no discovery. */
  readonly isTrusted?: () => boolean;
}

export function registerAzure({ services, tree, httpClient, isTrusted }: AzureRegistration): AzureParts {
  const { log, context } = services;
  const sandbox = readSandboxArm();
  if (sandbox) {
    // Tests and the demo only: ACR_LOCKS_SANDBOX exists nowhere else.
    services.auth.setSessions(sandboxSessions(sandbox));
    log.info(`Azure: ACR_LOCKS_SANDBOX is set: the Azure section lists the sandbox's Resource Manager with the ${SANDBOX_SESSION_LABEL} (not a real sign-in).`);
  }
  const environment = (): AzureEnvironment | undefined => {
    if (sandbox) {
      return sandboxEnvironment(sandbox);
    }
    const result = readEnvironment();
    return result.ok ? result.environment : undefined;
  };
  const session = (): AzureSession => {
    const env = environment();
    // The session source is read at call time, so a test's double (ExtensionApi.setSessions) applies.
    return azureSession({ getSession: (...args) => services.auth.sessions.getSession(...args) }, env ?? AZURE_CLOUD, (m) => log.info(m));
  };
  const model = new AzureModel({
    discovery: () => {
      const env = environment();
      return env ? new AzureDiscovery({ environment: env, tokens: session(), log, ...(httpClient ? { clientOptions: { httpClient } } : {}) }) : undefined;
    },
    filter: readFilter,
    log,
  });

  const changed = new vscode.EventEmitter<AzureChild | Node | undefined>();
  const subscriptionNames = new Map<string, string>();
  const provider: vscode.TreeDataProvider<AzureChild | Node> = {
    onDidChangeTreeData: changed.event,
    getChildren: async (node) => {
      if (isTrusted?.() === false) {
        return node === undefined ? [restrictedModeNode()] : [];
      }
      if (node === undefined || isAzureNode(node)) {
        const children = await model.children(node);
        if (node?.kind === 'azureSubscription') {
          subscriptionNames.set(node.subscription.subscriptionId, node.subscription.displayName);
        }
        return children;
      }
      return (await tree.provider.getChildren(node)) ?? [];
    },
    getTreeItem: async (node) => {
      if (isAzureNode(node)) {
        return azureItem(node, (s) => model.stateOf(s.subscription));
      }
      const item = await tree.provider.getTreeItem(node);
      if (node.kind === 'registry') {
        const facts = model.factsOf(node);
        return facts ? decorateRegistry(item, facts, subscriptionNames.get(facts.subscriptionId)) : item;
      }
      const registry: RegistryNode | undefined = node.kind === 'message' ? registryOfNode(node) : undefined;
      const facts = registry ? model.factsOf(registry) : undefined;
      return node.kind === 'message' && facts ? decorateRegistryError(item, node, facts) : item;
    },
  };
  const view = vscode.window.createTreeView<AzureChild | Node>(AZURE_VIEW, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });
  if (sandbox) {
    view.description = vscode.l10n.t('sandbox session (test double)');
  }
  tree.attachFilterView('azure', view as vscode.TreeView<unknown>);

  const forward = (node: AzureChild | Node | undefined): void => changed.fire(node);
  context.subscriptions.push(
    view,
    view.onDidExpandElement((e) => {
      markIconsShown(e.element);
      // Remembered like My Registries' rows, so Clear Filter (or a reload) draws them expanded again.
      if (!isAzureNode(e.element)) {
        services.explorer.setExpanded(e.element, true);
      }
    }),
    view.onDidCollapseElement((e) => {
      if (!isAzureNode(e.element)) {
        services.explorer.setExpanded(e.element, false);
      }
    }),
    changed,
    { dispose: () => model.dispose() },
    { dispose: model.onDidChange(forward).dispose },
    tree.provider.onDidChangeTreeData ? tree.provider.onDidChangeTreeData((node) => forward(Array.isArray(node) ? undefined : (node ?? undefined))) : { dispose: () => undefined },
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsDiscovery(event)) {
        if (event.affectsConfiguration('microsoft-sovereign-cloud')) {
          model.refresh();
        } else {
          model.filterChanged();
        }
      }
    }),
    vscode.authentication.onDidChangeSessions((event) => {
      if (!sandbox && event.provider.id === environment()?.authProviderId) {
        model.refresh();
      }
    }),
  );
  for (const command of azureCommands({ model, session })) {
    context.subscriptions.push(registerCommand(services, command));
  }
  return { model, provider, view, environment };
}

export type { AzureNode };
