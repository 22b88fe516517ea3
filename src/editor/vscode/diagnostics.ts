/**
 * Problems in files a `deployments` set of the policy covers: an error for a tag or digest the
 * registry does not have, a warning for an image not protected as the set says, information for
 * a floating tag. Computed after an edit (debounced: no request per keystroke) and after any lock
 * change the extension makes. Other files get hovers and lenses only.
 */
import * as vscode from 'vscode';
import { type Problem, problemsOf } from '../coverage';
import { coverageOf } from './policySets';
import { type EditorState } from './state';

export const EDIT_DEBOUNCE_MS = 600;
export const DIAGNOSTIC_SOURCE = 'ACR Image Locks';

function message(problem: Problem, setName: string): string {
  switch (problem.kind) {
    case 'missing':
      return vscode.l10n.t('{0} is not in the registry: push it, or correct the reference.', problem.what);
    case 'unprotected':
      return vscode.l10n.t('{0} is deployed (set "{1}") but not protected as the policy says: {2} still wanted. Lock it (quick fix) or apply the policy.', problem.what, setName, problem.wanted ?? '');
    case 'floating':
      return vscode.l10n.t('{0} is a floating tag: what it pulls can change. Pin by digest (quick fix).', problem.what);
  }
}

const SEVERITY: Readonly<Record<Problem['kind'], vscode.DiagnosticSeverity>> = {
  missing: vscode.DiagnosticSeverity.Error,
  unprotected: vscode.DiagnosticSeverity.Warning,
  floating: vscode.DiagnosticSeverity.Information,
};

export class EditorDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('acrLocks.editor');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Updates finished (tests wait for the debounced one instead of sleeping). */
  runs = 0;

  constructor(
    private readonly state: EditorState,
    private readonly enabled: () => boolean,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) {
          this.schedule(e.document, EDIT_DEBOUNCE_MS);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.state.forget(d);
      }),
      state.onDidChange(() => this.updateAll()),
    );
    this.updateAll();
  }

  updateAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      this.schedule(document, 0);
    }
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document)
          .catch((error: unknown) => this.state.deps.log.warn(`editor diagnostics: ${String(error)}`))
          .finally(() => this.runs++);
      }, delay),
    );
  }

  /** Computes the document's problems now (tests and the debounced edit path). */
  async update(document: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    const refs = this.enabled() && !document.isClosed ? this.state.referencesOf(document) : [];
    const coverage = refs.length > 0 ? await coverageOf(document.uri) : undefined;
    if (!coverage) {
      this.collection.delete(document.uri);
      return [];
    }
    const version = document.version;
    const statuses = await this.state.statuses(refs);
    if (document.version !== version || document.isClosed) {
      return this.collection.get(document.uri) ?? [];
    }
    const diagnostics: vscode.Diagnostic[] = [];
    refs.forEach((ref, i) => {
      const status = statuses[i];
      for (const problem of status ? problemsOf(ref, status, coverage.set) : []) {
        const r = ref.range;
        const diagnostic = new vscode.Diagnostic(new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn), message(problem, coverage.set.name), SEVERITY[problem.kind]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = problem.kind;
        diagnostics.push(diagnostic);
      }
    });
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}
