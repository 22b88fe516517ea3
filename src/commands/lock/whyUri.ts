/** Where the Why Is This Protected? page of an item lives (one per item, read again after changes). */
import type * as vscode from 'vscode';
import { type LockableNode, registryOf } from '../../tree/nodes';
import { documentUri } from '../../ui/documents';
import { describeTarget } from './apply';

export function whyUri(node: LockableNode): vscode.Uri {
  return documentUri('why', `${registryOf(node).config.loginServer}/${describeTarget(node).replace(/[:@/]/g, '_')}.md`);
}
