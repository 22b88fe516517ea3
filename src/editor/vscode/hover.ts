/**
 * The hover on an image reference: a short section of ours beside other extensions' hovers —
 * registry / repository / tag → digest, the tag's and the manifest's four flags in words, the
 * deployment set covering the file, and the actions. Command links are trusted only for our own
 * commands; registry-controlled text (tag names, digests, messages) is escaped.
 */
import * as vscode from 'vscode';
import { toRegistryError } from '../../registry/errors';
import { shortErrorText } from '../../errorText';
import { flagsText } from '../../locks/flagsText';
import { markdownText } from '../../util/safeText';
import { type EditorReference } from '../refs';
import { type ReferenceStatus } from '../status';
import { EDITOR_COMMANDS, type ReferenceArgs } from './commands';
import { type Coverage } from './policySets';
import { type EditorState } from './state';
import { statusIcon, statusWord } from './words';

const HOVER_COMMANDS = [EDITOR_COMMANDS.lock, EDITOR_COMMANDS.protectFromDeletion, EDITOR_COMMANDS.whyProtected, EDITOR_COMMANDS.reveal, EDITOR_COMMANDS.copyAzCommand];

function link(title: string, command: string, args: ReferenceArgs): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([args]))})`;
}

export function hoverMarkdown(ref: EditorReference, status: ReferenceStatus, args: ReferenceArgs, coverage: Coverage | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  const name = `${markdownText(ref.loginServer)} / ${markdownText(ref.repository)}`;
  const written = ref.digest !== null ? `@${markdownText(ref.digest)}` : `:${markdownText(ref.tag ?? 'latest')}`;
  const pulled = status.digest !== undefined && ref.digest === null ? ` → ${markdownText(status.digest)}` : '';
  md.appendMarkdown(`**ACR Image Locks** $(${statusIcon(status)}) ${markdownText(statusWord(status.word))}\n\n`);
  md.appendMarkdown(`${name}${written}${pulled}\n\n`);
  if (status.word === 'notFound') {
    const missing =
      status.missing === 'repository'
        ? vscode.l10n.t('The registry has no repository {0}.', markdownText(ref.repository))
        : status.missing === 'digest'
          ? vscode.l10n.t('The registry has no manifest {0} in {1}.', markdownText(ref.digest ?? ''), markdownText(ref.repository))
          : vscode.l10n.t('The registry has no tag {0} in {1}.', markdownText(ref.tag ?? 'latest'), markdownText(ref.repository));
    md.appendMarkdown(`${missing} ${vscode.l10n.t('Push the image, or correct the reference.')}\n\n`);
  } else if (status.word === 'unknown') {
    md.appendMarkdown(`${vscode.l10n.t('The lock state could not be read: {0}', markdownText(shortErrorText(toRegistryError(status.error))))}\n\n`);
  }
  if (status.tag) {
    md.appendMarkdown(`${vscode.l10n.t('Tag: {0}', markdownText(flagsText(status.tag.attributes)))}  \n`);
  }
  if (status.manifest) {
    md.appendMarkdown(`${vscode.l10n.t('Manifest: {0}', markdownText(flagsText(status.manifest.attributes)))}\n\n`);
  }
  md.appendMarkdown(
    `${
      coverage
        ? vscode.l10n.t('Deployment set: {0} ({1})', markdownText(coverage.set.name), markdownText(coverage.policyLabel))
        : vscode.l10n.t('No deployment set of the policy covers this file.')
    }\n\n`,
  );
  if (status.tag || status.manifest) {
    md.appendMarkdown(
      [
        link(vscode.l10n.t('Lock'), EDITOR_COMMANDS.lock, args),
        link(vscode.l10n.t('Protect from Deletion'), EDITOR_COMMANDS.protectFromDeletion, args),
        link(vscode.l10n.t('Why Is This Protected?'), EDITOR_COMMANDS.whyProtected, args),
        link(vscode.l10n.t('Reveal in the Tree'), EDITOR_COMMANDS.reveal, args),
        link(vscode.l10n.t('Copy az Command'), EDITOR_COMMANDS.copyAzCommand, args),
      ].join(' · '),
    );
  }
  return md;
}

function contains(ref: EditorReference, position: vscode.Position): boolean {
  const r = ref.range;
  const range = new vscode.Range(r.startLine, r.startColumn, r.endLine, Math.max(r.endColumn, r.startColumn + 1));
  return range.contains(position);
}

export class EditorHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly state: EditorState,
    private readonly coverageOf: (uri: vscode.Uri) => Promise<Coverage | undefined>,
    private readonly enabled: () => boolean,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.enabled()) {
      return undefined;
    }
    const ref = this.state.referencesOf(document).find((r) => contains(r, position));
    if (!ref) {
      return undefined;
    }
    const found = await this.state.statusAt(document, ref.index);
    if (!found) {
      return undefined;
    }
    const r = ref.range;
    const md = hoverMarkdown(ref, found.status, { uri: document.uri.toString(), index: ref.index }, await this.coverageOf(document.uri));
    return new vscode.Hover(md, new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn));
  }
}
