/**
 * Quick fixes on a reference: Lock and Protect from Deletion (the tree's commands, asked as the
 * tree asks), Pin to Digest (an undoable edit computed here), and Protect Every Image in This File.
 */
import * as vscode from 'vscode';
import { EDITOR_COMMANDS, pinWorkspaceEdit } from './commands';
import { type EditorState } from './state';

export class EditorCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly state: EditorState,
    private readonly enabled: () => boolean,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): Promise<vscode.CodeAction[]> {
    if (!this.enabled()) {
      return [];
    }
    const refs = this.state.referencesOf(document);
    const ref = refs.find((r) => new vscode.Range(r.range.startLine, r.range.startColumn, r.range.endLine, r.range.endColumn).intersection(range) !== undefined);
    if (!ref) {
      return [];
    }
    const found = await this.state.statusAt(document, ref.index);
    if (!found || (!found.status.tag && !found.status.manifest)) {
      return [];
    }
    const args = { uri: document.uri.toString(), index: ref.index };
    const actions: vscode.CodeAction[] = [];
    const command = (title: string, id: string, commandArgs: unknown[]): vscode.CodeAction => {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.command = { title, command: id, arguments: commandArgs };
      action.diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'ACR Image Locks' && d.range.intersection(range) !== undefined);
      return action;
    };
    if (found.status.word !== 'locked') {
      actions.push(command(vscode.l10n.t('Lock {0}', ref.text), EDITOR_COMMANDS.lock, [args]));
      actions.push(command(vscode.l10n.t('Protect {0} from Deletion', ref.text), EDITOR_COMMANDS.protectFromDeletion, [args]));
    }
    const pin = pinWorkspaceEdit(document, ref, found.status);
    if (pin) {
      const action = new vscode.CodeAction(vscode.l10n.t('Pin {0} to Digest', ref.text), vscode.CodeActionKind.QuickFix);
      action.edit = pin;
      action.isPreferred = true;
      actions.push(action);
    }
    if (refs.length > 1) {
      actions.push(command(vscode.l10n.t('Protect Every Image in This File'), EDITOR_COMMANDS.protectFile, [document.uri.toString()]));
    }
    return actions;
  }
}
