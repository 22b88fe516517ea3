/**
 * What the explorer's filter box means. Pure logic.
 *
 * - `v*`, `latest`, `team/*` (plain): a repository is shown when its name matches, with all its
 *   tags, or when some of its tags match, with just those tags.
 * - `team/*:v1*` (repository:tag): repositories whose name matches the part before the colon, with
 *   their tags matching the part after it; either part may be empty (`:v1*`, `team/*:`).
 * - Text starting with `sha256:` is a digest, matched against manifests (plain form).
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
    }
  | {
      readonly form: 'qualified';
      readonly text: string;
      readonly repository: NameFilter;
      /** Undefined when the tag part is empty: every tag of a matching repository. */
      readonly tag?: NameFilter;
    };

export const NO_FILTER: FilterSpec = { form: 'none', text: '' };

const anything: NameFilter = () => true;

export function parseFilter(input: string): FilterSpec {
  const text = input.trim();
  if (text === '') {
    return NO_FILTER;
  }
  const colon = text.indexOf(':');
  if (colon < 0 || /^sha256:/i.test(text)) {
    return { form: 'plain', text, repository: repositoryFilter(text), tag: tagFilter(text) };
  }
  const repositoryPart = text.slice(0, colon).trim();
  const tagPart = text.slice(colon + 1).trim();
  return {
    form: 'qualified',
    text,
    repository: repositoryPart === '' ? anything : repositoryFilter(repositoryPart),
    ...(tagPart === '' ? {} : { tag: tagFilter(tagPart) }),
  };
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

/** Text that can match a tag name: tags are letters, digits, `_`, `.` and `-` (here with glob wildcards). */
const TAG_PATTERN = /^[\w.*?-]+$/;

/** Whether finding matching tags needs the tags of repositories that are not loaded yet. */
export function needsTagSearch(spec: FilterSpec): boolean {
  return spec.form === 'plain' ? TAG_PATTERN.test(spec.text) : spec.form === 'qualified' && spec.tag !== undefined;
}
