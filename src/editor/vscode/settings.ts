/** The editor features' settings (`acrLocks.editor.*`), read when used so a change applies at once. */
import * as vscode from 'vscode';
import { pathGlob } from '../../util/glob';

export const EDITOR_SECTION = 'acrLocks.editor';

export interface EditorSettings {
  readonly hover: boolean;
  readonly codeLens: boolean;
  readonly diagnostics: boolean;
  readonly quickFixes: boolean;
  /** Path globs (workspace-relative); empty: every file the extraction reads. */
  readonly files: readonly string[];
}

export function editorSettings(): EditorSettings {
  const c = vscode.workspace.getConfiguration(EDITOR_SECTION);
  const files = c.get<unknown>('files', []);
  return {
    hover: c.get<boolean>('hover', true),
    codeLens: c.get<boolean>('codeLens', true),
    diagnostics: c.get<boolean>('diagnostics', true),
    quickFixes: c.get<boolean>('quickFixes', true),
    files: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
  };
}

/** Whether the settings' file patterns let a document count (no patterns: every document). */
export function fileCounts(uri: vscode.Uri, patterns: readonly string[]): boolean {
  if (patterns.length === 0) {
    return true;
  }
  const relative = vscode.workspace.asRelativePath(uri, false);
  return patterns.some((p) => pathGlob(p)(relative));
}
