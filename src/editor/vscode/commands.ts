/**
 * The editor's commands: each turns a reference (document and position in its list) into the
 * tree's node and runs the tree's own command on it, so Lock and Protect from Deletion ask and
 * run exactly as from the tree (src/commands/lock) — through the one engine. Pin to Digest is an
 * undoable WorkspaceEdit; Protect Every Image in This File is the tree's multi-selection run.
 */
import * as vscode from 'vscode';
import { type Command } from '../../commands/support/command';
import { type LockableNode, type ManifestNode, type TagNode } from '../../tree/nodes';
import { type EditorReference } from '../refs';
import { pinEdit } from '../pin';
import { type ReferenceStatus } from '../status';
import { type EditorState } from './state';

/** Arguments of every editor command (JSON in hover links). */
export interface ReferenceArgs {
  readonly uri: string;
  readonly index: number;
}

export const EDITOR_COMMANDS = {
  lock: 'acrLocks.editor.lock',
  protectFromDeletion: 'acrLocks.editor.protectFromDeletion',
  whyProtected: 'acrLocks.editor.whyProtected',
  reveal: 'acrLocks.editor.reveal',
  copyAzCommand: 'acrLocks.editor.copyAzCommand',
  pinToDigest: 'acrLocks.editor.pinToDigest',
  protectFile: 'acrLocks.editor.protectFile',
} as const;

/** The tree node a reference stands for: its tag (as written or `latest`), or its manifest for a digest. */
export function nodeOf(state: EditorState, ref: EditorReference, status: ReferenceStatus): LockableNode | undefined {
  const registry = state.registryOf(ref.loginServer);
  if (!registry) {
    return undefined;
  }
  const repository = { kind: 'repository' as const, registry, name: ref.repository };
  if (ref.digest === null && status.tag) {
    const tag: TagNode = { kind: 'tag', repository, tag: status.tag, hidden: !status.tag.attributes.listEnabled, ...(status.manifest ? { manifest: status.manifest } : {}) };
    return tag;
  }
  if (status.manifest) {
    const manifest: ManifestNode = { kind: 'manifest', repository, manifest: status.manifest };
    return manifest;
  }
  return undefined;
}

async function target(state: EditorState, args: ReferenceArgs | undefined): Promise<{ document: vscode.TextDocument; ref: EditorReference; status: ReferenceStatus } | undefined> {
  if (!args || typeof args.uri !== 'string' || typeof args.index !== 'number') {
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const found = await state.statusAt(document, args.index);
  return found ? { document, ...found } : undefined;
}

/** The edit that pins the reference, or undefined (not found, or not pinnable where written). */
export function pinWorkspaceEdit(document: vscode.TextDocument, ref: EditorReference, status: ReferenceStatus): vscode.WorkspaceEdit | undefined {
  if (status.digest === undefined || ref.digest !== null) {
    return undefined;
  }
  const edit = pinEdit(ref, status.digest, (line) => (line < document.lineCount ? document.lineAt(line).text : undefined));
  if (!edit) {
    return undefined;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  const r = edit.range;
  workspaceEdit.replace(document.uri, new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn), edit.newText);
  return workspaceEdit;
}

/** A command of ours over reference arguments (JSON from a hover link, a lens or a quick fix). */
function referenceCommand(id: string, run: (args: ReferenceArgs | undefined) => Promise<void>): Command {
  // The boundary hands the first argument over as `node`: here it is the reference's arguments.
  return { id, run: (_context, args) => run(args as unknown as ReferenceArgs | undefined) };
}

/** The editor's commands, registered through the commands' boundary (Restricted Mode refuses them, errors are shown once). */
export function editorCommands(state: EditorState): Command[] {
  const onNode = (command: string) => async (args?: ReferenceArgs) => {
    const found = await target(state, args);
    const node = found ? nodeOf(state, found.ref, found.status) : undefined;
    if (node) {
      await vscode.commands.executeCommand(command, node);
    }
  };
  return [
    referenceCommand(EDITOR_COMMANDS.lock, onNode('acrLocks.lock')),
    referenceCommand(EDITOR_COMMANDS.protectFromDeletion, onNode('acrLocks.protectFromDeletion')),
    referenceCommand(EDITOR_COMMANDS.whyProtected, onNode('acrLocks.whyProtected')),
    referenceCommand(EDITOR_COMMANDS.copyAzCommand, onNode('acrLocks.copyAzCommand')),
    referenceCommand(EDITOR_COMMANDS.reveal, async (args) => {
      const found = await target(state, args);
      if (found) {
        // The registries view, filtered to the reference's repository and tag.
        await state.deps.reveal(found.ref.repository, found.status.tag?.name ?? null);
      }
    }),
    referenceCommand(EDITOR_COMMANDS.pinToDigest, async (args) => {
      const found = await target(state, args);
      const edit = found ? pinWorkspaceEdit(found.document, found.ref, found.status) : undefined;
      if (edit) {
        await vscode.workspace.applyEdit(edit);
      }
    }),
    {
      id: EDITOR_COMMANDS.protectFile,
      run: async (_context, uri) => {
        if (typeof uri === 'string') {
          await protectFile(state, uri);
        }
      },
    },
  ];
}

/** Protect from Deletion on every image of the file: the tree's multi-selection run (one progress, one summary). */
async function protectFile(state: EditorState, uri: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const refs = state.referencesOf(document);
  const statuses = await state.statuses(refs);
  const seen = new Set<string>();
  const nodes: LockableNode[] = [];
  refs.forEach((ref, i) => {
    const status = statuses[i];
    const node = status ? nodeOf(state, ref, status) : undefined;
    const key = node ? `${ref.loginServer}/${ref.repository}/${node.kind === 'tag' ? node.tag.name : node.kind === 'manifest' ? node.manifest.digest : ''}` : '';
    if (node && !seen.has(key)) {
      seen.add(key);
      nodes.push(node);
    }
  });
  if (nodes.length > 0) {
    await vscode.commands.executeCommand('acrLocks.protectFromDeletion', nodes[0], nodes);
  }
}
