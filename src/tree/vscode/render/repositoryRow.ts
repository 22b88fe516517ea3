/** A repository's row: its lock state, tag count and hidden tags, or that its state is unknown or being read. */
import * as vscode from 'vscode';
import { markdownText } from '../../../util/safeText';
import { repositoryOnlyDeleteProtected } from '../../lockPresentation';
import { type RegistryNode, type RepositoryNode } from '../../nodes';
import { fitDescription } from '../../rowFit';
import { type RenderContext } from './context';
import { collapsible, flagsMarkdown, lockIcon, when } from './shared';
import { stateText } from './words';

/** Registry nodes numbered per object, so ids of rows under the same login server shown twice stay unique. */
const registrySerials = new WeakMap<RegistryNode, number>();
let nextSerial = 0;
function serialOf(registry: RegistryNode): number {
  let serial = registrySerials.get(registry);
  if (serial === undefined) {
    serial = ++nextSerial;
    registrySerials.set(registry, serial);
  }
  return serial;
}

function tagCountText(count: number, hidden: number | undefined): string {
  if (hidden !== undefined) {
    return count === 1 ? vscode.l10n.t('1 tag ({0} hidden)', hidden) : vscode.l10n.t('{0} tags ({1} hidden)', count, hidden);
  }
  return count === 1 ? vscode.l10n.t('1 tag') : vscode.l10n.t('{0} tags', count);
}

export function repositoryItem(node: RepositoryNode, context: RenderContext): vscode.TreeItem {
  const attributeError = context.attributeError(node);
  const item = new vscode.TreeItem(node.name, collapsible(context.expanded?.(node) ?? false));
  if (context.filterEpoch !== undefined) {
    // A fresh id per filter: rows the filter opens are its own, and clearing it brings back the
    // rows (and expansions) as they were before.
    item.id = `filter-${context.filterEpoch}|${serialOf(node.registry)}|${node.name}`;
  }
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(node.name)}** (${vscode.l10n.t('repository')})\n\n`);
  /** Every word, for the accessible name (the row's description may be shortened). */
  let spoken: string | undefined;
  if (node.info) {
    const a = node.info.attributes;
    const hidden = context.hiddenTags?.(node);
    item.iconPath = lockIcon(a);
    const onlyItself = repositoryOnlyDeleteProtected(a);
    const state = onlyItself ? vscode.l10n.t('delete-protected (repository only)') : stateText(a);
    // In the row the qualifier comes first, so a narrow side bar that cuts the row keeps it (the full words are in the tooltip and the accessible name).
    const rowState = onlyItself ? vscode.l10n.t('repo delete-protected') : state;
    const tagCount = tagCountText(node.info.tagCount, hidden);
    const mark = context.policyMark?.(node)?.suffix;
    // With a policy mark: short enough for a 300 px side bar (the tag count gives way first).
    spoken = `${state} · ${tagCount}`;
    item.description = mark ? fitDescription({ label: node.name, words: [rowState], details: [tagCount], mark }) : `${rowState} · ${tagCount}`;
    md.appendMarkdown(`${vscode.l10n.t('State: {0}', state)}\n\n`);
    if (!a.writeEnabled) {
      md.appendMarkdown(`${vscode.l10n.t('writeEnabled=false locks the repository and every image in it: nothing in it can be pushed, overwritten or deleted, whatever the tags’ and manifests’ own flags say.')}\n\n`);
    } else if (onlyItself) {
      md.appendMarkdown(`${vscode.l10n.t('deleteEnabled=false protects the repository itself from deletion; its images can still be updated or deleted.')}\n\n`);
    }
    flagsMarkdown(md, a);
    when(md, node.info.createdOn, node.info.lastUpdatedOn);
    md.appendMarkdown(`${vscode.l10n.t('Tags: {0}, manifests: {1}', String(node.info.tagCount), String(node.info.manifestCount))}  \n`);
    if (hidden !== undefined) {
      md.appendMarkdown(
        `${hidden === 1 ? vscode.l10n.t('1 tag is hidden from tag listings (listEnabled=false): find it under its manifest in Manifests.') : vscode.l10n.t('{0} tags are hidden from tag listings (listEnabled=false): find them under their manifests in Manifests.', hidden)}  \n`,
      );
    }
  } else if (attributeError) {
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.description = vscode.l10n.t('lock state unknown');
    md.appendMarkdown(vscode.l10n.t('The lock state could not be read ({0}).', attributeError.kind));
  } else {
    item.iconPath = new vscode.ThemeIcon('repo');
    item.description = vscode.l10n.t('reading locks…');
    md.appendMarkdown(vscode.l10n.t('Reading the lock state…'));
  }
  item.tooltip = md;
  item.accessibilityInformation = { label: vscode.l10n.t('Repository {0}, {1}', node.name, spoken ?? String(item.description)) };
  return item;
}
