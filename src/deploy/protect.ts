/**
 * "Protect what is deployed": from deployment files to a plan of lock changes, and its apply.
 *
 *   planDeployments(options) → DeploymentPlan      (extract, classify, resolve with listings, plan)
 *   applyDeploymentPlan(engine, plan, run)          (fails closed, then engine.applyMany: verified)
 *   releaseOrphans(engine, plan, run)               (only on an explicit request; never partial)
 *
 * Rules it keeps:
 * - only adds restrictions: a change is "the flags the set wants false that are true now";
 * - floating tags (latest, main, …) are reported ("pin by digest"), never locked;
 * - fails closed: a set with no image reference, a file that cannot be read, a reference that
 *   cannot be resolved or a registry that fails is a blocker, and apply sends nothing while
 *   there is one (unless the caller allows a partial apply);
 * - orphans (locked tags and manifests of the managed repositories that no deployment
 *   references, nor a rule of the policy keeps) are listed, never released by apply.
 * Pure over LockClient and the file system: no VS Code (the extension and acr-locks share it).
 */
import { dirname, join } from 'node:path';
import { type LockAttributes, type LockChange, FLAG_NAMES, type FlagName } from '../locks/attributes';
import { type LockClient } from '../locks/client';
import { type LockEngine, type LockItem, type RunOptions, type RunReport } from '../locks/engine';
import { evaluatePolicy } from '../policy/evaluate';
import { type DeploymentSet, type Policy, type RegistryPolicy, loginServerKey } from '../policy/model';
import { type ManifestInfo, type TagInfo, targetLabel } from '../registry/models';
import { type NameFilter, pathGlob, tagGlob } from '../util/glob';
import { extractTree, type TreeResult } from './extract';
import { parseReference } from './reference';
import { indexChildren, type RepositoryListing, resolveRepository } from './resolve';
import { type ExtractError, type ImageReference, type RefKind } from './types';

export type DeploySetInput = Pick<DeploymentSet, 'name' | 'files' | 'exclude' | 'tag' | 'manifest' | 'floatingTags' | 'baseImages'> & {
  /** The folder the set's globs are relative to (default: the options' `root`). */
  readonly root?: string;
};

export interface PlanDeploymentsOptions {
  /** The folder file globs are relative to: the policy file's folder. */
  readonly root: string;
  readonly sets: readonly DeploySetInput[];
  /** Login servers whose references are acted on (the policy's `registries[].loginServer`). */
  readonly managed: readonly string[];
  /** The client of a managed registry; without one (or returning undefined) references are not resolved. */
  readonly client?: (loginServer: string) => LockClient | undefined;
  /** The policy's registries: items their rules keep locked are not orphans. */
  readonly rules?: readonly RegistryPolicy[];
  /** The clock for the rules' `olderThan`. */
  readonly now?: Date;
  readonly signal?: AbortSignal;
  /** Progress: one line per repository read. */
  readonly onStep?: (message: string) => void;
  /** Words for a registry failure (the CLI's describeFailure); default: the error's message. */
  readonly describeFailure?: (thrown: unknown, where: string) => string;
  /** Injectable for tests (default: extractTree). */
  readonly extract?: (root: string, globs: readonly string[]) => Promise<TreeResult>;
}

/**
 * - protected: every flag the set wants is already false;
 * - unprotected: changes are planned for it;
 * - floating: a moving tag (pin by digest); not locked;
 * - missing: the tag, digest or repository does not exist in the registry;
 * - notManaged: its registry is not in the policy ("not managed here");
 * - baseImage: a Dockerfile FROM image, left out (baseImages is false);
 * - template: unresolved templating, nothing to check;
 * - unchecked: managed, but not resolved (no registry client was given);
 * - failed: the registry could not be read.
 */
export type ReferenceStatus = 'protected' | 'unprotected' | 'floating' | 'missing' | 'notManaged' | 'baseImage' | 'template' | 'unchecked' | 'failed';

