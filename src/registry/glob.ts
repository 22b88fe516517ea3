/**
 * Filters for repositories and tags: a glob (`v1.*`, `team/*`, `release-?`) when the text has
 * `*` or `?`, otherwise a case-insensitive substring. Pure logic.
 */
export type NameFilter = (name: string) => boolean;

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') {
      source += '.*';
    } else if (char === '?') {
      source += '.';
    } else {
      source += char.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

export function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}

export function nameFilter(text: string | undefined): NameFilter {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    return () => true;
  }
  if (isGlob(trimmed)) {
    const pattern = globToRegExp(trimmed);
    return (name) => pattern.test(name);
  }
  const needle = trimmed.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}
