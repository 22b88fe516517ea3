/** Out-of-band access for tests (no HTTP, no auth, no faults, not counted in stats). */
import { type ChangeableAttributes, applyAttributes } from './model';
import { type Store, requireManifest, requireRepository, requireTag } from './store';
import { type FaultInjector, type FaultSettings } from './faults';
import { type HostileMode, type HostileSwitch } from './hostile';
import { type SandboxClock } from './clock';
import { type Hold, type RequestHolds } from './holds';
import { type ManifestView, type RepositoryView, type TagView, manifestView, repositoryView, tagView } from './views';

export interface SandboxControl {
  /** Repository properties as GET /acr/v1/{repo} returns them; undefined if unknown. */
  getRepository(registry: string, repository: string): RepositoryView | undefined;
  /** Tag properties (the `tag` object of GET _tags/{tag}); undefined if unknown. */
  getTag(registry: string, repository: string, tag: string): TagView | undefined;
  /** Manifest properties incl. `references` (the `manifest` object of GET _manifests/{digest}); `reference` may be a digest or a tag. */
  getManifest(registry: string, repository: string, reference: string): ManifestView | undefined;
  /** All repository names, including list-disabled ones, sorted. */
  listRepositories(registry: string): string[];
  /** All tags of a repository, including list-disabled ones, sorted by name. */
  listTags(registry: string, repository: string): TagView[];
  /** All manifests of a repository, sorted by digest. */
  listManifests(registry: string, repository: string): ManifestView[];
  /** Partial update (only the given flags change); returns the full entity. Throws if unknown. */
  setRepositoryAttributes(registry: string, repository: string, attributes: Partial<ChangeableAttributes>): RepositoryView;
  setTagAttributes(registry: string, repository: string, tag: string, attributes: Partial<ChangeableAttributes>): TagView;
  setManifestAttributes(registry: string, repository: string, reference: string, attributes: Partial<ChangeableAttributes>): ManifestView;
  /** Changes latency / fault rate / rate limits at run time (limits reset their buckets). */
  setFaults(settings: Partial<FaultSettings>): void;
  getFaults(): FaultSettings;
  /** Switches one hostile mode on for every registry (hostile.ts, README "Hostile modes"); no argument = off. */
  setHostile(mode?: HostileMode): void;
  /** Moves the sandbox's token clock forward: tokens expire (and are issued) as if `ms` had passed. */
  advanceClock(ms: number): void;
  /**
   * Holds every request of `method` (whose path starts with `path`, when given) once it has
   * arrived, unanswered and not applied, until the test releases it (holds.ts).
   */
  hold(method: string, path?: string): Hold;
  /** Writes the state file now (no-op without stateDir). */
  save(): void;
}

function orUndefined<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function plain(error: unknown): Error {
  return error instanceof Error ? new Error(error.message) : new Error(String(error));
}

export function createControl(
  store: Store,
  faults: FaultInjector,
  save: () => void,
  { hostile, clock, holds }: { hostile: HostileSwitch; clock: SandboxClock; holds: RequestHolds },
): SandboxControl {
  const repo = (registry: string, repository: string) => requireRepository(store.requireRegistry(registry), repository);
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw plain(error);
    }
  };
  return {
    getRepository: (registry, repository) => orUndefined(() => repositoryView(store.requireRegistry(registry), repo(registry, repository))),
    getTag: (registry, repository, tag) => orUndefined(() => tagView(requireTag(repo(registry, repository), tag))),
    getManifest: (registry, repository, reference) =>
      orUndefined(() => {
        const r = repo(registry, repository);
        return manifestView(r, requireManifest(r, reference), true);
      }),
    listRepositories: (registry) => [...store.requireRegistry(registry).repositories.keys()].sort(),
    listTags: (registry, repository) => wrap(() => [...repo(registry, repository).tags.values()].map(tagView).sort((a, b) => (a.name < b.name ? -1 : 1))),
    listManifests: (registry, repository) =>
      wrap(() => {
        const r = repo(registry, repository);
        return [...r.manifests.values()].map((m) => manifestView(r, m, true)).sort((a, b) => (a.digest < b.digest ? -1 : 1));
      }),
    setRepositoryAttributes: (registry, repository, attributes) =>
      wrap(() => {
        const r = repo(registry, repository);
        applyAttributes(r.attributes, attributes);
        return repositoryView(store.requireRegistry(registry), r);
      }),
    setTagAttributes: (registry, repository, tag, attributes) =>
      wrap(() => {
        const t = requireTag(repo(registry, repository), tag);
        applyAttributes(t.attributes, attributes);
        return tagView(t);
      }),
    setManifestAttributes: (registry, repository, reference, attributes) =>
      wrap(() => {
        const r = repo(registry, repository);
        const m = requireManifest(r, reference);
        applyAttributes(m.attributes, attributes);
        return manifestView(r, m, true);
      }),
    setFaults: (settings) => faults.update(settings),
    getFaults: () => faults.current,
    setHostile: (mode) => hostile.set(mode),
    advanceClock: (ms) => clock.advance(ms),
    hold: (method, path) => holds.hold(method, path),
    save,
  };
}
