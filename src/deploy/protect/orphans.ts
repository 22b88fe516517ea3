/** The orphans: locked tags and manifests of the managed repositories that nothing deployed references, nor a rule keeps. */
import { evaluatePolicy } from '../../policy/evaluate';
import { loginServerKey } from '../../policy/model';
import { type LockAttributes, type LockChange } from '../../locks/attributes';
import { indexChildren, type RepositoryListing } from '../resolve';
import { type Blocker, type Orphan, type PlanDeploymentsOptions } from './types';
import { failureMessage, type Listed } from './repositories';

const isLocked = (a: LockAttributes): boolean => !a.writeEnabled || !a.deleteEnabled;

function releaseChange(a: LockAttributes): LockChange {
  return { ...(a.writeEnabled ? {} : { writeEnabled: true }), ...(a.deleteEnabled ? {} : { deleteEnabled: true }) };
}

/** Items a rule of the policy wants write- or delete-locked: kept, not orphans (`t:name`, `m:digest`). */
function keptByRules(options: PlanDeploymentsOptions, loginServer: string, listing: RepositoryListing): Set<string> {
  const kept = new Set<string>();
  const registry = options.rules?.find((r) => loginServerKey(r.loginServer) === loginServerKey(loginServer));
  if (registry === undefined || registry.rules.length === 0) {
    return kept;
  }
  const evaluation = evaluatePolicy(
    registry,
    { loginServer, repositories: [{ name: listing.repository, tags: [...listing.tags.values()], manifests: [...listing.manifests.values()] }] },
    { now: options.now ?? new Date() },
  );
  for (const repository of evaluation.repositories) {
    for (const item of repository.items) {
      if (item.desired.writeEnabled?.value === false || item.desired.deleteEnabled?.value === false) {
        kept.add(item.target.kind === 'tag' ? `t:${item.target.tag}` : `m:${item.target.digest}`);
      }
    }
  }
  return kept;
}

/**
 * Every read repository's orphans. An untagged manifest that is a platform image of a deployed
 * multi-arch index is not one; when the index's children cannot be read, the repository gives a
 * registry blocker and no orphans.
 */
export async function findOrphans(listings: readonly Listed[], options: PlanDeploymentsOptions): Promise<{ orphans: Orphan[]; blockers: Blocker[] }> {
  const orphans: Orphan[] = [];
  const blockers: Blocker[] = [];
  for (const { loginServer, client, listing, referencedTags, referencedDigests } of listings) {
    if (!listing.exists) {
      continue;
    }
    const kept = keptByRules(options, loginServer, listing);
    const candidateTags = [...listing.tags.values()].filter((t) => isLocked(t.attributes) && !referencedTags.has(t.name) && !kept.has(`t:${t.name}`));
    let candidateManifests = [...listing.manifests.values()].filter((m) => isLocked(m.attributes) && !referencedDigests.has(m.digest) && !kept.has(`m:${m.digest}`));
    if (candidateManifests.some((m) => m.tags.length === 0)) {
      // An untagged manifest may be a platform image of a deployed multi-arch index.
      const referenced = [...referencedDigests].flatMap((d) => {
        const m = listing.manifests.get(d);
        return m === undefined ? [] : [m];
      });
      try {
        const children = await indexChildren(client, listing.repository, referenced, options.signal);
        candidateManifests = candidateManifests.filter((m) => !children.has(m.digest));
      } catch (thrown: unknown) {
        options.signal?.throwIfAborted();
        blockers.push({ kind: 'registry', message: failureMessage(options, thrown, `${loginServer}/${listing.repository}`) });
        continue;
      }
    }
    for (const t of candidateTags) {
      orphans.push({ loginServer, client, target: { kind: 'tag', repository: listing.repository, tag: t.name }, known: t.attributes, change: releaseChange(t.attributes) });
    }
    for (const m of candidateManifests) {
      orphans.push({ loginServer, client, target: { kind: 'manifest', repository: listing.repository, digest: m.digest }, known: m.attributes, change: releaseChange(m.attributes), tags: m.tags });
    }
  }
  return { orphans, blockers };
}
