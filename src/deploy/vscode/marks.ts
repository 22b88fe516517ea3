/**
 * The tree's deployment marks: a scan's deployed tags and manifests (and its orphans) as
 * DeployedIndex entries, and each marked row in words — `deployed · values-prod.yaml:12` (the
 * file's base name and line; every `file:line` in the tooltip), or `orphan` when orphans are shown.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type DeployedEntry, type DeployedIndex, type DeployedMarks, type DeployedMarkText } from '../../tree/deployed';
import { type Node } from '../../tree/nodes';
import { markdownText } from '../../util/safeText';
import { type DeploymentPlan } from '../protect';

/** `path:line` as the user knows it: relative to the workspace folder. */
export function workspaceAt(file: string, line: number): string {
  return `${vscode.workspace.asRelativePath(file, false)}:${line}`;
}

/** Every deployed item of the plans (tags with their manifests, digests) and their orphans. */
export function deployedEntries(plans: readonly DeploymentPlan[]): DeployedEntry[] {
  const entries: DeployedEntry[] = [];
  for (const plan of plans) {
    for (const r of plan.references) {
      if (r.loginServer === undefined || r.repository === undefined || !['protected', 'unprotected', 'floating'].includes(r.status)) {
        continue;
      }
      const at = [workspaceAt(r.path, r.line)];
      const base = { loginServer: r.loginServer, repository: r.repository, at, orphan: false };
      if (r.digest !== undefined) {
        entries.push({ ...base, digest: r.digest });
        continue;
      }
      if (r.tag !== undefined) {
        entries.push({ ...base, tag: r.tag });
      }
      if (r.resolvedDigest !== undefined) {
        entries.push({ ...base, digest: r.resolvedDigest });
      }
    }
    for (const o of plan.orphans) {
      const target = o.target.kind === 'tag' ? { tag: o.target.tag } : { digest: o.target.digest };
      entries.push({ loginServer: o.loginServer, repository: o.target.repository, ...target, at: [], orphan: true });
    }
  }
  return entries;
}

/** `values-prod.yaml:12` of `deploy/values-prod.yaml:12`. */
function short(at: string): string {
  return path.posix.basename(at.replace(/\\/g, '/'));
}

function markText(at: readonly string[], orphan: boolean): DeployedMarkText {
  if (orphan) {
    return {
      suffix: vscode.l10n.t('orphan'),
      word: vscode.l10n.t('orphan'),
      tooltip: `$(warning) **${vscode.l10n.t('Orphan')}**: ${vscode.l10n.t('locked, in a deployed repository, and referenced by no deployment file. Release Orphaned Locks… releases it (it asks first).')}`,
      token: 'orphan',
    };
  }
  const first = at[0] ?? '';
  const more = at.length > 1 ? ` ${vscode.l10n.t('+{0}', at.length - 1)}` : '';
  return {
    suffix: `${vscode.l10n.t('deployed')} · ${short(first)}${more}`,
    word: vscode.l10n.t('deployed'),
    tooltip: `$(rocket) **${vscode.l10n.t('Deployed')}** (${vscode.l10n.t('Protect Deployed Images… keeps it locked')})\n\n${at.map((a) => `- ${markdownText(a)}`).join('\n')}`,
    token: 'deployed',
  };
}

/** The marks the explorer shows (createExplorer's `deployedMarks`). */
export function deployedMarks(index: DeployedIndex): DeployedMarks {
  return {
    onDidChange: (listener) => index.onDidChange(listener),
    text(node: Node): DeployedMarkText | undefined {
      const mark = index.markOf(node);
      return mark === undefined ? undefined : markText(mark.at, mark.orphan && mark.at.length === 0);
    },
  };
}
