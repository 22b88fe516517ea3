/**
 * The deployments part of `acr-locks plan|apply`, `images` and `release-orphans` in words:
 * unprotected deployed images with `path:line`, floating tags, missing images, images of other
 * registries, orphans, and what stops an apply. JSON comes from src/deploy (deploymentPlanJson).
 */
import { type DeployedReference, deploymentCounts, type DeploymentChange, type DeploymentPlan, type Orphan } from '../deploy/protect';
import { type RunReport } from '../locks/engine';
import { flagsText } from '../locks/flagsText';
import { type LockAttributes } from '../locks/attributes';
import { targetLabel } from '../registry/models';
import { describeFailure } from './errors';
import { table } from './table';
import { RESULT_WORDS, runCounts } from './planText';
import { countOf as plural } from './plural';


const at = (r: DeployedReference): string => `${r.path}:${r.line}`;

function lockedText(a: LockAttributes): string {
  const locked = [a.writeEnabled ? undefined : 'writeEnabled=false', a.deleteEnabled ? undefined : 'deleteEnabled=false'].filter((x) => x !== undefined);
  return locked.join(' ');
}

/** Changes of one reference: `tag writeEnabled → false; manifest deleteEnabled → false`. */
function changesOf(plan: DeploymentPlan, r: DeployedReference): string {
  const where = at(r);
  return plan.changes
    .filter((c) => c.deployedAt.includes(where) && c.target.repository === r.repository)
    .map((c) => `${c.target.kind} ${flagsText(c.change, { style: 'arrow' })}`)
    .join('; ');
}

export function deploymentSummary(plan: DeploymentPlan): string {
  const c = deploymentCounts(plan);
  const files = plan.sets.reduce((n, s) => n + s.files, 0);
  const head = `Deployments: ${plural(plan.references.length, 'reference')} in ${plural(files, 'file')} (${plan.sets.map((s) => `"${s.name}"`).join(', ')})`;
  if (!plan.resolved) {
    return `${head}; not checked against the registries.`;
  }
  const parts = [
    `${c.unprotected} unprotected`,
    `${c.protected} protected`,
    `${c.floating} floating`,
    `${c.missing} missing`,
    `${c.notManaged} not managed here`,
    ...(c.failed > 0 ? [`${c.failed} not readable`] : []),
    ...(c.baseImage > 0 ? [`${c.baseImage} base images left out`] : []),
    ...(c.template > 0 ? [`${c.template} templated`] : []),
  ];
  return `${head}: ${parts.join(', ')}; ${plural(plan.changes.length, 'change')} to make; ${plural(plan.orphans.length, 'orphan')}.`;
}

function referenceRows(refs: readonly DeployedReference[], extra: (r: DeployedReference) => string): string[][] {
  return refs.map((r) => [at(r), r.image ?? r.text, extra(r)]);
}

export function orphanRows(orphans: readonly Orphan[]): string[][] {
  return orphans.map((o) => [o.loginServer, targetLabel(o.target, true), lockedText(o.known), o.tags === undefined ? '' : o.tags.join(', ') || '(untagged)']);
}

