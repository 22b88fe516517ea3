/** The planner: from a policy's deployment sets to a DeploymentPlan, as a sequence of named steps. Never changes anything. */
import { dirname } from 'node:path';
import { type Policy, loginServerKey } from '../../policy/model';
import { readSets, referencesOf } from './extraction';
import { findOrphans } from './orphans';
import { groupByRepository, missingBlockers, readRepositories } from './repositories';
import { type DeploymentPlan, type PlanDeploymentsOptions } from './types';
import { markProtection, wantedChanges } from './wanted';

/** The options of a policy file's `deployments` (its folder is `dirname(policyFile)`). */
export function deploymentOptions(policy: Policy, policyFile: string, extra: Omit<PlanDeploymentsOptions, 'root' | 'sets' | 'managed' | 'rules'> = {}): PlanDeploymentsOptions {
  return { ...extra, root: dirname(policyFile), sets: policy.deployments ?? [], managed: policy.registries.map((r) => r.loginServer), rules: policy.registries };
}

/** Extracts, classifies, resolves (when a client is given) and plans. Never changes anything. */
export async function planDeployments(options: PlanDeploymentsOptions): Promise<DeploymentPlan> {
  const managed = new Map(options.managed.map((m) => [loginServerKey(m), m]));
  // 1. Every set's files: references by position, extraction errors, sets without references.
  const { positions, extractionErrors, blockers, summaries: sets } = await readSets(options, managed);
  const { references, classifiedOf } = referencesOf(positions);
  const managedRefs = references.filter((r) => classifiedOf.get(r)?.status === 'image');
  const resolved = options.client !== undefined;
  if (!resolved) {
    return { root: options.root, sets, references, changes: [], orphans: [], extractionErrors, blockers, resolved };
  }
  // 2. One listing per repository; each reference resolved against it.
  const read = await readRepositories(groupByRepository(managedRefs), classifiedOf, options);
  blockers.push(...read.blockers);
  // 3. The wanted changes, once every set has said what it wants of each item; then each reference's status.
  const changes = wantedChanges(read.wanted);
  markProtection(read.reaches);
  // 4. Blockers: references the registry does not have.
  blockers.push(...missingBlockers(managedRefs));
  // 5. Orphans: locked items of the managed repositories that nothing deployed references.
  const { orphans, blockers: orphanBlockers } = await findOrphans(read.listings, options);
  blockers.push(...orphanBlockers);
  return { root: options.root, sets, references, changes, orphans, extractionErrors, blockers, resolved };
}
