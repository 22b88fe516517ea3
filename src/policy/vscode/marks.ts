/**
 * The tree's policy marks: the last check's drift and conflicts as DriftIndex entries, and each
 * marked row in words (description suffix, tooltip naming the rules, contextValue token).
 */
import * as vscode from 'vscode';
import { FLAG_NAMES } from '../../locks/attributes';
import { type DriftEntry, type DriftIndex, type DriftMark, type FlagMark, type PolicyMarks, type PolicyMarkText } from '../../tree/drift';
import { type Node } from '../../tree/nodes';
import { type PolicyCheck } from './checkRegistries';

function entryKey(e: Pick<DriftEntry, 'repository' | 'tag' | 'digest'>): string {
  return JSON.stringify([e.repository, e.tag ?? '', e.digest ?? '']);
}

/** Every item the check found out of policy or in conflict, one entry per item. */
export function driftEntries(check: PolicyCheck): DriftEntry[] {
  const entries: DriftEntry[] = [];
  for (const folder of check.folders) {
    for (const registry of folder.registries) {
      const plan = registry.plan;
      if (plan === undefined || registry.registry === undefined) {
        continue;
      }
      const loginServer = registry.registry.config.loginServer;
      for (const repository of plan.repositories) {
        const byItem = new Map<string, { at: Omit<DriftEntry, 'mark' | 'loginServer'>; flags: FlagMark[]; rules: string[] }>();
        const itemOf = (target: (typeof repository.changes)[number]['target']): { flags: FlagMark[]; rules: string[] } => {
          const at = target.kind === 'tag' ? { repository: target.repository, tag: target.tag } : { repository: target.repository, digest: target.digest };
          const key = entryKey(at);
          const found = byItem.get(key) ?? { at, flags: [], rules: [] };
          byItem.set(key, found);
          return found;
        };
        for (const change of repository.changes) {
          const item = itemOf(change.target);
          for (const flag of FLAG_NAMES) {
            const value = change.change[flag];
            if (value !== undefined) {
              item.flags.push({ flag, current: change.current[flag], settings: (change.reasons[flag] ?? []).map((rule) => ({ rule, value })), conflict: false });
            }
          }
          item.rules.push(...change.rules);
        }
        for (const conflict of repository.conflicts) {
          const item = itemOf(conflict.target);
          item.flags.push({ flag: conflict.flag, settings: conflict.settings.map((s) => ({ rule: s.rule, value: s.value })), conflict: true });
          item.rules.push(...conflict.settings.map((s) => s.rule));
        }
        for (const { at, flags, rules } of byItem.values()) {
          const mark: DriftMark = {
            kind: flags.some((f) => f.conflict) ? 'conflict' : 'drift',
            flags,
            rules: [...new Set(rules)],
            file: folder.file.label,
          };
          entries.push({ loginServer, ...at, mark });
        }
      }
    }
  }
  return entries;
}

function quoted(rule: string): string {
  return `“${rule.replace(/[\\`*_[\]<>]/g, '\\$&')}”`;
}

function flagLine(f: FlagMark): string {
  if (f.conflict) {
    const wishes = f.settings.map((s) => vscode.l10n.t('{0} sets {1}', quoted(s.rule), String(s.value))).join('; ');
    return vscode.l10n.t('`{0}`: rules disagree ({1}); not applied until the policy file is fixed', f.flag, wishes);
  }
  const value = f.settings[0]?.value;
  const rules = f.settings.map((s) => quoted(s.rule)).join(', ');
  return vscode.l10n.t('`{0}`: {1} → {2} (rule {3})', f.flag, String(f.current), String(value), rules);
}

function itemText(mark: DriftMark): PolicyMarkText {
  const lines = mark.flags.map((f) => `- ${flagLine(f)}`).join('\n');
  if (mark.kind === 'conflict') {
    return {
      suffix: vscode.l10n.t('policy conflict'),
      word: vscode.l10n.t('conflict'),
      tooltip: `$(warning) **${vscode.l10n.t('Lock policy conflict')}** (${mark.file})\n\n${lines}`,
      token: 'policyConflict',
    };
  }
  return {
    suffix: vscode.l10n.t('out of policy'),
    word: vscode.l10n.t('drift'),
    tooltip: `$(law) **${vscode.l10n.t('Out of lock policy')}** (${mark.file})\n\n${lines}\n\n${vscode.l10n.t('Apply Policy changes these flags.')}`,
    token: 'policyDrift',
  };
}

/** The marks the explorer shows (createExplorer's `policyMarks`). */
export function policyMarks(index: DriftIndex): PolicyMarks {
  return {
    onDidChange: (listener) => index.onDidChange(listener),
    text(node: Node): PolicyMarkText | undefined {
      const mark = index.markOf(node);
      if (mark !== undefined) {
        return itemText(mark);
      }
      const repository = index.repositoryOf(node);
      if (repository === undefined) {
        return undefined;
      }
      const parts = [];
      if (repository.drift > 0) {
        parts.push(repository.drift === 1 ? vscode.l10n.t('1 out of policy') : vscode.l10n.t('{0} out of policy', repository.drift));
      }
      if (repository.conflicts > 0) {
        parts.push(repository.conflicts === 1 ? vscode.l10n.t('1 policy conflict') : vscode.l10n.t('{0} policy conflicts', repository.conflicts));
      }
      const rules = repository.rules.map(quoted).join(', ');
      return {
        suffix: parts.join(', '),
        word: parts.join(', '),
        tooltip: `$(law) **${vscode.l10n.t('Lock policy')}** (${repository.file}): ${parts.join(', ')} — ${vscode.l10n.t('rules {0}', rules)}`,
        token: repository.conflicts > 0 ? 'policyConflict' : 'policyDrift',
      };
    },
  };
}
