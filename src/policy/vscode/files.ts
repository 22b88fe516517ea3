/**
 * Where the lock policy lives: in each workspace folder, the file the resource-scoped setting
 * `acrLocks.policyFile` names (relative to that folder; default `.acr-locks.json`). Read from the
 * open editor when the file is open (so diagnostics follow unsaved edits), else from disk.
 */
import * as vscode from 'vscode';
import { parsePolicy, type ParsedPolicy } from '..';
import { checkPolicyPath } from '../../workspaceTrust';

export const DEFAULT_POLICY_FILE = '.acr-locks.json';

export interface PolicyFile {
  readonly folder: vscode.WorkspaceFolder;
  readonly uri: vscode.Uri;
  /** The setting's value (relative to the folder), for the file watcher. */
  readonly relativePath: string;
  /** How messages name the file: `.acr-locks.json`, or `folder/.acr-locks.json` in a multi-root workspace. */
  readonly label: string;
  /** The setting leads out of the folder (absolute, `..`): nothing is read; this says why (workspaceTrust.ts). */
  readonly rejected?: string;
}

export type LoadedPolicy =
  | (PolicyFile & { readonly state: 'missing' })
  | (PolicyFile & { readonly state: 'unreadable'; readonly reason: string })
  | (PolicyFile & { readonly state: 'loaded'; readonly parsed: ParsedPolicy; readonly dirty: boolean; readonly text: string });

export type ParsedPolicyFile = Extract<LoadedPolicy, { state: 'loaded' }>;

function settingOf(folder: vscode.WorkspaceFolder): string {
  const value = vscode.workspace.getConfiguration('acrLocks', folder.uri).get<string>('policyFile', DEFAULT_POLICY_FILE);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_POLICY_FILE;
}

/** The policy file of every workspace folder (whether it exists or not), in folder order. */
export function policyFiles(): PolicyFile[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.map((folder) => {
    const setting = settingOf(folder);
    const checked = checkPolicyPath(setting);
    // A path out of the folder is refused: the default file's place is watched, nothing outside is read.
    const relativePath = checked.ok ? checked.relativePath : DEFAULT_POLICY_FILE;
    const uri = vscode.Uri.joinPath(folder.uri, relativePath);
    const label = folders.length > 1 ? `${folder.name}/${relativePath}` : relativePath;
    return { folder, uri, relativePath, label, ...(checked.ok ? {} : { rejected: checked.reason }) };
  });
}

/** The policy file of the folder a document belongs to, when the document is that file. */
export function policyFileOf(uri: vscode.Uri): PolicyFile | undefined {
  return policyFiles().find((f) => f.uri.toString() === uri.toString());
}

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'EntryNotFound');
}

export async function loadPolicy(file: PolicyFile): Promise<LoadedPolicy> {
  if (file.rejected !== undefined) {
    return { ...file, state: 'unreadable', reason: file.rejected };
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.uri.toString());
  if (open !== undefined) {
    const text = open.getText();
    return { ...file, state: 'loaded', parsed: parsePolicy(text), dirty: open.isDirty, text };
  }
  try {
    const bytes = await vscode.workspace.fs.readFile(file.uri);
    const text = new TextDecoder('utf-8').decode(bytes);
    return { ...file, state: 'loaded', parsed: parsePolicy(text), dirty: false, text };
  } catch (error: unknown) {
    if (isNotFound(error)) {
      return { ...file, state: 'missing' };
    }
    return { ...file, state: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

export function loadAll(): Promise<LoadedPolicy[]> {
  return Promise.all(policyFiles().map(loadPolicy));
}

/** What a check was computed from: each file's location, state and text. Equal input, equal check. */
export function policyInput(files: readonly LoadedPolicy[]): string {
  return JSON.stringify(files.map((f) => [f.uri.toString(), f.state, f.state === 'loaded' ? f.text : f.state === 'unreadable' ? f.reason : '']));
}
