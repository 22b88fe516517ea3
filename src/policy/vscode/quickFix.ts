/**
 * The quick fix for a misspelt property name in a policy file: "Did you mean "exclude"?" replaces
 * the name with the closest one the schema allows (validate.ts finds it). Offered wherever the
 * problem is shown — the extension's diagnostic or, in an open editor, the JSON service's.
 */
import * as vscode from 'vscode';
import { parsePolicy } from '..';
import { policyFileOf } from './files';

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export class PolicyQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (policyFileOf(document.uri) === undefined) {
      return [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const problem of parsePolicy(document.getText()).diagnostics) {
      const [key, , suggestion] = problem.args;
      const at = toRange(problem.range);
      if (problem.code !== 'unknownProperty' || !suggestion || at.intersection(range) === undefined) {
        continue;
      }
      const action = new vscode.CodeAction(vscode.l10n.t('Did you mean "{0}"? Change "{1}" to "{0}"', suggestion, key), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, at, JSON.stringify(suggestion));
      action.diagnostics = context.diagnostics.filter((d) => d.range.intersection(at) !== undefined);
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

/** Registers the quick fixes for JSON documents; they act only on the workspace's policy files. */
export function registerPolicyQuickFixes(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    [{ language: 'json' }, { language: 'jsonc' }],
    new PolicyQuickFixes(),
    { providedCodeActionKinds: PolicyQuickFixes.kinds },
  );
}
