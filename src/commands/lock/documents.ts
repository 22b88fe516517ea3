/**
 * Read-only virtual documents of the lock commands (scheme `acr-locks`): attributes JSON,
 * "Why is this protected?" reports and bulk summaries. Each document re-renders from the
 * registry when refreshed (`acrLocks.refreshDocument`, in the editor title).
 */
import * as vscode from 'vscode';
import { type Services } from '../../services';

export const DOCUMENT_SCHEME = 'acr-locks';

interface Source {
  readonly render: () => Promise<string>;
  text?: string;
}

class LockDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly sources = new Map<string, Source>();

  constructor(private readonly services: Services) {}

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
      this.services.log.error(`render ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
      source.text = vscode.l10n.t('Could not read this from the registry: {0}', error instanceof Error ? error.message : String(error));
    }
    return source.text;
  }

  set(uri: vscode.Uri, render: () => Promise<string>): void {
    this.sources.set(uri.toString(), { render });
    this.changed.fire(uri);
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

  dispose(): void {
    this.changed.dispose();
  }
}

const registered = new WeakMap<Services, LockDocuments>();

/** The provider of this extension instance, registered on first use. */
export function lockDocuments(services: Services): LockDocuments {
  let provider = registered.get(services);
  if (!provider) {
    provider = new LockDocuments(services);
    registered.set(services, provider);
    services.context.subscriptions.push(provider, vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, provider));
  }
  return provider;
}

/** `acr-locks:/<kind>/<name>` with a file name that gives the language (…json, …md, …log). */
export function documentUri(kind: string, name: string): vscode.Uri {
  const safe = name.replace(/[\\?#%]/g, '_');
  return vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: `/${kind}/${safe}` });
}

/** (Re)renders a document and shows it; returns the open document. */
export async function showDocument(
  services: Services,
  uri: vscode.Uri,
  render: () => Promise<string>,
  languageId?: string,
): Promise<vscode.TextDocument> {
  const documents = lockDocuments(services);
  documents.set(uri, render);
  let document = await vscode.workspace.openTextDocument(uri);
  if (languageId && document.languageId !== languageId) {
    document = await vscode.languages.setTextDocumentLanguage(document, languageId);
  }
  await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
  return document;
}
