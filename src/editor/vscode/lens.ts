/** One lens per reference: one short word with the tree's icon; clicking shows the item's attributes. */
import * as vscode from 'vscode';
import { EDITOR_COMMANDS } from './commands';
import { type EditorState } from './state';
import { lensTitle } from './words';

export class EditorLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(
    private readonly state: EditorState,
    private readonly enabled: () => boolean,
  ) {
    this.onDidChangeCodeLenses = state.onDidChange;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.enabled()) {
      return [];
    }
    const refs = this.state.referencesOf(document);
    if (refs.length === 0) {
      return [];
    }
    const statuses = await this.state.statuses(refs);
    return refs.map((ref, i) => {
      const status = statuses[i] ?? { word: 'unknown' as const };
      const r = ref.range;
      return new vscode.CodeLens(new vscode.Range(r.startLine, r.startColumn, r.startLine, r.startColumn), {
        title: lensTitle(status),
        command: status.tag || status.manifest ? EDITOR_COMMANDS.whyProtected : '',
        arguments: [{ uri: document.uri.toString(), index: ref.index }],
        tooltip: vscode.l10n.t('{0}: {1}', ref.text, lensTitle(status)),
      });
    });
  }
}
