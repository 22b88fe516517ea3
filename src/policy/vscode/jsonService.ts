/**
 * Who reports what in a policy file, so each problem is reported once. VS Code's JSON language
 * service validates an open JSON document as you type: its syntax always, and the schema when the
 * document is associated with ours (package.json `jsonValidation`, or a `$schema` naming it).
 * Those problems are its own there; the extension reports them only where the service does not
 * look (a file not open in an editor, `json.validate.enable: false`, another language mode), and
 * always reports what a schema cannot say: duplicate registries and rules, a hidden tag, too
 * deep a file, conflicts — and the misspelt property, by the quick fix (quickFix.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';

/** Codes the JSON service reports itself (jsonc-parser's syntax errors, duplicate keys). */
const SYNTAX_CODES: ReadonlySet<string> = new Set(['syntax', 'duplicateKey']);
/** Codes of the schema's keywords (validate.ts), reported by the JSON service with the schema. */
const SCHEMA_CODES: ReadonlySet<string> = new Set([
  'wrongType', 'unknownProperty', 'missingProperty', 'tooFewItems', 'emptyString', 'patternMismatch', 'notInEnum', 'emptyObject',
]);
const SCHEMA_FILE = 'acr-locks.schema.json';
const NONE: ReadonlySet<string> = new Set();

/** The schema is associated by name (package.json's fileMatch) or by the document's own `$schema`. */
function hasOurSchema(document: vscode.TextDocument): boolean {
  const name = path.posix.basename(document.uri.path);
  if (name === '.acr-locks.json' || name.endsWith('.acr-locks.json')) {
    return true;
  }
  const root = parseTree(document.getText(), [], { allowTrailingComma: true, disallowComments: false });
  const schema = root === undefined ? undefined : findNodeAtLocation(root, ['$schema']);
  return typeof schema?.value === 'string' && schema.value.endsWith(SCHEMA_FILE);
}

/** The codes the JSON service reports for this file now (none when it is not open as JSON). */
export function reportedByJsonService(uri: vscode.Uri): ReadonlySet<string> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document === undefined || !['json', 'jsonc'].includes(document.languageId)) {
    return NONE;
  }
  if (vscode.extensions.getExtension('vscode.json-language-features') === undefined
    || vscode.workspace.getConfiguration('json', document.uri).get<boolean>('validate.enable') === false) {
    return NONE;
  }
  return hasOurSchema(document) ? new Set([...SYNTAX_CODES, ...SCHEMA_CODES]) : SYNTAX_CODES;
}

/** Fires when what the JSON service reports may have changed: a document opened, closed or changed mode, or json.validate changed. */
export function onJsonServiceChange(listener: (uri: vscode.Uri | undefined) => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((d) => listener(d.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => listener(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('json.validate')) {
        listener(undefined);
      }
    }),
  );
}
