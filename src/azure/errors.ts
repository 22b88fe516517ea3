/**
 * Every failure of an Azure (ARM) call becomes one typed AzureError, so the tree can show a node
 * that says what happened and offers the fitting action. Messages are for logs; user wording
 * lives in the UI layer, keyed by `kind`.
 */

import { asErrorLike, transportFailure } from '../registry/transportErrors';
import { statusKind } from '../registry/errors';

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

/** ARM error codes are identifiers; anything else (a hostile or garbled answer) is not repeated. */
const ARM_CODE = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const TOKEN_CODES = new Set(['AuthenticationFailed', 'InvalidAuthenticationToken', 'ExpiredAuthenticationToken', 'InvalidAuthenticationTokenTenant', 'InvalidAuthenticationTokenAudience']);

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
    const transport = transportFailure(e, message);
    if (transport) {
      return new AzureError(transport.kind, message, transport.kind === 'unreachable' ? { code: transport.code } : {});
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
  const kind = statusKind(status);
  if (kind) {
    return new AzureError(kind, message, details);
  }
  if (status >= 300 && status < 400) {
    return new AzureError('badResponse', `unexpected redirect (${status}); redirects are not followed`, details);
  }
  return new AzureError('unknown', message, details);
}
