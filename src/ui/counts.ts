/**
 * Counts with their noun, one string per form ("1 registry", "{0} registries") as VS Code's own
 * strings do, so a translator words each; sentences take these as placeholders.
 */
import * as vscode from 'vscode';

export const itemsText = (n: number): string => (n === 1 ? vscode.l10n.t('1 item') : vscode.l10n.t('{0} items', n));
export const selectedItemsText = (n: number): string => (n === 1 ? vscode.l10n.t('1 selected item') : vscode.l10n.t('{0} selected items', n));
export const repositoriesText = (n: number): string => (n === 1 ? vscode.l10n.t('1 repository') : vscode.l10n.t('{0} repositories', n));
export const tagsText = (n: number): string => (n === 1 ? vscode.l10n.t('1 tag') : vscode.l10n.t('{0} tags', n));
export const manifestsText = (n: number): string => (n === 1 ? vscode.l10n.t('1 manifest') : vscode.l10n.t('{0} manifests', n));
/**
 * Problems of a policy file that stop it: "problems", not "errors" — in an open editor VS Code's JSON
 * service shows the schema's among them as warnings, and the count must match what Problems shows.
 */
export const problemsText = (n: number): string => (n === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', n));
