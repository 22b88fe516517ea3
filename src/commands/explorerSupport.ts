/** Shared helpers of the explorer commands: the explorer view, and picking a registry from the palette. */
import * as vscode from 'vscode';
import { type Services } from '../services';
import { type ExplorerView, isExplorerView } from '../tree/createExplorer';
import { registryOfNode } from '../tree/model';
import { type Node, type RegistryNode } from '../tree/nodes';
import { UserCancelled } from './command';

export function explorerView(services: Services): ExplorerView {
  if (!isExplorerView(services.explorer)) {
    throw new Error('The registry explorer is not available.');
  }
  return services.explorer;
}

/** The clicked node's registry, or a quick pick among the configured ones. */
export async function pickRegistry(services: Services, node: Node | undefined, title: string): Promise<RegistryNode> {
  const fromNode = node ? registryOfNode(node) : undefined;
  if (fromNode) {
    return fromNode;
  }
  const registries = services.explorer.registries();
  if (registries.length === 1 && registries[0]) {
    return registries[0];
  }
  if (registries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No registry is configured. Run “Add Registry…” first.'));
    throw new UserCancelled();
  }
  const picked = await vscode.window.showQuickPick(
    registries.map((r) => ({ label: r.config.loginServer, description: r.config.auth, registry: r })),
    { title, placeHolder: vscode.l10n.t('Registry') },
  );
  if (!picked) {
    throw new UserCancelled();
  }
  return picked.registry;
}
