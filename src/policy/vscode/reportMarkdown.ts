/**
 * The Check Policy report as Markdown (shown in VS Code's Markdown preview): totals, then per
 * policy file and registry the counts per repository, every change with the rules behind it
 * (up to ITEMS_PER_REPOSITORY per repository), and every conflict with both rules.
 */
import * as vscode from 'vscode';
import { describeError } from '../../errorText';
import { type PlannedChange, type PolicyConflict, type PolicyPlan } from '..';
import { type LockChange } from '../../locks/attributes';
import { targetLabel } from '../../registry/models';
import { checkTotals, type FolderCheck, type PolicyCheck, type RegistryCheck } from './checkRegistries';
import { diagnosticText } from './diagnosticText';
import { flagsText } from '../../locks/flagsText';
import { appendAll } from '../../util/arrays';
import { itemsText, problemsText, repositoriesText, selectedItemsText } from '../../ui/counts';

/** Rows listed per repository; Export Report… lists every item. */
export const ITEMS_PER_REPOSITORY = 200;

/** Text in a Markdown table cell or paragraph, shown literally. */
export function mdText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function changeText(change: LockChange): string {
  return flagsText(change, { style: 'arrow' });
}

function rulesText(rules: readonly string[]): string {
  return rules.map((r) => `“${mdText(r)}”`).join(', ');
}

function countsTable(plan: PolicyPlan): string[] {
  const rows = plan.repositories.filter((r) => r.counts.tags + r.counts.manifests > 0);
  if (rows.length === 0) {
    return [vscode.l10n.t('No tag or manifest of this registry is selected by its rules.'), ''];
  }
  return [
    `| ${vscode.l10n.t('Repository')} | ${vscode.l10n.t('Tags')} | ${vscode.l10n.t('Manifests')} | ${vscode.l10n.t('In policy')} | ${vscode.l10n.t('To change')} | ${vscode.l10n.t('Conflicts')} |`,
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${code(r.repository)} | ${r.counts.tags} | ${r.counts.manifests} | ${r.counts.inPolicy} | ${r.counts.changes} | ${r.counts.conflicted} |`),
    '',
  ];
}

function changeRows(changes: readonly PlannedChange[]): string[] {
  return changes.map((c) => `| ${code(targetLabel(c.target, true))} | ${c.target.kind === 'tag' ? vscode.l10n.t('tag') : vscode.l10n.t('manifest')} | ${changeText(c.change)} | ${rulesText(c.rules)} |`);
}

function conflictLine(c: PolicyConflict): string {
  const wishes = c.settings
    .map((s) =>
      s.viaTags === undefined
        ? vscode.l10n.t('“{0}” sets {1}', mdText(s.rule), String(s.value))
        : vscode.l10n.t('“{0}” sets {1} (via {2})', mdText(s.rule), String(s.value), s.viaTags.map(code).join(', ')),
    )
    .join('; ');
  return `- ${code(targetLabel(c.target, true))} ${code(c.flag)}: ${wishes}`;
}

function planSection(plan: PolicyPlan): string[] {
  const out = countsTable(plan);
  const changed = plan.repositories.filter((r) => r.changes.length > 0);
  if (changed.length > 0) {
    out.push(`#### ${vscode.l10n.t('Changes')}`, '');
    out.push(`| ${vscode.l10n.t('Item')} | ${vscode.l10n.t('Level')} | ${vscode.l10n.t('Change')} | ${vscode.l10n.t('Rules')} |`, '|---|---|---|---|');
    for (const repository of changed) {
      out.push(...changeRows(repository.changes.slice(0, ITEMS_PER_REPOSITORY)));
      const more = repository.changes.length - ITEMS_PER_REPOSITORY;
      if (more > 0) {
        out.push(`| ${vscode.l10n.t('… and {0} more in {1} (Export Report… lists every item)', more, code(repository.repository))} | | | |`);
      }
    }
    out.push('');
  }
  const conflicts = plan.repositories.flatMap((r) => r.conflicts);
  if (conflicts.length > 0) {
    out.push(`#### ${vscode.l10n.t('Conflicts')}`, '');
    out.push(vscode.l10n.t('These rules set different values of one flag on one item. Nothing is applied until the policy file is fixed (the rules are marked in Problems).'), '');
    appendAll(out, conflicts.map(conflictLine)).push('');
  }
  return out;
}

