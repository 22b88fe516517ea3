/** A plan in numbers (counts, in policy or not) and as JSON. */
import { type LockAttributes, type LockChange } from '../../locks/attributes';
import { targetLabel } from '../../registry/models';
import { type DeploymentChange, type DeploymentPlan, type ReferenceStatus } from './types';

/** Counts for summaries. */
export function deploymentCounts(plan: DeploymentPlan): Readonly<Record<ReferenceStatus, number>> & { readonly changes: number; readonly orphans: number; readonly blockers: number } {
  const counts: Record<ReferenceStatus, number> = { protected: 0, unprotected: 0, floating: 0, missing: 0, notManaged: 0, baseImage: 0, template: 0, unchecked: 0, failed: 0 };
  for (const r of plan.references) {
    counts[r.status] += 1;
  }
  return { ...counts, changes: plan.changes.length, orphans: plan.orphans.length, blockers: plan.blockers.length };
}

/** In policy: resolved, nothing to change, nothing blocking. */
export function deploymentsInPolicy(plan: DeploymentPlan): boolean {
  return plan.resolved && plan.changes.length === 0 && plan.blockers.length === 0;
}

/** The plan as JSON (no clients). */
export function deploymentPlanJson(plan: DeploymentPlan): Record<string, unknown> {
  const item = (i: { loginServer: string; target: DeploymentChange['target']; change: LockChange; known: LockAttributes }): Record<string, unknown> => ({
    loginServer: i.loginServer,
    kind: i.target.kind,
    repository: i.target.repository,
    ...(i.target.kind === 'tag' ? { tag: i.target.tag } : { digest: i.target.digest }),
    label: targetLabel(i.target),
    current: i.known,
    change: i.change,
  });
  return {
    root: plan.root,
    resolved: plan.resolved,
    inPolicy: deploymentsInPolicy(plan),
    counts: deploymentCounts(plan),
    sets: plan.sets,
    references: plan.references,
    changes: plan.changes.map((c) => ({ ...item(c), deployedAt: c.deployedAt })),
    orphans: plan.orphans.map((o) => ({ ...item(o), ...(o.tags === undefined ? {} : { tags: o.tags }) })),
    extractionErrors: plan.extractionErrors,
    blockers: plan.blockers,
  };
}
