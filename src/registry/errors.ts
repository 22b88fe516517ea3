/**
 * Every failure of a registry call becomes one typed RegistryError, so the tree and the
 * commands can say what happened and offer the fitting action. Messages here are for logs;
 * user-facing wording (localised) lives in the UI layer, keyed by `kind`.
 */
import { parseChallenge, parseScopes, type ScopeRequirement } from './challenge';
import { CREDENTIALS_REJECTED, FINAL_CHALLENGE_HEADER } from './policies';
import { isWaitStatus, wantedWaitMs } from './retryAfter';
import { cutText } from '../util/safeText';
import { asErrorLike, transportFailure } from './transportErrors';

export { MAX_SERVER_WAIT_MS } from './retryAfter';

export type RegistryErrorKind =
  | 'unreachable'
  | 'certificate'
  | 'signInRequired'
  | 'credentialsRejected'
  | 'missingPermission'
  | 'forbidden'
  | 'notFound'
  | 'locked'
  | 'throttled'
  | 'server'
  | 'badResponse'
  | 'cancelled'
  /** Token (Azure AD) auth to a login server that is not an ACR domain, not confirmed by the user: nothing was sent. */
  | 'untrustedDomain'
  /** The registry redirected, or linked a next page, to another origin: refused, nothing was sent there. */
  | 'crossOrigin'
  | 'unknown';

export interface RegistryErrorDetails {
  readonly status?: number;
  readonly code?: string;
  readonly correlationId?: string;
  readonly missing?: readonly ScopeRequirement[];
  /** The wait the server asked for (429/503), in ms, however long; callers wait at most MAX_SERVER_WAIT_MS. */
  readonly retryAfterMs?: number;
  /** `untrustedDomain`: the login server; `crossOrigin`: the other host (`host[:port]`) that was refused. */
  readonly host?: string;
  /** A transient failure given up on by the retry layer (retry.ts): the requests made, the first included. */
  readonly attempts?: number;
}

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly details: RegistryErrorDetails = {},
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** core-client's code for a body that is not valid JSON. */
const PARSE_ERROR = 'PARSE_ERROR';
/**
 * Azure Identity's errors that mean "no usable sign-in": ChainedTokenCredential (the CLI's
 * DefaultAzureCredential) throws AggregateAuthenticationError when every credential of the chain
 * was unavailable — its message lists each one, which is for `--verbose`, not for the user.
 */
const IDENTITY_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationRequiredError', 'AuthenticationError', 'AggregateAuthenticationError']);

function acrErrorCode(body: string | null | undefined): string | undefined {
  if (!body) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'errors' in parsed && Array.isArray(parsed.errors)) {
      const first: unknown = parsed.errors[0];
      if (first && typeof first === 'object' && 'code' in first && typeof first.code === 'string') {
        return first.code;
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The one "cancelled" error every layer throws when its signal aborts. */
export function cancelledError(message = 'The operation was cancelled.'): RegistryError {
  return new RegistryError('cancelled', message);
}

export function toRegistryError(error: unknown): RegistryError {
  if (error instanceof RegistryError) {
    return error;
  }
  const e = asErrorLike(error);
  // Messages can quote a registry's error body, which can be megabytes: cut (safeText.ts).
  const message = cutText(typeof e.message === 'string' ? e.message : String(error));
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'AbortError') {
    return new RegistryError('cancelled', 'The operation was cancelled.');
  }
  if (IDENTITY_ERRORS.has(name)) {
    return new RegistryError('signInRequired', message);
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const headers = e.response?.headers;
  const correlationId = headers?.get('x-ms-correlation-request-id');
  const code = acrErrorCode(e.response?.bodyAsText) ?? (typeof e.code === 'string' ? e.code : undefined);
  const retryAfterMs = status !== undefined && isWaitStatus(status) && headers ? wantedWaitMs(headers) : undefined;
  const details: RegistryErrorDetails = { status, code, correlationId, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  if (status === undefined) {
    const transport = transportFailure(e, message);
    return transport ? new RegistryError(transport.kind, message, { code: transport.code }) : new RegistryError('unknown', message, details);
  }
  if (code === PARSE_ERROR || (status >= 200 && status < 300)) {
    // The SDK's message quotes the whole body, which is no place for an error (it may hold a token).
    return new RegistryError('badResponse', `The registry's answer (status ${status}) could not be read.`, details);
  }
  if (code === CREDENTIALS_REJECTED) {
    return new RegistryError('credentialsRejected', message, details);
  }
  if (status === 401) {
    const challenge = parseChallenge(headers?.get(FINAL_CHALLENGE_HEADER) ?? headers?.get('www-authenticate'));
    const missing = parseScopes(challenge?.scope);
    return new RegistryError(
      challenge?.error === 'insufficient_scope' || missing.length > 0 ? 'missingPermission' : 'credentialsRejected',
      message,
      { ...details, missing },
    );
  }
  if (status === 405) {
    return new RegistryError('locked', message, details);
  }
  return new RegistryError(statusKind(status) ?? 'unknown', message, details);
}

/** What an HTTP status says, the same for ACR and for Resource Manager: forbidden, not found, throttled, server. */
export function statusKind(status: number): 'forbidden' | 'notFound' | 'throttled' | 'server' | undefined {
  if (status === 403) {
    return 'forbidden';
  }
  if (status === 404) {
    return 'notFound';
  }
  if (status === 429) {
    return 'throttled';
  }
  return status >= 500 ? 'server' : undefined;
}
