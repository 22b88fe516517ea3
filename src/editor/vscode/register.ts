/**
 * Registers the editor features: hover, lens, problems and quick fixes on the languages and file
 * patterns the deployment extraction reads. Registering costs nothing: a provider reads a document
 * only when asked, checks first that its text names a configured or discovered registry, and only
 * then parses it and asks the registry (which loads the SDK and signs in on first use).
 */
import * as vscode from 'vscode';
import { EditorCodeActions } from './actions';
import { type Command } from '../../commands/support/command';
import { editorCommands } from './commands';
import { EditorDiagnostics } from './diagnostics';
import { EditorHoverProvider } from './hover';
import { EditorLensProvider } from './lens';
import { coverageOf } from './policySets';
import { EDITOR_SECTION, editorSettings } from './settings';
import { type EditorDeps, EditorState } from './state';

const LANGUAGES = ['yaml', 'dockercompose', 'dockerfile', 'bicep', 'json', 'jsonc', 'terraform'];
const PATTERNS = ['**/{Dockerfile,Containerfile,*.dockerfile,Dockerfile.*}', '**/*.{yml,yaml,tf,hcl,bicep}', '**/.github/workflows/*.{yml,yaml}', '**/azure-pipelines*.{yml,yaml}'];

export const EDITOR_SELECTOR: vscode.DocumentSelector = [
  ...LANGUAGES.map((language) => ({ language, scheme: 'file' })),
  ...LANGUAGES.map((language) => ({ language, scheme: 'untitled' })),
  ...PATTERNS.map((pattern) => ({ pattern, scheme: 'file' })),
];

export interface EditorParts extends vscode.Disposable {
  readonly state: EditorState;
  readonly diagnostics: EditorDiagnostics;
}

/** `register`: a command through the commands' boundary (extension.ts). */
export function registerEditor(deps: EditorDeps, onDidGrantTrust: vscode.Event<void>, register: (command: Command) => vscode.Disposable): EditorParts {
  const state = new EditorState(deps);
  const diagnostics = new EditorDiagnostics(state, () => editorSettings().diagnostics);
  const disposables: vscode.Disposable[] = [
    state,
    diagnostics,
    vscode.languages.registerHoverProvider(EDITOR_SELECTOR, new EditorHoverProvider(state, coverageOf, () => editorSettings().hover)),
    vscode.languages.registerCodeLensProvider(EDITOR_SELECTOR, new EditorLensProvider(state, () => editorSettings().codeLens)),
    vscode.languages.registerCodeActionsProvider(EDITOR_SELECTOR, new EditorCodeActions(state, () => editorSettings().quickFixes), {
      providedCodeActionKinds: EditorCodeActions.kinds,
    }),
    ...editorCommands(state).map(register),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(EDITOR_SECTION) || e.affectsConfiguration('acrLocks.registries')) {
        state.refresh();
      }
    }),
    onDidGrantTrust(() => state.refresh()),
  ];
  return { state, diagnostics, dispose: () => disposables.forEach((d) => d.dispose()) };
}
