/**
 * Listing per repository: the managed references grouped by registry and repository, each
 * repository listed once (resolve.ts), and each reference resolved against its listing: missing,
 * floating (pin by digest) or reaching a tag and manifest the sets want locked.
 */
import { type LockClient } from '../../locks/client';
import { loginServerKey } from '../../policy/model';
import { type RepositoryListing, resolveRepository } from '../resolve';
import { type Classified } from './classify';
import { type Blocker, type DeployedReference, type PlanDeploymentsOptions } from './types';
import { addWanted, manifestItem, tagItem, type Wanted, type WantedItems } from './wanted';

interface Group {
  readonly loginServer: string;
  readonly repository: string;
  readonly refs: DeployedReference[];
}

/** A repository that was listed, with the tags and digests deployments reference in it. */
export interface Listed {
  readonly loginServer: string;
  readonly client: LockClient;
  readonly listing: RepositoryListing;
  readonly referencedTags: Set<string>;
  readonly referencedDigests: Set<string>;
}

export interface RepositoriesRead {
  readonly wanted: WantedItems;
  /** The items each resolved reference reaches. */
  readonly reaches: Map<DeployedReference, Wanted[]>;
  readonly listings: Listed[];
  /** The repositories that could not be listed. */
  readonly blockers: Blocker[];
}

function describeError(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** Words for a registry failure at `where` (`loginServer/repository`): the caller's, or the error's message. */
export function failureMessage(options: PlanDeploymentsOptions, thrown: unknown, where: string): string {
  return options.describeFailure?.(thrown, where) ?? `${where}: ${describeError(thrown)}`;
}

function repoKey(loginServer: string, repository: string): string {
  return `${loginServerKey(loginServer)}\n${repository}`;
}

/** Group by registry and repository; one resolution per repository. */
export function groupByRepository(managedRefs: readonly DeployedReference[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const r of managedRefs) {
    if (r.loginServer === undefined || r.repository === undefined) {
      continue;
    }
    const key = repoKey(r.loginServer, r.repository);
    let group = groups.get(key);
    if (group === undefined) {
      group = { loginServer: r.loginServer, repository: r.repository, refs: [] };
      groups.set(key, group);
    }
    group.refs.push(r);
  }
  return groups;
}

/** Every group in turn: listed (a failure marks its references failed and blocks), then resolved. */
export async function readRepositories(groups: ReadonlyMap<string, Group>, classifiedOf: ReadonlyMap<DeployedReference, Classified>, options: PlanDeploymentsOptions): Promise<RepositoriesRead> {
  const read: RepositoriesRead = { wanted: { tags: new Map(), manifests: new Map() }, reaches: new Map(), listings: [], blockers: [] };
  let index = 0;
  for (const group of groups.values()) {
    options.signal?.throwIfAborted();
    index += 1;
    options.onStep?.(`${group.loginServer}: reading ${group.repository} (${index} of ${groups.size})`);
    const client = options.client?.(group.loginServer);
    if (client === undefined) {
      continue; // stays 'unchecked'
    }
    const listing = await listRepository(group, client, options, read.blockers);
    if (listing !== undefined) {
      read.listings.push(resolveGroup(group, client, listing, classifiedOf, read));
    }
  }
  return read;
}

/** The repository's listing of the tags and digests its references name; undefined when the registry failed. */
async function listRepository(group: Group, client: LockClient, options: PlanDeploymentsOptions, blockers: Blocker[]): Promise<RepositoryListing | undefined> {
  const tags = new Set(group.refs.flatMap((r) => (r.digest === undefined && r.tag !== undefined ? [r.tag] : [])));
  const digests = new Set(group.refs.flatMap((r) => (r.digest === undefined ? [] : [r.digest])));
  try {
    return await resolveRepository(client, group.repository, { tags, digests }, options.signal);
  } catch (thrown: unknown) {
    options.signal?.throwIfAborted();
    const message = failureMessage(options, thrown, `${group.loginServer}/${group.repository}`);
    blockers.push({ kind: 'registry', message });
    for (const r of group.refs) {
      r.status = 'failed';
      r.message = message;
    }
    return undefined;
  }
}

/** Each reference of the group against the listing: its status when missing or floating, else the items it reaches. */
function resolveGroup(group: Group, client: LockClient, listing: RepositoryListing, classifiedOf: ReadonlyMap<DeployedReference, Classified>, read: RepositoriesRead): Listed {
  const { wanted, reaches } = read;
  const referencedTags = new Set<string>();
  const referencedDigests = new Set<string>();
  const where = `${group.loginServer}/${group.repository}`;
  const prefix = repoKey(group.loginServer, group.repository);
  for (const r of group.refs) {
    const classified = classifiedOf.get(r);
    const at = `${r.path}:${r.line}`;
    const reached: Wanted[] = [];
    if (!listing.exists) {
      r.status = 'missing';
      r.message = `repository ${group.repository} not found in ${group.loginServer}`;
    } else if (r.digest !== undefined) {
      const manifest = listing.manifests.get(r.digest);
      if (manifest === undefined) {
        r.status = 'missing';
        r.message = `manifest ${r.digest} not found in ${where}`;
      } else {
        referencedDigests.add(manifest.digest);
        reached.push(addWanted(wanted.manifests, `${prefix}\n${manifest.digest}`, () => manifestItem(group.loginServer, client, manifest), classified?.set.manifest ?? {}, at));
      }
    } else if (r.tag !== undefined) {
      const tag = listing.tags.get(r.tag);
      const manifest = tag === undefined ? undefined : listing.manifests.get(tag.digest);
      if (tag === undefined) {
        r.status = 'missing';
        r.message = `tag ${r.tag} not found in ${where}`;
      } else if (manifest === undefined) {
        r.status = 'missing';
        r.message = `tag ${r.tag} points to ${tag.digest}, which is not found in ${where}`;
      } else {
        referencedTags.add(tag.name);
        referencedDigests.add(tag.digest);
        (r as { resolvedDigest?: string }).resolvedDigest = tag.digest;
        if (classified?.floating === true) {
          r.status = 'floating';
          r.message = `floating tag: pin by digest (${r.registry ?? group.loginServer}/${group.repository}@${tag.digest})`;
        } else {
          reached.push(addWanted(wanted.tags, `${prefix}\n${tag.name}`, () => tagItem(group.loginServer, client, tag), classified?.set.tag ?? {}, at));
          reached.push(addWanted(wanted.manifests, `${prefix}\n${manifest.digest}`, () => manifestItem(group.loginServer, client, manifest), classified?.set.manifest ?? {}, at));
        }
      }
    }
    if (reached.length > 0) {
      reaches.set(r, reached);
    }
  }
  return { loginServer: group.loginServer, client, listing, referencedTags, referencedDigests };
}

/** A reference that names a tag, digest or repository the registry does not have blocks apply. */
export function missingBlockers(managedRefs: readonly DeployedReference[]): Blocker[] {
  return managedRefs.filter((r) => r.status === 'missing').map((r): Blocker => ({ kind: 'missing', message: `${r.path}:${r.line}: ${r.text}: ${r.message ?? 'not found'}` }));
}
