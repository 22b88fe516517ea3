/**
 * Nodes → TreeItems: lock-state icon (codicon + theme colour), a short description with the
 * state in words (the icon's text equivalent), and a Markdown tooltip with every flag.
 * One file per kind of row (registryRow, repositoryRow, tagRow, manifestRow, messageRow); the
 * policy's and deployment marks in marks.ts; the words in words.ts and messageText.ts.
 */
import * as vscode from 'vscode';
import { contextValue } from '../../contextValue';
import { type Node } from '../../nodes';
import { type RenderContext } from './context';
import { manifestItem } from './manifestRow';
import { withPolicyMark } from './marks';
import { messageItem } from './messageRow';
import { registryItem } from './registryRow';
import { repositoryItem } from './repositoryRow';
import { collapsible } from './shared';
import { tagItem } from './tagRow';

export { type RenderContext } from './context';
export { messageDetail, messageText } from './messageText';
export { authLabel, cloudLabel, stateText } from './words';

export function toTreeItem(node: Node, context: RenderContext): vscode.TreeItem {
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'registry':
      item = registryItem(node, context);
      break;
    case 'repository':
      item = repositoryItem(node, context);
      break;
    case 'tag':
      item = tagItem(node, context);
      break;
    case 'manifest':
      item = manifestItem(node, context);
      break;
    case 'manifestGroup':
      item = new vscode.TreeItem(vscode.l10n.t('Manifests'), collapsible(context.expanded?.(node) ?? false));
      item.iconPath = new vscode.ThemeIcon('layers');
      item.tooltip = vscode.l10n.t('Every manifest of {0} by digest: untagged ones, multi-arch indexes and their platforms.', node.repository.name);
      item.accessibilityInformation = { label: vscode.l10n.t('Manifests of {0}', node.repository.name) };
      break;
    case 'loadMore':
      item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.tooltip = vscode.l10n.t('Load the next page (setting acrLocks.pageSize).');
      item.command = { command: 'acrLocks.loadMore', title: vscode.l10n.t('Load more…'), arguments: [node] };
      break;
    case 'message':
      item = messageItem(node);
      break;
  }
  const mark = context.policyMark?.(node);
  if (mark) {
    withPolicyMark(item, mark, node.kind === 'tag' || node.kind === 'manifest' || (node.kind === 'repository' && node.info !== undefined));
  }
  const extra: string[] = mark ? [mark.token] : [];
  const deployed = context.deployedMark?.(node);
  if (deployed) {
    withPolicyMark(item, deployed, node.kind === 'tag' || node.kind === 'manifest');
    extra.push(deployed.token);
  }
  if (node.kind === 'registry' && context.registryError?.(node)?.kind === 'unreachable') {
    extra.push('unreachable');
  }
  item.contextValue = contextValue(node, extra);
  return item;
}
