/**
 * The image reference grammar of the OCI distribution spec / Docker (`github.com/distribution/reference`):
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [domain "/"] path-component ["/" path-component]*
 *   domain    := host [":" port]      (the first component is a domain when it holds "." or ":",
 *                                      is "localhost", or has an upper-case letter)
 *   path-component := [a-z0-9]+ ([_.]|__|[-]+ [a-z0-9]+)*
 *   tag       := [\w][\w.-]{0,127}
 *   digest    := algorithm ":" hex    (algorithm [A-Za-z][A-Za-z0-9]* joined by [+._-]; hex ≥ 32)
 *
 * Normalisation follows Docker: no domain → `docker.io`, `index.docker.io` → `docker.io`, and a
 * single-component Docker Hub path gets `library/`. No `:latest` is added; a written host is kept
 * as written (not lower-cased). Regular expressions here match one reference string, not file lines.
 */

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
/** Longest name (domain and path) the spec allows. */
export const NAME_TOTAL_LENGTH_MAX = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_RE = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export interface ParsedReference {
  /** The registry host (and port) as written, or `docker.io` when none is written. */
  domain: string;
  /** Repository path, with `library/` for single-component Docker Hub names. */
  path: string;
  tag: string | null;
  digest: string | null;
  /** True when the text named a domain itself. */
  domainWritten: boolean;
}

export type ParseResult = { ok: true; ref: ParsedReference } | { ok: false; error: string };

/** Parses one reference (no surrounding whitespace or quotes). */
export function parseReference(text: string): ParseResult {
  if (text.length === 0) {
    return { ok: false, error: 'empty reference' };
  }
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) {
      return { ok: false, error: `invalid digest "${digest}"` };
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) {
      return { ok: false, error: `invalid tag "${tag}"` };
    }
  }
  if (rest.length === 0) {
    return { ok: false, error: 'missing repository name' };
  }
  if (rest.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: `name longer than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  let domain = DEFAULT_DOMAIN;
  let path = rest;
  let domainWritten = false;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first) {
      if (!DOMAIN_RE.test(first)) {
        return { ok: false, error: `invalid registry host "${first}"` };
      }
      domain = first === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : first;
      path = rest.slice(slash + 1);
      domainWritten = true;
    }
  }
  const components = path.split('/');
  for (const component of components) {
    if (!PATH_COMPONENT_RE.test(component)) {
      return { ok: false, error: component === '' ? 'empty path component' : `invalid repository path component "${component}"` };
    }
  }
  if (domain === DEFAULT_DOMAIN && components.length === 1) {
    path = OFFICIAL_REPO_PREFIX + path;
  }
  return { ok: true, ref: { domain, path, tag, digest, domainWritten } };
}

export function formatReference(ref: ParsedReference): string {
  return `${ref.domain}/${ref.path}${ref.tag !== null ? `:${ref.tag}` : ''}${ref.digest !== null ? `@${ref.digest}` : ''}`;
}

/** The normalised form of a reference, or null when it is not a valid reference. */
export function normalizeReference(text: string): string | null {
  const parsed = parseReference(text);
  return parsed.ok ? formatReference(parsed.ref) : null;
}

/** The name part (without tag and digest) of a reference as written: what Kustomize matches `images[].name` against. */
export function splitNameTagDigest(text: string): { name: string; tag: string | null; digest: string | null } {
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

/** True when a value still holds templating another tool fills in (Helm, GitHub/Azure expressions, shell variables). */
export function hasTemplating(text: string): boolean {
  return text.includes('{{') || text.includes('${') || text.includes('$(') || /\$[A-Za-z_]/.test(text);
}

/**
 * A token that only stands for a value supplied elsewhere (`CONTAINER_IMAGES_REGISTRY`,
 * `REGISTRY_NAME/app`): an all-upper-case name component with an underscore.
 */
export function isPlaceholderToken(text: string): boolean {
  return /(?:^|\/)[A-Z][A-Z0-9]*_[A-Z0-9_]+(?:[/:@]|$)/.test(text);
}
