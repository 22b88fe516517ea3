/**
 * apply's refusals, before any PATCH: a plan that removes locks without --allow-unlock, or an
 * identity that may not write to a repository the plan changes; either refuses every registry
 * of the run. Who apply signed in as is kept for the audit log.
 */
import { type ProbedIdentity } from '../registry/access';
import { type CliOptions } from './args';
import { describeFailure } from './errors';
import { checkWriteAccess } from './doctor';
import { EXIT_ERROR } from './io';
import { planJson, planText } from './planText';
import { checkedServer, type Planned, type RegistryResult } from './registryResult';
import { type RunContext } from './registryRun';
import { lockRemovals, unlockRefusal } from './unlocks';

/** apply without --allow-unlock: a plan that removes locks is refused as a whole, before any PATCH. */
export function refusedUnlocks(planned: readonly Planned[], options: CliOptions): RegistryResult[] | undefined {
  const removals = planned.reduce((sum, p) => sum + lockRemovals(p.plan), 0);
  if (removals === 0 || options.allowUnlock) {
    return undefined;
  }
  const message = unlockRefusal(removals, options.policyFile);
  return planned.map((p) => ({
    exit: EXIT_ERROR,
    json: { ...planJson(p.plan), error: message, requests: p.client.requests() },
    text: planText(p.plan),
    error: `${p.registry.loginServer}: ${message}`,
    registry: p.registry,
    plan: p.plan,
    evaluation: p.evaluation,
  }));
}

/** Who apply signed in as, per registry (from its permission check), for the audit log. */
const writeIdentities = new Map<string, ProbedIdentity>();

/** Who apply signed in as on a registry (its permission check), if known. */
export function writeIdentityOf(loginServer: string): ProbedIdentity | undefined {
  return writeIdentities.get(loginServer);
}

/**
 * apply: before any PATCH, ask the registry's token service whether this identity may write
 * metadata on every repository the plan changes; if not anywhere, nothing is sent anywhere.
 */
export async function refusedWrites(planned: readonly Planned[], context: RunContext): Promise<RegistryResult[] | undefined> {
  if (context.auth.kind === 'anonymous') {
    return undefined;
  }
  const problems = new Map<Planned, string>();
  for (const p of planned) {
    const repositories = p.plan.repositories.filter((r) => r.changes.length > 0).map((r) => r.repository);
    if (repositories.length === 0) {
      continue;
    }
    try {
      const check = await checkWriteAccess(checkedServer(p.registry.loginServer), repositories, context);
      if (check.identity !== undefined) {
        writeIdentities.set(p.registry.loginServer, check.identity);
      }
      if (!check.ok && check.message !== undefined) {
        problems.set(p, check.message);
      }
    } catch (thrown: unknown) {
      problems.set(p, describeFailure(thrown, p.registry.loginServer));
    }
  }
  if (problems.size === 0) {
    return undefined;
  }
  const others = 'Nothing was changed in any registry of this run: another registry of the run cannot be changed (above).';
  return planned.map((p) => {
    const message = problems.get(p) ?? `${p.registry.loginServer}: ${others}`;
    return {
      exit: EXIT_ERROR,
      json: { ...planJson(p.plan), error: message, requests: p.client.requests() },
      text: planText(p.plan),
      error: message,
      registry: p.registry,
      plan: p.plan,
      evaluation: p.evaluation,
    };
  });
}
