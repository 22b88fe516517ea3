/**
 * The Protect Deployed Images plan as Markdown (shown in VS Code's Markdown preview): totals,
 * what stops it, then per policy file and deployment set each file with its references — every
 * `file:line` a link that opens the file at that line — the floating tags (pin by digest), the
 * missing images, the images of other registries, and the orphans.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { flagsText } from '../../locks/flagsText';
import { mdText } from '../../policy/vscode/reportMarkdown';
import { targetLabel } from '../../registry/models';
import { type DeployedReference, deploymentCounts, type DeploymentPlan } from '../protect';
import { type PolicyDeployments } from './scan';

/**
 * A link that opens `file` at `line`. The preview refuses `file:` links; a link starting with `/`
 * is resolved against the first workspace folder (for a document outside every folder, as this
 * one is), with `#L<line>` for the line. A file outside that folder is named without a link.
 */
export function lineLink(file: string, line: number, text: string): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const relative = root === undefined || root.scheme !== 'file' ? '..' : path.relative(root.fsPath, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return mdText(text);
  }
  const href = `/${relative.split(path.sep).map(encodeURIComponent).join('/')}#L${line}`;
  return `[${mdText(text)}](${href})`;
}

const rel = (file: string): string => vscode.workspace.asRelativePath(file, false);

/** `repo@sha256:c2a613fc0ff0…` in the tables (the lists below them give the whole reference). */
function shortImage(image: string): string {
  const at = image.lastIndexOf('@sha256:');
  return at < 0 || image.length <= at + 20 ? image : `${image.slice(0, at + 20)}…`;
}

function statusText(r: DeployedReference): string {
  switch (r.status) {
    case 'protected':
      return vscode.l10n.t('protected');
    case 'unprotected':
      return vscode.l10n.t('to protect');
    case 'floating':
      return vscode.l10n.t('floating tag: pin by digest');
    case 'missing':
      return vscode.l10n.t('MISSING: {0}', r.message ?? '');
    case 'notManaged':
      return vscode.l10n.t('not managed here');
    case 'baseImage':
      return vscode.l10n.t('base image (left out)');
    case 'template':
      return vscode.l10n.t('templated (not checked)');
    case 'unchecked':
      return vscode.l10n.t('not checked');
    case 'failed':
      return vscode.l10n.t('not readable: {0}', r.message ?? '');
  }
}

function changeOf(plan: DeploymentPlan, r: DeployedReference): string {
  const at = `${r.path}:${r.line}`;
  return plan.changes
    .filter((c) => c.deployedAt.includes(at) && c.target.repository === r.repository)
    .map((c) => `${c.target.kind === 'tag' ? vscode.l10n.t('tag') : vscode.l10n.t('manifest')} ${flagsText(c.change, { style: 'arrow' })}`)
    .join('; ');
}

function setSection(plan: DeploymentPlan, set: string): string[] {
  const refs = plan.references.filter((r) => r.sets.includes(set));
  const out: string[] = [`### ${vscode.l10n.t('Deployment set “{0}”', mdText(set))}`, ''];
  if (refs.length === 0) {
    return [...out, vscode.l10n.t('No image reference found.'), ''];
  }
  for (const file of [...new Set(refs.map((r) => r.path))]) {
    out.push(`#### ${lineLink(file, 1, rel(file))}`, '', `| ${vscode.l10n.t('Line')} | ${vscode.l10n.t('Image')} | ${vscode.l10n.t('Status')} | ${vscode.l10n.t('Change')} |`, '|---:|---|---|---|');
    for (const r of refs.filter((x) => x.path === file)) {
      out.push(`| ${lineLink(r.path, r.line, String(r.line))} | \`${shortImage(r.image ?? r.text).replace(/`/g, "'")}\` | ${mdText(statusText(r))} | ${mdText(changeOf(plan, r))} |`);
    }
    out.push('');
  }
  return out;
}

function listed(title: string, refs: readonly DeployedReference[], words: (r: DeployedReference) => string): string[] {
  if (refs.length === 0) {
    return [];
  }
  return [`### ${title}`, '', ...refs.map((r) => `- ${lineLink(r.path, r.line, `${rel(r.path)}:${r.line}`)} \`${(r.image ?? r.text).replace(/`/g, "'")}\` — ${mdText(words(r))}`), ''];
}

function fileSection({ file, plan }: PolicyDeployments): string[] {
  const c = deploymentCounts(plan);
  const out = [
    `## ${mdText(file.label)}`,
    '',
    vscode.l10n.t(
      'References: {0} — {1} to protect, {2} protected, {3} floating, {4} missing, {5} not managed here. Changes to make: {6}. Orphans: {7}.',
      plan.references.length,
      c.unprotected,
      c.protected,
      c.floating,
      c.missing,
      c.notManaged,
      plan.changes.length,
      plan.orphans.length,
    ),
    '',
  ];
  if (plan.blockers.length > 0) {
    out.push(`### ${vscode.l10n.t('Problems: nothing is sent while there is one')}`, '', ...plan.blockers.map((b) => `- ${mdText(b.message)}`), '');
  }
  for (const set of plan.sets) {
    out.push(...setSection(plan, set.name));
  }
  const by = (status: DeployedReference['status']): DeployedReference[] => plan.references.filter((r) => r.status === status);
  out.push(...listed(vscode.l10n.t('Floating tags (not locked: they move; pin by digest)'), by('floating'), (r) => r.message ?? vscode.l10n.t('pin by digest')));
  out.push(...listed(vscode.l10n.t('Missing images (deployed but not in the registry)'), by('missing'), (r) => r.message ?? ''));
  out.push(...listed(vscode.l10n.t('Not managed here (registries the policy does not name)'), by('notManaged'), () => vscode.l10n.t('not managed here')));
  if (plan.resolved) {
    out.push(`### ${vscode.l10n.t('Orphans (locked items of the deployed repositories that no deployment references): {0}', plan.orphans.length)}`, '');
    for (const o of plan.orphans) {
      out.push(`- \`${o.loginServer}/${targetLabel(o.target, true)}\`${o.tags === undefined ? '' : ` (${o.tags.join(', ') || vscode.l10n.t('untagged')})`}`);
    }
    out.push('', plan.orphans.length > 0 ? vscode.l10n.t('Protect Deployed Images… never releases them; Release Orphaned Locks… does, after asking.') : '', '');
  }
  return out;
}

export function deploymentsMarkdown(scans: readonly PolicyDeployments[], checkedOn: Date): string {
  return [`# ${vscode.l10n.t('Protect deployed images')}`, '', vscode.l10n.t('Checked {0}.', checkedOn.toLocaleString()), '', ...scans.flatMap(fileSection)].join('\n');
}