function registrySection(check: RegistryCheck): string[] {
  const out = [`### ${code(check.entry.loginServer)}`, ''];
  if (check.registry === undefined) {
    out.push(
      vscode.l10n.t('Not checked: {0} is neither in the setting acrLocks.registries nor among the registries the Azure view finds with your Microsoft account. Sign in to Azure, or add it (Add Registry in the ACR Image Locks view) with the sign-in it needs, then check again.', code(check.entry.loginServer)),
      '',
    );
    return out;
  }
  if (check.error !== undefined) {
    out.push(`${vscode.l10n.t('Not checked: {0}', mdText(describeError(check.error, check.entry.loginServer).message))}`, '');
    return out;
  }
  const plan = check.plan;
  if (plan === undefined) {
    return out;
  }
  const t = plan.totals;
  out.push(
    t.changes === 0 && t.conflicted === 0
      ? `${vscode.l10n.t('In policy: {0}, nothing to change.', selectedItemsText(t.tags + t.manifests))}`
      : `${vscode.l10n.t('{0} to change, {1} in conflict; {2} of {3} in policy.', t.changes, t.conflicted, t.inPolicy, selectedItemsText(t.tags + t.manifests))}`,
    '',
  );
  out.push(...planSection(plan));
  return out;
}

function folderSection(folder: FolderCheck): string[] {
  const out = [`## ${code(folder.file.label)}`, ''];
  if (folder.file.dirty) {
    out.push(vscode.l10n.t('Checked with unsaved changes of the file; save it before Apply Policy.'), '');
  }
  if (folder.registries.length === 0) {
    out.push(vscode.l10n.t('The file names no registry.'), '');
  }
  for (const registry of folder.registries) {
    out.push(...registrySection(registry));
  }
  return out;
}

export function checkMarkdown(check: PolicyCheck): string {
  const t = checkTotals(check);
  const out = [`# ${vscode.l10n.t('Lock policy check')}`, ''];
  out.push(vscode.l10n.t('Checked {0}.', check.checkedOn.toLocaleString()), '');
  const notChecked = t.failed + t.notConfigured;
  if (notChecked > 0) {
    // What could not be read comes first: "in policy" must never stand for "nothing was checked".
    out.push(
      `**${vscode.l10n.t('Not checked:')}** ${notChecked === 1 ? vscode.l10n.t('1 registry of the policy could not be read or is not known here (see below).') : vscode.l10n.t('{0} registries of the policy could not be read or are not known here (see below).', notChecked)}`,
      '',
    );
  }
  if (t.checked === 0) {
    out.push(`**${vscode.l10n.t('Nothing was checked.')}**`, '');
  } else if (t.changes + t.conflicted === 0) {
    out.push(`**${vscode.l10n.t('In policy:')}** ${vscode.l10n.t('{0}, nothing to change.', selectedItemsText(t.selected))}`, '');
  } else {
    out.push(
      `**${vscode.l10n.t('Out of policy:')}** ${vscode.l10n.t('{0} to change and {1} in conflict, in {2}; {3} of {4} in policy.', itemsText(t.changes), t.conflicted, repositoriesText(t.repositories), t.inPolicy, selectedItemsText(t.selected))}`,
      '',
    );
  }
  if (t.changes > 0 && t.conflicted === 0) {
    out.push(vscode.l10n.t('Run **Apply Policy** to change exactly these flags; each answer of the registry is verified.'), '');
  } else if (t.conflicted > 0) {
    out.push(vscode.l10n.t('Fix the conflicting rules first: Apply Policy sends nothing while the policy has conflicts.'), '');
  }
  for (const file of check.invalid) {
    const errors = file.parsed.diagnostics.filter((d) => d.severity === 'error');
    out.push(`## ${code(file.label)}`, '', `${vscode.l10n.t('{0} (see Problems); nothing of this file was checked or applied.', problemsText(errors.length))}`, '');
    out.push(...errors.slice(0, 20).map((d) => `- ${vscode.l10n.t('line {0}', d.range.start.line + 1)}: ${mdText(diagnosticText(d))}`), '');
  }
  for (const file of check.unreadable) {
    out.push(`## ${code(file.label)}`, '', `${vscode.l10n.t('Could not be read: {0}', mdText(file.reason))}`, '');
  }
  for (const folder of check.folders) {
    out.push(...folderSection(folder));
  }
  return out.join('\n');
}
