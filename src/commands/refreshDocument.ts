/** Refresh (editor title of `acr-locks:` documents): re-reads the shown item from the registry. */
import * as vscode from 'vscode';
import { type Command } from './support/command';
import { DOCUMENT_SCHEME } from '../ui/documents';

export const refreshDocumentCommand: Command = {
  id: 'acrLocks.refreshDocument',
  run(context, node) {
    // From the editor title VS Code passes the document's URI instead of a node.
    const candidate: unknown = node;
    const uri = candidate instanceof vscode.Uri ? candidate : vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme === DOCUMENT_SCHEME) {
      context.services.documents.refresh(uri);
    }
    return Promise.resolve();
  },
};
