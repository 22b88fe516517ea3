/** What several rows share: the state icon, collapsing, and the tooltip's flags table, dates and code. */
import * as vscode from 'vscode';
import { type LockAttributes } from '../../../locks/attributes';
import { presentationOf, type StatePresentation } from '../../lockPresentation';

export function themeIcon(p: StatePresentation): vscode.ThemeIcon {
  return new vscode.ThemeIcon(p.icon, p.color ? new vscode.ThemeColor(p.color) : undefined);
}

export function lockIcon(a: LockAttributes): vscode.ThemeIcon {
  return themeIcon(presentationOf(a));
}

export function collapsible(expanded: boolean): vscode.TreeItemCollapsibleState {
  return expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

function flag(on: boolean): string {
  return on ? vscode.l10n.t('yes') : vscode.l10n.t('**no**');
}

export function flagsMarkdown(md: vscode.MarkdownString, a: LockAttributes): void {
  md.appendMarkdown(`| | |\n|---|---|\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Write (push/overwrite)')} | ${flag(a.writeEnabled)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Delete')} | ${flag(a.deleteEnabled)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Read (pull)')} | ${flag(a.readEnabled)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('List')} | ${flag(a.listEnabled)} |\n\n`);
}

export function when(md: vscode.MarkdownString, created: Date, updated: Date): void {
  md.appendMarkdown(`${vscode.l10n.t('Created: {0}', created.toISOString())}  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Updated: {0}', updated.toISOString())}  \n`);
}

export function code(text: string): string {
  return '`' + text.replace(/`/g, '') + '`';
}
