import * as vscode from 'vscode';
import { type Explorer } from './explorer';
import { type Node } from './nodes';

/** Placeholder until the real tree provider lands (issue "Registry explorer"): an empty tree. */
export function createExplorer(context: vscode.ExtensionContext, _log: vscode.LogOutputChannel): Explorer {
  const changed = new vscode.EventEmitter<Node | undefined>();
  const view = vscode.window.createTreeView<Node>('acrLocks.registries', {
    treeDataProvider: { getChildren: () => [], getTreeItem: () => new vscode.TreeItem('') , onDidChangeTreeData: changed.event },
    canSelectMany: true,
  });
  context.subscriptions.push(view, changed);
  return {
    onDidChangeTreeData: changed.event,
    registries: () => [],
    clientFor: () => Promise.reject(new Error('no registries')),
    applyUpdate: () => changed.fire(undefined),
    refresh: () => changed.fire(undefined),
    selection: () => view.selection,
  };
}
