/** Which deployment set of the workspace's policy covers a document (the policy file as the policy view reads it). */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { loadAll } from '../../policy/vscode/files';
import { coveringSet, type CoveringSet } from '../coverage';

export interface Coverage {
  readonly set: CoveringSet;
  /** How the policy file is named in messages. */
  readonly policyLabel: string;
}

export async function coverageOf(uri: vscode.Uri): Promise<Coverage | undefined> {
  for (const file of await loadAll()) {
    if (file.state !== 'loaded' || file.parsed.policy?.deployments === undefined) {
      continue;
    }
    const root = path.posix.dirname(file.uri.path);
    const relative = path.posix.relative(root, uri.path);
    if (relative.startsWith('..')) {
      continue;
    }
    const set = coveringSet(relative, file.parsed.policy.deployments);
    if (set) {
      return { set, policyLabel: file.label };
    }
  }
  return undefined;
}
