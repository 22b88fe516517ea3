/** A manifest's row: its lock state (or its repository's), platform or index, tags, size and marks. */
import * as vscode from 'vscode';
import { blocksDelete } from '../../../locks/attributes';
import { type ManifestInfo, shortDigest } from '../../../registry/models';
import { markdownText } from '../../../util/safeText';
import { formatSize, lockedByRepository, manifestPresentation, stateWords } from '../../lockPresentation';
import { type ManifestNode } from '../../nodes';
import { fitDescription, MANIFEST_ROW_CHARS } from '../../rowFit';
import { type RenderContext } from './context';
import { rowMarks } from './marks';
import { code, collapsible, flagsMarkdown, themeIcon, when } from './shared';
import { stateText, stateWordText } from './words';

function platformOf(m: ManifestInfo): string | undefined {
  return m.architecture || m.os ? [m.os, m.architecture].filter(Boolean).join('/') : undefined;
}

export function manifestItem(node: ManifestNode, context: RenderContext): vscode.TreeItem {
  const m = node.manifest;
  const underTag = node.parent?.kind === 'tag';
  const expandable = m.references.length > 0 || (!underTag && m.tags.length > 0) || !m.architecture;
  // The short digest the tag rows show: `sha256:` and the full digest are in the tooltip.
  const label = shortDigest(m.digest);
  const item = new vscode.TreeItem(
    label,
    expandable ? collapsible(context.expanded?.(node) ?? false) : vscode.TreeItemCollapsibleState.None,
  );
  const a = m.attributes;
  const words = stateWords(a).map(stateWordText);
  const details: string[] = [];
  const platform = platformOf(m);
  if (platform) {
    details.push(platform);
  } else if (m.references.length > 0) {
    details.push(vscode.l10n.t('multi-arch index'));
  }
  details.push(m.tags.length > 0 ? m.tags.join(', ') : vscode.l10n.t('untagged'));
  const repository = node.repository.info?.attributes;
  if (lockedByRepository(repository) && a.writeEnabled) {
    words.unshift(vscode.l10n.t('locked by repository'));
  }
  const marks = rowMarks(node, context);
  item.description = fitDescription({ label, words, details, ...marks }, MANIFEST_ROW_CHARS);
  const fullDescription = [words.join(', '), ...details].join(' · ');
  item.iconPath = themeIcon(manifestPresentation(a, repository));
  const md = new vscode.MarkdownString();
  md.supportThemeIcons = true;
  md.appendMarkdown(`**${markdownText(`${node.repository.name}@${shortDigest(m.digest)}`)}** (${vscode.l10n.t('manifest')})\n\n`);
  if (lockedByRepository(repository)) {
    md.appendMarkdown(`$(lock) ${vscode.l10n.t('Locked by its repository {0} (writeEnabled=false): it cannot be overwritten or deleted, whatever its own flags say.', markdownText(node.repository.name))}\n\n`);
  }
  md.appendMarkdown(
    `${lockedByRepository(repository) ? vscode.l10n.t('State: locked by repository (own flags: {0})', stateText(a)) : vscode.l10n.t('State: {0}', stateText(a))}\n\n`,
  );
  flagsMarkdown(md, a);
  md.appendMarkdown(`${vscode.l10n.t('Digest: {0}', code(m.digest))}  \n`);
  when(md, m.createdOn, m.lastUpdatedOn);
  const size = formatSize(m.sizeInBytes);
  if (size) {
    md.appendMarkdown(`${vscode.l10n.t('Size: {0}', size)}  \n`);
  }
  if (platform) {
    md.appendMarkdown(`${vscode.l10n.t('Platform: {0}', platform)}  \n`);
  }
  md.appendMarkdown(`${vscode.l10n.t('Tags: {0}', m.tags.length > 0 ? m.tags.join(', ') : vscode.l10n.t('untagged'))}  \n`);
  if (blocksDelete(a)) {
    md.appendMarkdown(`\n${vscode.l10n.t('Deleting this image is blocked by this manifest lock, whatever its tags say.')}\n`);
  }
  item.tooltip = md;
  item.accessibilityInformation = { label: vscode.l10n.t('Manifest {0}, {1}', shortDigest(m.digest), fullDescription) };
  return item;
}
