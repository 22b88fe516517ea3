/**
 * What the explorer's filter box means. Pure logic.
 *
 * - `v*`, `latest`, `team/*` (plain): a repository is shown when its name matches, with all its
 *   tags, or when some of its tags match, with just those tags.
 * - `team/*:v1*` (repository:tag): repositories whose name matches the part before the colon, with
 *   their tags matching the part after it; either part may be empty (`:v1*`, `team/*:`).
 * - Text starting with `sha256:` is a digest, matched against manifests (plain form).
 * - A full reference as written in a deployment file: `myregistry.azurecr.io/team/app:1.0` (only
 *   that registry's rows), `team/app@sha256:…` (the manifest by digest, and the tags on it).
 *
 * Each part is a glob when it has `*` or `?`, in the one dialect of src/util/glob.ts (`*` and `?`
 * within one path segment, `**` across; repository names case-insensitive, tags case-sensitive),
 * otherwise a case-insensitive substring.
 */
import { type NameFilter, repositoryFilter, tagFilter } from '../util/glob';

export type FilterSpec =
  | { readonly form: 'none'; readonly text: '' }
  | {
      readonly form: 'plain';
      readonly text: string;
      /** The text applied to repository names. */
      readonly repository: NameFilter;
      /** The same text applied to tag names and digests. */
      readonly tag: NameFilter;
      /** A full reference's registry (lower case): only that registry's repositories are shown. */
      readonly registry?: string;
    }
  | {
      readonly form: 'qualified';
      readonly text: string;
      readonly repository: NameFilter;
      /** Undefined when the tag part is empty: every tag of a matching repository. */
      readonly tag?: NameFilter;
      /** A full reference's registry (lower case): only that registry's repositories are shown. */
      readonly registry?: string;
    };

export const NO_FILTER: FilterSpec = { form: 'none', text: '' };

const anything: NameFilter = () => true;

/** `host.domain[:port]/…` or `localhost[:port]/…`: the registry of a full reference (as the reference grammar tells it). */
function splitRegistry(text: string): { registry?: string; rest: string } {
  const slash = text.indexOf('/');
  if (slash <= 0) {
    return { rest: text };
  }
  const first = text.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first.toLowerCase() === 'localhost';
  return isHost ? { registry: first.toLowerCase(), rest: text.slice(slash + 1) } : { rest: text };
}

export function parseFilter(input: string): FilterSpec {
  const text = input.trim();
  if (text === '') {
    return NO_FILTER;
  }
  const { registry, rest } = splitRegistry(text);
  const only = registry === undefined ? {} : { registry };
  const at = rest.indexOf('@');
  if (at > 0) {
    // repository@sha256:…: the manifest by its digest (and the tags pointing at it), in that repository.
    return { form: 'qualified', text, repository: repositoryFilter(rest.slice(0, at).trim()), tag: tagFilter(rest.slice(at + 1).trim()), ...only };
  }
  const colon = rest.indexOf(':');
  if (colon < 0 || /^sha256:/i.test(rest)) {
    return registry === undefined
      ? { form: 'plain', text, repository: repositoryFilter(rest), tag: tagFilter(rest) }
      : { form: 'qualified', text, repository: repositoryFilter(rest), ...only };
  }
  const repositoryPart = rest.slice(0, colon).trim();
  const tagPart = rest.slice(colon + 1).trim();
  return {
    form: 'qualified',
    text,
    repository: repositoryPart === '' ? anything : repositoryFilter(repositoryPart),
    ...(tagPart === '' ? {} : { tag: tagFilter(tagPart) }),
    ...only,
  };
}

/** Whether a registry's rows can match: a full reference names one registry (host[:port], any case). */
export function registryMatches(spec: FilterSpec, loginServer: string): boolean {
  return spec.form === 'none' || spec.registry === undefined || spec.registry === loginServer.toLowerCase();
}

/** Whether a repository's name alone shows it with every tag (no tag part narrows it). */
export function showsAllTags(spec: FilterSpec, repository: string): boolean {
  switch (spec.form) {
    case 'none':
      return true;
    case 'plain':
      return spec.repository(repository);
    case 'qualified':
      return spec.tag === undefined && spec.repository(repository);
  }
}

/** Whether a repository can be shown at all: its name does not rule it out. */
export function repositoryCandidate(spec: FilterSpec, repository: string): boolean {
  return spec.form !== 'qualified' || spec.repository(repository);
}

/** The tag filter used inside a repository that does not show all its tags. */
export function tagMatcher(spec: FilterSpec): NameFilter {
  switch (spec.form) {
    case 'none':
      return anything;
    case 'plain':
      return spec.tag;
    case 'qualified':
      return spec.tag ?? anything;
  }
}

/** Whether the filter searches by digest (`sha256:…`, `repo@sha256:…`): tags then match by the digest they point at. */
export function byDigest(spec: FilterSpec): boolean {
  return spec.form !== 'none' && /(^|[@/:])sha256:/i.test(spec.text);
}

/** Whether a tag matches: by name, or by the digest it points at when the filter is a digest. */
export function tagMatches(spec: FilterSpec, tag: { readonly name: string; readonly digest: string }): boolean {
  const matcher = tagMatcher(spec);
  return byDigest(spec) ? matcher(tag.digest) : matcher(tag.name);
}

/** Text that can match a tag name: tags are letters, digits, `_`, `.` and `-` (here with glob wildcards). */
const TAG_PATTERN = /^[\w.*?-]+$/;

/** Whether finding matching tags needs the tags of repositories that are not loaded yet. */
export function needsTagSearch(spec: FilterSpec): boolean {
  return spec.form === 'plain' ? TAG_PATTERN.test(spec.text) : spec.form === 'qualified' && spec.tag !== undefined;
}
