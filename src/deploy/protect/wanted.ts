/**
 * The wanted changes: what the sets want of each tag and manifest a deployment reaches (only
 * restrictions), merged over every set and reference, then the flags still to change.
 */
import { FLAG_NAMES, type FlagName, type LockAttributes, type LockChange } from '../../locks/attributes';
import { type LockClient } from '../../locks/client';
import { type ManifestInfo, type TagInfo } from '../../registry/models';
import { type DeployedReference, type DeploymentChange } from './types';

export interface Wanted {
  loginServer: string;
  client: LockClient;
  target: DeploymentChange['target'];
  known: LockAttributes;
  flags: { -readonly [K in FlagName]?: boolean };
  deployedAt: string[];
}

/** What the sets want of the tags and of the manifests, by `loginServer\nrepository\ntag|digest`. */
export interface WantedItems {
  readonly tags: Map<string, Wanted>;
  readonly manifests: Map<string, Wanted>;
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

export function addWanted(map: Map<string, Wanted>, key: string, make: () => Omit<Wanted, 'flags' | 'deployedAt'>, flags: LockChange, at: string): Wanted {
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

export function tagItem(loginServer: string, client: LockClient, tag: TagInfo): Omit<Wanted, 'flags' | 'deployedAt'> {
  return { loginServer, client, target: { kind: 'tag', repository: tag.repository, tag: tag.name }, known: tag.attributes };
}

export function manifestItem(loginServer: string, client: LockClient, manifest: ManifestInfo): Omit<Wanted, 'flags' | 'deployedAt'> {
  return { loginServer, client, target: { kind: 'manifest', repository: manifest.repository, digest: manifest.digest }, known: manifest.attributes };
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

/** The changes, once every set has said what it wants of each item: tags first, then manifests. */
export function wantedChanges(wanted: WantedItems): DeploymentChange[] {
  const changes: DeploymentChange[] = [];
  for (const entry of [...wanted.tags.values(), ...wanted.manifests.values()]) {
    const change = pendingChange(entry);
    if (FLAG_NAMES.some((f) => change[f] !== undefined)) {
      changes.push({ loginServer: entry.loginServer, client: entry.client, target: entry.target, change, known: entry.known, deployedAt: entry.deployedAt });
    }
  }
  return changes;
}

/** A resolved reference is unprotected while any item it reaches still has a wanted flag to change. */
export function markProtection(reaches: ReadonlyMap<DeployedReference, readonly Wanted[]>): void {
  for (const [r, reached] of reaches) {
    r.status = reached.some((entry) => FLAG_NAMES.some((f) => entry.flags[f] === false && entry.known[f])) ? 'unprotected' : 'protected';
  }
}