export interface DeployedReference {
  /** The deployment sets whose files hold it. */
  readonly sets: readonly string[];
  /** As the extractor gives it: relative to `root`, `/`-separated. */
  readonly file: string;
  /** `root` joined with `file`: what to print as `path:line`. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly image: string | null;
  readonly kind: RefKind;
  readonly format: string;
  /** The login server as the policy writes it (managed references only). */
  readonly loginServer?: string;
  readonly registry?: string;
  readonly repository?: string;
  readonly tag?: string;
  readonly digest?: string;
  /** The digest the tag points to now (resolved tag references). */
  readonly resolvedDigest?: string;
  status: ReferenceStatus;
  /** Why: "pin by digest", "tag … not found in …", the registry's error. */
  message?: string;
}

export interface DeploymentChange extends LockItem {
  readonly loginServer: string;
  readonly target: { readonly kind: 'tag'; readonly repository: string; readonly tag: string } | { readonly kind: 'manifest'; readonly repository: string; readonly digest: string };
  /** Only flags set to false that are true now. */
  readonly change: LockChange;
  readonly known: LockAttributes;
  /** Where it is deployed (`path:line`). */
  readonly deployedAt: readonly string[];
}

export interface Orphan extends LockItem {
  readonly loginServer: string;
  readonly target: DeploymentChange['target'];
  readonly known: LockAttributes;
  /** What releasing it sends: writeEnabled/deleteEnabled back to true where false. */
  readonly change: LockChange;
  /** The tags of an orphan manifest (listing). */
  readonly tags?: readonly string[];
}

export type BlockerKind = 'noReferences' | 'extraction' | 'missing' | 'registry';

export interface Blocker {
  readonly kind: BlockerKind;
  /** `path:line: …` or a set's name: printable as it is. */
  readonly message: string;
}

export interface DeploymentPlan {
  readonly root: string;
  readonly sets: readonly { readonly name: string; readonly files: number; readonly references: number }[];
  /** Every reference found (one per position), in file and line order. */
  readonly references: readonly DeployedReference[];
  readonly changes: readonly DeploymentChange[];
  readonly orphans: readonly Orphan[];
  readonly extractionErrors: readonly ExtractError[];
  /** Reasons apply stops before any change (unless partial apply is allowed). */
  readonly blockers: readonly Blocker[];
  /** Whether references were resolved against the registries (a client was given). */
  readonly resolved: boolean;
}

export class DeploymentBlockedError extends Error {
  override readonly name = 'DeploymentBlockedError';
  constructor(readonly blockers: readonly Blocker[]) {
    super(
      `Protecting deployments stopped before any change: ${blockers.length} ${blockers.length === 1 ? 'problem' : 'problems'} (${blockers
        .slice(0, 3)
        .map((b) => b.message)
        .join('; ')}${blockers.length > 3 ? '; …' : ''}).`,
    );
  }
}

/** The options of a policy file's `deployments` (its folder is `dirname(policyFile)`). */
export function deploymentOptions(policy: Policy, policyFile: string, extra: Omit<PlanDeploymentsOptions, 'root' | 'sets' | 'managed' | 'rules'> = {}): PlanDeploymentsOptions {
  return { ...extra, root: dirname(policyFile), sets: policy.deployments ?? [], managed: policy.registries.map((r) => r.loginServer), rules: policy.registries };
}

interface Classified {
  readonly ref: ImageReference;
  readonly set: DeploySetInput;
  readonly root: string;
  readonly status: ReferenceStatus | 'image';
  readonly loginServer?: string;
  readonly registry?: string;
  readonly repository?: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly floating?: boolean;
}

function onlyRestrictions(change: LockChange): LockChange {
  const out: { -readonly [K in FlagName]?: boolean } = {};
  for (const flag of FLAG_NAMES) {
    if (change[flag] === false) {
      out[flag] = false;
    }
  }
  return out;
}

