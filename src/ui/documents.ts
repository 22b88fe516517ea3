/**
 * Read-only virtual documents of the lock commands (scheme `acr-locks`): attributes JSON,
 * "Why is this protected?" reports and bulk summaries. Each document re-renders from the
 * registry when refreshed (`acrLocks.refreshDocument`, in the editor title). One instance per
 * activation (extension.ts), which also remembers which node a "why" document is about and
 * numbers the bulk summaries.
 */
import * as vscode from 'vscode';
import { type LockableNode } from '../tree/nodes';

export const DOCUMENT_SCHEME = 'acr-locks';

interface Source {
  readonly render: () => Promise<string>;
  text?: string;
}

/** `acr-locks:/<kind>/<name>` with a file name that gives the language (…json, …md, …log). */
export function documentUri(kind: string, name: string): vscode.Uri {
  const safe = name.replace(/[\\?#%]/g, '_');
  return vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: `/${kind}/${safe}` });
}

/** Always the latest bulk run's summary (tests and scripts read it). */
export const LAST_SUMMARY_URI = (): vscode.Uri => documentUri('bulk', 'last-summary.log');

export class LockDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly sources = new Map<string, Source>();
  private readonly nodes = new Map<string, LockableNode>();
  private summaries = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Registers the provider for the `acr-locks` scheme; dispose to unregister. */
  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, this);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = this.sources.get(uri.toString());
    if (!source) {
      return vscode.l10n.t('This document is no longer available. Run the command again.');
    }
    if (source.text !== undefined) {
      return source.text;
    }
    try {
      source.text = await source.render();
    } catch (error: unknown) {
      this.log.error(`render ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
      source.text = vscode.l10n.t('Could not read this from the registry: {0}', error instanceof Error ? error.message : String(error));
    }
    return source.text;
  }

  set(uri: vscode.Uri, render: () => Promise<string>): void {
    this.sources.set(uri.toString(), { render });
    this.changed.fire(uri);
  }

  /**
   * Sets a document to `text` and resolves once VS Code's copy shows it: a document already open
   * (say, under a Markdown preview) is updated by VS Code a moment after the change is announced,
   * and a preview shown or a document read before that would show the previous text. Bounded: after
   * 5 s it resolves anyway.
   */
  async update(uri: vscode.Uri, text: string): Promise<void> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open === undefined || open.getText() === text) {
      this.set(uri, () => Promise.resolve(text));
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      const subscription = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === key && e.document.getText() === text) {
          done();
        }
      });
      const timer = setTimeout(done, 5_000);
      this.set(uri, () => Promise.resolve(text));
    });
  }

  has(uri: vscode.Uri): boolean {
    return this.sources.has(uri.toString());
  }

  refresh(uri: vscode.Uri): void {
    const source = this.sources.get(uri.toString());
    if (source) {
      source.text = undefined;
      this.changed.fire(uri);
    }
  }

  /** Remembers which node a document is about (its editor-title actions act on it). */
  bindNode(uri: vscode.Uri, node: LockableNode): void {
    this.nodes.set(uri.toString(), node);
  }

  nodeOf(uri: vscode.Uri): LockableNode | undefined {
    return this.nodes.get(uri.toString());
  }

  /** A new summary document's URI (`acr-locks:/bulk/summary-N.log`). */
  nextSummaryUri(): vscode.Uri {
    return documentUri('bulk', `summary-${++this.summaries}.log`);
  }

  /** (Re)renders a document and shows it; returns the open document. */
  async show(uri: vscode.Uri, render: () => Promise<string>, languageId?: string): Promise<vscode.TextDocument> {
    this.set(uri, render);
    let document = await vscode.workspace.openTextDocument(uri);
    if (languageId && document.languageId !== languageId) {
      document = await vscode.languages.setTextDocumentLanguage(document, languageId);
    }
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
    return document;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
