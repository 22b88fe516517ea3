/** Parsing of ACR's `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` challenges. */

export interface Challenge {
  readonly service?: string;
  readonly scope?: string;
  readonly error?: string;
}

export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header || !/^\s*bearer\s/i.test(header)) {
    return undefined;
  }
  const values: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) {
    values[match[1].toLowerCase()] = match[2];
  }
  return { service: values.service, scope: values.scope, error: values.error };
}

export interface ScopeRequirement {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

/** `repository:team/app:metadata_write` → {type, name, actions}; several scopes are space separated. */
export function parseScopes(scope: string | undefined): ScopeRequirement[] {
  if (!scope) {
    return [];
  }
  return scope
    .split(' ')
    .filter((s) => s !== '')
    .map((s) => {
      const first = s.indexOf(':');
      const last = s.lastIndexOf(':');
      if (first < 0 || last === first) {
        return { type: s, name: '', actions: [] };
      }
      return { type: s.slice(0, first), name: s.slice(first + 1, last), actions: s.slice(last + 1).split(',') };
    });
}

/**
 * The scope ACR will ask for, predicted from the request, so a cached token can be sent up front
 * (saving the 401 → token → retry round trips). A wrong guess only costs that round trip.
 */
export function predictScope(method: string, url: string): string | undefined {
  const path = new URL(url).pathname;
  if (path === '/acr/v1/_catalog' || path === '/v2/_catalog') {
    return 'registry:catalog:*';
  }
  const acr = /^\/acr\/v1\/(.+?)(\/_tags(\/.*)?|\/_manifests(\/.*)?)?$/.exec(path);
  const oci = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(path);
  const repoPart = acr?.[1] ?? oci?.[1];
  if (!repoPart) {
    return undefined;
  }
  const repository = decodeURIComponent(repoPart);
  const verb = method.toUpperCase();
  let action: string;
  if (verb === 'DELETE') {
    action = 'delete';
  } else if (acr) {
    action = verb === 'PATCH' ? 'metadata_write' : 'metadata_read';
  } else if (oci?.[2] === 'tags') {
    action = 'metadata_read';
  } else {
    action = verb === 'GET' || verb === 'HEAD' ? 'pull' : 'pull,push';
  }
  return `repository:${repository}:${action}`;
}

/** Seconds-since-epoch `exp` of a JWT-shaped token, or undefined when it has none. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length < 3) {
    return undefined;
  }
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64').toString('utf8'));
    if (payload && typeof payload === 'object' && 'exp' in payload && typeof payload.exp === 'number') {
      return payload.exp;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