function classify(ref: ImageReference, set: DeploySetInput, root: string, managed: ReadonlyMap<string, string>, floating: NameFilter): Classified {
  if (ref.kind === 'template' || ref.image === null) {
    return { ref, set, root, status: 'template' };
  }
  if (ref.kind === 'base-image' && !set.baseImages) {
    return { ref, set, root, status: 'baseImage' };
  }
  const parsed = parseReference(ref.image);
  if (!parsed.ok) {
    return { ref, set, root, status: 'template' };
  }
  const { domain, path, tag, digest } = parsed.ref;
  const loginServer = managed.get(loginServerKey(domain));
  if (loginServer === undefined) {
    return { ref, set, root, status: 'notManaged', registry: domain, repository: path, ...(tag === null ? {} : { tag }), ...(digest === null ? {} : { digest }) };
  }
  // No tag and no digest is `latest`, as every client pulls it.
  const effectiveTag = tag ?? (digest === null ? 'latest' : null);
  const isFloating = digest === null && effectiveTag !== null && floating(effectiveTag);
  return {
    ref,
    set,
    root,
    status: 'image',
    loginServer,
    registry: domain,
    repository: path,
    ...(effectiveTag === null ? {} : { tag: effectiveTag }),
    ...(digest === null ? {} : { digest }),
    floating: isFloating,
  };
}

const STATUS_RANK: Readonly<Record<Classified['status'], number>> = {
  image: 0,
  notManaged: 1,
  baseImage: 2,
  template: 3,
  protected: 4,
  unprotected: 4,
  floating: 4,
  missing: 4,
  unchecked: 4,
  failed: 4,
};

