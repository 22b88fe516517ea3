/**
 * Every failure of an Azure (ARM) call becomes one typed AzureError, so the tree can show a node
 * that says what happened and offers the fitting action. Messages are for logs; user wording
 * lives in the UI layer, keyed by `kind`.
 */

export type AzureErrorKind =
  /** No Microsoft session (or it expired, or ARM refused the token): sign in. */
  | 'signInRequired'
  /** 403: the account may not read this subscription's registries. */
  | 'forbidden'
  | 'notFound'
  | 'throttled'
  | 'unreachable'
  | 'certificate'
  | 'server'
  /** A malformed answer, a paging loop or too many pages. */
  | 'badResponse'
  /** A next link to another origin: refused, nothing sent there. */
  | 'crossOrigin'
  | 'cancelled'
  | 'unknown';

export interface AzureErrorDetails {
  readonly status?: number;
  /** ARM's error code (`AuthorizationFailed`, `InvalidAuthenticationToken`, …), only when it looks like one. */
  readonly code?: string;
}

export class AzureError extends Error {
  constructor(
    readonly kind: AzureErrorKind,
    message: string,
    readonly details: AzureErrorDetails = {},
  ) {
    super(message);
    this.name = 'AzureError';
  }
}

const TLS_CODES = /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID)$/;
const NETWORK_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|REQUEST_SEND_ERROR)$/;
/** ARM error codes are identifiers; anything else (a hostile or garbled answer) is not repeated. */
const ARM_CODE = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const TOKEN_CODES = new Set(['AuthenticationFailed', 'InvalidAuthenticationToken', 'ExpiredAuthenticationToken', 'InvalidAuthenticationTokenTenant', 'InvalidAuthenticationTokenAudience']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  cause?: unknown;
}

function asErrorLike(value: unknown): ErrorLike {
  return value && typeof value === 'object' ? (value as ErrorLike) : {};
}

function codes(error: ErrorLike): string[] {
  const found: string[] = [];
  let current: ErrorLike | undefined = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') {
      found.push(current.code);
    }
    current = current.cause ? asErrorLike(current.cause) : undefined;
  }
  return found;
}

export function toAzureError(error: unknown): AzureError {
  if (error instanceof AzureError) {
    return error;
  }
  const e = asErrorLike(error);
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (e.name === 'AbortError') {
    return new AzureError('cancelled', 'The operation was cancelled.');
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined) {
    const all = codes(e);
    if (all.some((c) => TLS_CODES.test(c)) || /certificate/i.test(message)) {
      return new AzureError('certificate', message);
    }
    if (all.some((c) => NETWORK_CODES.test(c))) {
      return new AzureError('unreachable', message, { code: all.find((c) => NETWORK_CODES.test(c)) });
    }
    // The SDK's paging and deserialisers reject (or trip over: TypeError) answers of the wrong shape.
    if (e.name === 'SyntaxError' || e.name === 'TypeError' || /paginate|deserializ|should be a string/i.test(message)) {
      return new AzureError('badResponse', `ARM's answer has an unexpected shape (${message})`);
    }
    return new AzureError('unknown', message);
  }
  const code = typeof e.code === 'string' && ARM_CODE.test(e.code) ? e.code : undefined;
  const details = { status, code };
  if (status === 401 || (code !== undefined && TOKEN_CODES.has(code))) {
    return new AzureError('signInRequired', message, details);
  }
  if (status === 403) {
    return new AzureError('forbidden', message, details);
  }
  if (status === 404) {
    return new AzureError('notFound', message, details);
  }
  if (status === 429) {
    return new AzureError('throttled', message, details);
  }
  if (status >= 500) {
    return new AzureError('server', message, details);
  }
  if (status >= 300 && status < 400) {
    return new AzureError('badResponse', `unexpected redirect (${status}); redirects are not followed`, details);
  }
  return new AzureError('unknown', message, details);
}
