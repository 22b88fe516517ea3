/** A registry's row: its login server, how it signs in (and its cloud when sovereign), or why it cannot be read. */
import * as vscode from 'vscode';
import { describeError, rowErrorText, shortErrorText } from '../../../errorText';
import { cloudFor } from '../../../registry/loginServer';
import { markdownText } from '../../../util/safeText';
import { type RegistryNode } from '../../nodes';
import { fitDescription } from '../../rowFit';
import { type RenderContext } from './context';
import { collapsible } from './shared';
import { authLabel, cloudLabel } from './words';

export function registryItem(node: RegistryNode, context: RenderContext): vscode.TreeItem {
  const item = new vscode.TreeItem(node.config.loginServer, collapsible(context.expanded?.(node) ?? false));
  const cloud = cloudFor(node.config);
  // Short enough for the default side-bar width: the public cloud and custom domains go in the tooltip.
  const words = [authLabel(node.config, true)];
  if (cloud === 'AzureChinaCloud' || cloud === 'AzureUSGovernment') {
    words.push(cloudLabel(cloud));
  }
  const error = context.registryError?.(node);
  if (error) {
    words.unshift(rowErrorText(error));
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  } else {
    item.iconPath = new vscode.ThemeIcon('server');
  }
  // With an error, its short word first; the sign-in gives way when it does not fit (the tooltip and the accessible name say all).
  item.description = error ? fitDescription({ label: node.config.loginServer, words: words.slice(0, 1), details: words.slice(1) }) : words.join(' · ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${node.config.loginServer}**  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Sign-in: {0}', authLabel(node.config))}  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Cloud: {0}', cloudLabel(cloud))}  \n`);
  if (node.config.audience) {
    md.appendMarkdown(`${vscode.l10n.t('Audience: {0}', node.config.audience)}  \n`);
  }
  if (error) {
    md.appendMarkdown(`\n${markdownText(describeError(error, node.config.loginServer).message)}\n`);
  }
  item.tooltip = md;
  const spoken = error ? [shortErrorText(error), ...words.slice(1)] : words;
  item.accessibilityInformation = { label: vscode.l10n.t('Registry {0}, {1}', node.config.loginServer, spoken.join(' · ')) };
  return item;
}