function describeError(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

function repoKey(loginServer: string, repository: string): string {
  return `${loginServerKey(loginServer)}\n${repository}`;
}

interface Wanted {
  loginServer: string;
  client: LockClient;
  target: DeploymentChange['target'];
  known: LockAttributes;
  flags: { -readonly [K in FlagName]?: boolean };
  deployedAt: string[];
}

function addWanted(map: Map<string, Wanted>, key: string, make: () => Omit<Wanted, 'flags' | 'deployedAt'>, flags: LockChange, at: string): Wanted {
  let entry = map.get(key);
  if (entry === undefined) {
    entry = { ...make(), flags: {}, deployedAt: [] };
    map.set(key, entry);
  }
  Object.assign(entry.flags, onlyRestrictions(flags));
  if (!entry.deployedAt.includes(at)) {
    entry.deployedAt.push(at);
  }
  return entry;
}

function pendingChange(entry: Wanted): LockChange {
  const out: { -readonly [K in FlagName]?: boolean } = {};
  for (const flag of FLAG_NAMES) {
    if (entry.flags[flag] === false && entry.known[flag]) {
      out[flag] = false;
    }
  }
  return out;
}

const isLocked = (a: LockAttributes): boolean => !a.writeEnabled || !a.deleteEnabled;

function releaseChange(a: LockAttributes): LockChange {
  return { ...(a.writeEnabled ? {} : { writeEnabled: true }), ...(a.deleteEnabled ? {} : { deleteEnabled: true }) };
}

/** Extracts, classifies, resolves (when a client is given) and plans. Never changes anything. */
export async function planDeployments(options: PlanDeploymentsOptions): Promise<DeploymentPlan> {
  const extract = options.extract ?? extractTree;
  const managed = new Map(options.managed.map((m) => [loginServerKey(m), m]));
  const byPosition = new Map<string, { best: Classified; sets: string[] }>();
  const extractionErrors: ExtractError[] = [];
  const blockers: Blocker[] = [];
  const setSummaries: { name: string; files: number; references: number }[] = [];
  const seenErrors = new Set<string>();

  for (const set of options.sets) {
    options.signal?.throwIfAborted();
    const root = set.root ?? options.root;
    const excluded = set.exclude.map((g) => pathGlob(g));
    const keep = (file: string): boolean => !excluded.some((filter) => filter(file));
    const floating = ((filters: NameFilter[]) => (tag: string) => filters.some((f) => f(tag)))(set.floatingTags.map((g) => tagGlob(g)));
    const tree = await extract(root, set.files);
    const files = tree.files.filter((f) => keep(f.file));
    const errors = tree.errors.filter((e) => keep(e.file));
    for (const error of errors) {
      const key = `${root}\n${error.file}\n${error.error}`;
      if (!seenErrors.has(key)) {
        seenErrors.add(key);
        extractionErrors.push({ file: join(root, error.file), error: error.error });
        blockers.push({ kind: 'extraction', message: `${join(root, error.file)}: ${error.error.startsWith(`${error.file}: `) ? error.error.slice(error.file.length + 2) : error.error}` });
      }
    }
    let images = 0;
    for (const file of files) {
      for (const ref of file.references) {
        if (ref.kind === 'build-stage') {
          continue;
        }
        const classified = classify(ref, set, root, managed, floating);
        if (classified.status === 'image' || classified.status === 'notManaged' || (classified.status === 'baseImage' && set.baseImages)) {
          images += 1;
        }
        const key = `${join(root, ref.file)}\n${ref.line}\n${ref.column}\n${ref.text}`;
        const existing = byPosition.get(key);
        if (existing === undefined) {
          byPosition.set(key, { best: classified, sets: [set.name] });
        } else {
          existing.sets.push(set.name);
          if (STATUS_RANK[classified.status] < STATUS_RANK[existing.best.status]) {
            existing.best = classified;
          }
        }
      }
    }
    setSummaries.push({ name: set.name, files: files.length, references: images });
    if (images === 0) {
      blockers.push({
        kind: 'noReferences',
        message: `deployment set "${set.name}" found no image reference in ${files.length} ${files.length === 1 ? 'file' : 'files'} (files: ${set.files.join(', ')})`,
      });
    }
  }

  const references: DeployedReference[] = [...byPosition.values()].map(({ best, sets }) => {
    const { ref } = best;
    return {
      sets,
      file: ref.file,
      path: join(best.root, ref.file),
      line: ref.line,
      column: ref.column,
      text: ref.text,
      image: ref.image,
      kind: ref.kind,
      format: ref.format,
      ...(best.loginServer === undefined ? {} : { loginServer: best.loginServer }),
      ...(best.registry === undefined ? {} : { registry: best.registry }),
      ...(best.repository === undefined ? {} : { repository: best.repository }),
      ...(best.tag === undefined ? {} : { tag: best.tag }),
      ...(best.digest === undefined ? {} : { digest: best.digest }),
      status: best.status !== 'image' ? best.status : best.floating === true ? 'floating' : 'unchecked',
      ...(best.status === 'notManaged' ? { message: 'not managed here' } : {}),
      ...(best.floating === true ? { message: 'floating tag: pin by digest' } : {}),
    };
  });
  references.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  const classifiedOf = new Map<DeployedReference, Classified>();
  for (const r of references) {
    const key = `${r.path}\n${r.line}\n${r.column}\n${r.text}`;
    const found = byPosition.get(key);
    if (found !== undefined) {
      classifiedOf.set(r, found.best);
    }
  }

  const managedRefs = references.filter((r) => classifiedOf.get(r)?.status === 'image');
  const resolved = options.client !== undefined;
  const changes: DeploymentChange[] = [];
  const orphans: Orphan[] = [];
  if (!resolved) {
    return { root: options.root, sets: setSummaries, references, changes, orphans, extractionErrors, blockers, resolved };
  }

  // Group by registry and repository; one resolution per repository.
  const groups = new Map<string, { loginServer: string; repository: string; refs: DeployedReference[] }>();
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

  const tagWanted = new Map<string, Wanted>();
  const manifestWanted = new Map<string, Wanted>();
  const reaches = new Map<DeployedReference, Wanted[]>();
  const listings: { loginServer: string; client: LockClient; listing: RepositoryListing; referencedTags: Set<string>; referencedDigests: Set<string> }[] = [];
  let index = 0;
  for (const group of groups.values()) {
    options.signal?.throwIfAborted();
    index += 1;
    options.onStep?.(`${group.loginServer}: reading ${group.repository} (${index} of ${groups.size})`);
    const client = options.client?.(group.loginServer);
    if (client === undefined) {
      continue; // stays 'unchecked'
    }
    const tags = new Set(group.refs.flatMap((r) => (r.digest === undefined && r.tag !== undefined ? [r.tag] : [])));
    const digests = new Set(group.refs.flatMap((r) => (r.digest === undefined ? [] : [r.digest])));
    let listing: RepositoryListing;
    try {
      listing = await resolveRepository(client, group.repository, { tags, digests }, options.signal);
    } catch (thrown: unknown) {
      options.signal?.throwIfAborted();
      const message = options.describeFailure?.(thrown, `${group.loginServer}/${group.repository}`) ?? `${group.loginServer}/${group.repository}: ${describeError(thrown)}`;
      blockers.push({ kind: 'registry', message });
      for (const r of group.refs) {
        r.status = 'failed';
        r.message = message;
      }
      continue;
    }
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
          reached.push(addWanted(manifestWanted, `${prefix}\n${manifest.digest}`, () => manifestItem(group.loginServer, client, manifest), classified?.set.manifest ?? {}, at));
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
            reached.push(addWanted(tagWanted, `${prefix}\n${tag.name}`, () => tagItem(group.loginServer, client, tag), classified?.set.tag ?? {}, at));
            reached.push(addWanted(manifestWanted, `${prefix}\n${manifest.digest}`, () => manifestItem(group.loginServer, client, manifest), classified?.set.manifest ?? {}, at));
          }
        }
      }
      if (reached.length > 0) {
        reaches.set(r, reached);
      }
    }
    listings.push({ loginServer: group.loginServer, client, listing, referencedTags, referencedDigests });
  }
  // Statuses once every set has said what it wants of each item.
  for (const entry of [...tagWanted.values(), ...manifestWanted.values()]) {
    const change = pendingChange(entry);
    if (FLAG_NAMES.some((f) => change[f] !== undefined)) {
      changes.push({ loginServer: entry.loginServer, client: entry.client, target: entry.target, change, known: entry.known, deployedAt: entry.deployedAt });
    }
  }
  for (const [r, reached] of reaches) {
    r.status = reached.some((entry) => FLAG_NAMES.some((f) => entry.flags[f] === false && entry.known[f])) ? 'unprotected' : 'protected';
  }
  for (const r of managedRefs) {
    if (r.status === 'missing') {
      blockers.push({ kind: 'missing', message: `${r.path}:${r.line}: ${r.text}: ${r.message ?? 'not found'}` });
    }
  }

  // Orphans: locked items of the managed repositories that nothing deployed references.
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
        blockers.push({ kind: 'registry', message: options.describeFailure?.(thrown, `${loginServer}/${listing.repository}`) ?? `${loginServer}/${listing.repository}: ${describeError(thrown)}` });
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
  return { root: options.root, sets: setSummaries, references, changes, orphans, extractionErrors, blockers, resolved };
}

