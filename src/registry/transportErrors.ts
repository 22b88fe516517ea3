/**
 * What failed before any HTTP status arrived — an untrusted certificate or an unreachable host —
 * read the same way for registry (ACR) and Resource Manager (ARM) calls. Node's TLS and socket
 * errors are often wrapped, so `cause` chains are walked.
 */

/** The fields of the errors the SDKs and Node throw that classification reads. */
export interface ErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  cause?: unknown;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null };
}

export function asErrorLike(value: unknown): ErrorLike {
  return value && typeof value === 'object' ? (value as ErrorLike) : {};
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ESOCKETTIMEDOUT',
  'REQUEST_SEND_ERROR',
]);

/** The `code`s of the error and of its causes, outermost first (at most five levels). */
export function causeCodes(error: ErrorLike): string[] {
  const codes: string[] = [];
  let current: ErrorLike | undefined = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') {
      codes.push(current.code);
    }
    current = current.cause ? asErrorLike(current.cause) : undefined;
  }
  return codes;
}

export interface TransportFailure {
  readonly kind: 'certificate' | 'unreachable';
  readonly code?: string;
}

/** A certificate or network failure (for an error that carries no HTTP status), or undefined. */
export function transportFailure(error: ErrorLike, message: string): TransportFailure | undefined {
  const codes = causeCodes(error);
  if (codes.some((c) => TLS_CODES.has(c)) || /certificate|self[- ]signed/i.test(message)) {
    return { kind: 'certificate', code: codes.find((c) => TLS_CODES.has(c)) ?? codes[0] };
  }
  // fetch refuses some ports outright (the Fetch standard's blocked ports, e.g. 1, 25, 6000).
  if (/\bbad port\b/i.test(message)) {
    return { kind: 'unreachable', code: 'BAD_PORT' };
  }
  // The generic send error hides the socket's code in its message ("connect ECONNREFUSED …").
  const named = message.match(/\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH)\b/)?.[1];
  const network = codes.find((c) => NETWORK_CODES.has(c) && c !== 'REQUEST_SEND_ERROR') ?? named ?? codes.find((c) => NETWORK_CODES.has(c));
  if (network !== undefined) {
    return { kind: 'unreachable', code: network };
  }
  // No code, but the message says the connection itself failed: VS Code's fetch reports a proxy
  // that refuses the host (CONNECT answered 403) or a closed tunnel as "fetch failed" /
  // "Request was cancelled" (a cancellation of ours arrives as an AbortError, never here).
  if (/proxy|tunnel/i.test(message)) {
    return { kind: 'unreachable', code: 'PROXY' };
  }
  if (/fetch failed|request was cancell?ed|socket hang up|other side closed|connection (was )?(closed|reset)/i.test(message)) {
    return { kind: 'unreachable', code: 'CONNECTION_CLOSED' };
  }
  return undefined;
}

/** Which failure an `unreachable` code stands for, so messages can say what failed. */
export type UnreachableReason = 'refused' | 'dns' | 'timeout' | 'closed' | 'proxy' | 'noRoute' | 'blockedPort' | 'other';

export function unreachableReason(code: string | undefined): UnreachableReason {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timeout';
    case 'ECONNRESET':
    case 'CONNECTION_CLOSED':
      return 'closed';
    case 'PROXY':
      return 'proxy';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'noRoute';
    case 'BAD_PORT':
      return 'blockedPort';
    default:
      return 'other';
  }
}
