/**
 * Verbose library logging never prints a credential. `DEBUG=*` (the `debug` module of
 * https-proxy-agent and friends, and @azure/logger, which reads DEBUG too), `AZURE_LOG_LEVEL=verbose`
 * (@azure/logger) and `NODE_DEBUG` (Node's and undici's debuglog) all write to the process's
 * standard error, and they print proxy URLs with their `user:pass@`, request objects, headers. So
 * the tool's standard error goes through `redactSecrets` (installScrubbedStderr, index.ts): the
 * known secrets (ACR_PASSWORD, the password read from standard input, AZURE_CLIENT_SECRET, proxy
 * passwords) are cut out wherever they appear, and so are the shapes credentials take —
 * `user:pass@` in URLs, `Authorization` values, JSON web tokens, secret query and form values,
 * token and password members of JSON. Standard output (the results) is left as it is.
 */

const REDACTED = '***';

/** Values shorter than this are not cut out as text (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4;

const known = new Set<string>();

/** Adds a secret to cut out of standard error (a password read at run time). */
export function rememberSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= MIN_SECRET_LENGTH) {
    known.add(value);
    try {
      const encoded = encodeURIComponent(value);
      if (encoded !== value) {
        known.add(encoded);
      }
    } catch {
      // A lone surrogate: the raw value is enough.
    }
  }
}

/** The secrets the environment holds: passwords, client secrets, the passwords of proxy URLs. */
export function secretsOfEnv(env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = [];
  for (const name of ['ACR_PASSWORD', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_PASSWORD']) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      secrets.push(value);
    }
  }
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']) {
    const value = env[name];
    if (value === undefined || value === '') {
      continue;
    }
    try {
      const url = new URL(value);
      for (const part of [url.password, url.username]) {
        if (part !== '') {
          secrets.push(part, decodeURIComponent(part));
        }
      }
    } catch {
      // Not a URL: nothing to take out.
    }
  }
  return secrets;
}

const PATTERNS: readonly [RegExp, string][] = [
  // user:pass@ (or user@) in any URL
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"`<>]+@/gi, `$1${REDACTED}@`],
  // Authorization / Proxy-Authorization headers, as text or JSON ("authorization": "Bearer …")
  [/((?:proxy-)?authorization['"]?\s*[:=]\s*['"]?)(?:(?:Bearer|Basic|Negotiate|Digest)\s+)?[^\s'",}]+/gi, `$1${REDACTED}`],
  // JSON web tokens (Entra ID and ACR access and refresh tokens)
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g, REDACTED],
  // secret query and form values: ?sig=…, &token=…, access_token=…, refresh_token=…, password=…
  [/\b(sig|token|access_token|refresh_token|password|client_secret|client_assertion|assertion|code)=[^&\s'"]+/gi, `$1=${REDACTED}`],
  // token and password members of JSON (and of printed objects)
  [
    /(['"]?(?:access_?token|refresh_?token|accessToken|refreshToken|token|password|client_?secret|secret)['"]?\s*:\s*)(['"])(?:(?!\2)[^\\]|\\.)*\2/gi,
    `$1$2${REDACTED}$2`,
  ],
];

/** Text with every known secret and every credential-shaped part replaced by `***`. */
export function redactSecrets(text: string, secrets: Iterable<string> = known): string {
  let out = text;
  const values = [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const value of values) {
    out = out.split(value).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}

/**
 * From now on, everything written to the process's standard error is redacted first (library
 * loggers included: they write there). Idempotent.
 */
export function installScrubbedStderr(env: NodeJS.ProcessEnv, stream: NodeJS.WriteStream = process.stderr): void {
  for (const secret of secretsOfEnv(env)) {
    rememberSecret(secret);
  }
  const marked = stream as NodeJS.WriteStream & { acrLocksScrubbed?: boolean };
  if (marked.acrLocksScrubbed === true) {
    return;
  }
  marked.acrLocksScrubbed = true;
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === 'string') {
      return write(redactSecrets(chunk), ...rest);
    }
    if (chunk instanceof Uint8Array) {
      return write(redactSecrets(Buffer.from(chunk).toString('utf8')), ...rest.filter((r) => typeof r !== 'string'));
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
