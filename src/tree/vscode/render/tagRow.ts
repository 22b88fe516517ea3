/** A tag's row: its lock state (or its repository's), the lock of the manifest it points to, its digest and marks. */
import * as vscode from 'vscode';
import { blocksDelete } from '../../../locks/attributes';
import { shortDigest } from '../../../registry/models';
import { markdownText } from '../../../util/safeText';
import { lockedByRepository, stateWords, tagPresentation } from '../../lockPresentation';
import { type TagNode } from '../../nodes';
import { fitDescription } from '../../rowFit';
import { type RenderContext } from './context';
import { rowMarks } from './marks';
import { code, collapsible, flagsMarkdown, themeIcon, when } from './shared';
import { stateText, stateWordText } from './words';

function manifestCaveat(tag: TagNode): boolean {
  return tag.manifest !== undefined && blocksDelete(tag.manifest.attributes);
}

export function tagItem(node: TagNode, context: RenderContext): vscode.TreeItem {
  const item = new vscode.TreeItem(node.tag.name, collapsible(context.expanded?.(node) ?? false));
  const a = node.tag.attributes;
  const words = stateWords(a).map(stateWordText);
  if (node.hidden && a.listEnabled === false && !stateWords(a).includes('hidden')) {
    words.push(vscode.l10n.t('hidden'));
  }
  const repository = node.repository.info?.attributes;
  const byRepository = lockedByRepository(repository) && a.writeEnabled;
  if (byRepository) {
    // The repository's write lock is what holds it: say so first (its own flags are in the tooltip).
    words.unshift(vscode.l10n.t('locked by repository'));
  }
  if (manifestCaveat(node)) {
    words.push(vscode.l10n.t('manifest locked'));
  }
  const digest = shortDigest(node.tag.digest);
  // Short enough for a 300 px side bar (the digest goes first); the full words are in the tooltip and the accessible name.
  const marks = rowMarks(node, context);
  item.description = fitDescription({ label: node.tag.name, words, details: [digest], ...marks });
  const fullDescription = `${words.join(', ')} · ${digest}`;
  item.iconPath = themeIcon(tagPresentation(a, node.manifest?.attributes, repository));
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(`${node.repository.name}:${node.tag.name}`)}** (${vscode.l10n.t('tag')})\n\n`);
  if (lockedByRepository(repository)) {
    md.appendMarkdown(`$(lock) ${vscode.l10n.t('Locked by its repository {0} (writeEnabled=false): it cannot be overwritten or deleted, whatever its own flags say.', markdownText(node.repository.name))}\n\n`);
  }
  md.appendMarkdown(
    `${lockedByRepository(repository) ? vscode.l10n.t('State: locked by repository (own flags: {0})', stateText(a)) : vscode.l10n.t('State: {0}', stateText(a))}\n\n`,
  );
  if (node.hidden) {
    md.appendMarkdown(`${vscode.l10n.t('Hidden from tag listings (listEnabled=false); shown here through its manifest.')}\n\n`);
  }
  flagsMarkdown(md, a);
  md.appendMarkdown(`${vscode.l10n.t('Digest: {0}', code(node.tag.digest))}  \n`);
  when(md, node.tag.createdOn, node.tag.lastUpdatedOn);
  if (node.manifest) {
    md.appendMarkdown(`\n${vscode.l10n.t('Manifest: {0}', stateText(node.manifest.attributes))}  \n`);
    if (manifestCaveat(node)) {
      md.appendMarkdown(
        `$(warning) ${vscode.l10n.t('The manifest this tag points to is locked: deleting the image is blocked even if the tag itself is unlocked (tag and manifest locks are separate; either blocks deletion).')}\n`,
      );
    }
  }
  md.supportThemeIcons = true;
  item.tooltip = md;
  item.accessibilityInformation = { label: vscode.l10n.t('Tag {0}, {1}', node.tag.name, fullDescription) };
  return item;
}