export function deploymentPlanText(plan: DeploymentPlan, options: { readonly policyFile: string; readonly listOrphans?: boolean }): string {
  const out = [deploymentSummary(plan)];
  const by = (status: DeployedReference['status']): DeployedReference[] => plan.references.filter((r) => r.status === status);
  const unprotected = by('unprotected');
  if (unprotected.length > 0) {
    out.push('', 'Unprotected deployed images:', table([{ title: 'FILE:LINE' }, { title: 'IMAGE' }, { title: 'CHANGE' }], referenceRows(unprotected, (r) => changesOf(plan, r))));
  }
  const floating = by('floating');
  if (floating.length > 0) {
    out.push('', 'Floating tags (not locked: they move; pin by digest):', table([{ title: 'FILE:LINE' }, { title: 'IMAGE' }, { title: 'PIN' }], referenceRows(floating, (r) => r.message ?? 'pin by digest')));
  }
  const missing = by('missing');
  if (missing.length > 0) {
    out.push('', 'Missing images (deployed but not in the registry):', table([{ title: 'FILE:LINE' }, { title: 'IMAGE' }, { title: 'PROBLEM' }], referenceRows(missing, (r) => r.message ?? 'not found')));
  }
  const notManaged = by('notManaged');
  if (notManaged.length > 0) {
    out.push('', 'Not managed here (registries the policy does not name):', table([{ title: 'FILE:LINE' }, { title: 'IMAGE' }], notManaged.map((r) => [at(r), r.image ?? r.text])));
  }
  if (plan.resolved) {
    out.push(
      '',
      `Orphans: ${plan.orphans.length} locked ${plan.orphans.length === 1 ? 'item' : 'items'} in the deployed repositories that no deployment references` +
        (plan.orphans.length > 0 ? ` (release them with acr-locks release-orphans --policy ${options.policyFile} --yes).` : '.'),
    );
    if (options.listOrphans === true && plan.orphans.length > 0) {
      out.push(table([{ title: 'REGISTRY' }, { title: 'ITEM' }, { title: 'LOCKED' }, { title: 'TAGS' }], orphanRows(plan.orphans)));
    }
  }
  if (plan.blockers.length > 0) {
    out.push('', `Problems (apply changes nothing while there is one, unless --allow-partial):`, ...plan.blockers.map((b) => `  ${b.message}`));
  }
  return out.join('\n');
}

export function runText(what: string, report: RunReport<DeploymentChange | Orphan>): string {
  const rows = report.outcomes.map((o) => [
    `${o.item.loginServer}/${targetLabel(o.item.target, true)}`,
    flagsText(o.item.change, { style: 'arrow' }),
    RESULT_WORDS[o.status],
    o.error === undefined ? '' : describeFailure(o.error, o.item.loginServer),
  ]);
  return [runCounts(what, report), '', table([{ title: 'ITEM' }, { title: 'CHANGE' }, { title: 'RESULT' }, { title: 'REASON' }], rows)].join('\n');
}

export function runJson(report: RunReport<DeploymentChange | Orphan>): Record<string, unknown> {
  return {
    changed: report.changed,
    unchanged: report.unchanged,
    failed: report.failed,
    cancelled: report.cancelled,
    maybeApplied: report.maybeApplied,
    notAttempted: report.notAttempted,
    items: report.outcomes.map((o) => ({
      loginServer: o.item.loginServer,
      ...o.item.target,
      change: o.item.change,
      status: o.status,
      ...(o.error === undefined ? {} : { error: { kind: o.error.kind, message: describeFailure(o.error, o.item.loginServer) } }),
    })),
  };
}

/** `acr-locks images`: every reference with its kind, image and status. */
export function imagesText(plan: DeploymentPlan): string {
  const rows = plan.references.map((r) => [at(r), r.kind, r.image ?? r.text, statusWords(r)]);
  return [deploymentSummary(plan), '', table([{ title: 'FILE:LINE' }, { title: 'KIND' }, { title: 'IMAGE' }, { title: 'STATUS' }], rows)].join('\n');
}

function statusWords(r: DeployedReference): string {
  switch (r.status) {
    case 'protected':
      return 'managed: resolvable, protected';
    case 'unprotected':
      return 'managed: resolvable, NOT protected';
    case 'floating':
      return `managed: ${r.message ?? 'floating tag: pin by digest'}`;
    case 'missing':
      return `managed: MISSING (${r.message ?? 'not found'})`;
    case 'notManaged':
      return 'not managed here';
    case 'baseImage':
      return 'base image (left out)';
    case 'template':
      return 'templated (not checked)';
    case 'unchecked':
      return 'managed';
    case 'failed':
      return `managed: not readable (${r.message ?? ''})`;
  }
}