function tagItem(loginServer: string, client: LockClient, tag: TagInfo): Omit<Wanted, 'flags' | 'deployedAt'> {
  return { loginServer, client, target: { kind: 'tag', repository: tag.repository, tag: tag.name }, known: tag.attributes };
}

function manifestItem(loginServer: string, client: LockClient, manifest: ManifestInfo): Omit<Wanted, 'flags' | 'deployedAt'> {
  return { loginServer, client, target: { kind: 'manifest', repository: manifest.repository, digest: manifest.digest }, known: manifest.attributes };
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

/** The plan's changes through the lock engine (each answer verified); nothing is sent while the plan has blockers, unless `allowPartial`. */
export function applyDeploymentPlan(
  engine: LockEngine,
  plan: DeploymentPlan,
  options: RunOptions<DeploymentChange> & { readonly allowPartial?: boolean },
): Promise<RunReport<DeploymentChange>> {
  if (!plan.resolved) {
    return Promise.reject(new Error('The deployment plan was made without the registries (no client): nothing to apply.'));
  }
  if (plan.blockers.length > 0 && options.allowPartial !== true) {
    return Promise.reject(new DeploymentBlockedError(plan.blockers));
  }
  return engine.applyMany(plan.changes, {}, options);
}

/**
 * Releases the plan's orphans (writeEnabled/deleteEnabled back to true where false), verified.
 * Refused while the plan has any blocker: an incomplete view of what is deployed could release
 * the lock of something deployed.
 */
export function releaseOrphans(engine: LockEngine, plan: DeploymentPlan, options: RunOptions<Orphan>): Promise<RunReport<Orphan>> {
  if (!plan.resolved) {
    return Promise.reject(new Error('The deployment plan was made without the registries (no client): nothing to release.'));
  }
  if (plan.blockers.length > 0) {
    return Promise.reject(new DeploymentBlockedError(plan.blockers));
  }
  return engine.applyMany(plan.orphans, {}, options);
}

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
