/**
 * Pipeline policies added to the SDK client through `additionalPolicies` (position perRetry,
 * i.e. between the SDK's retry/bearer policies and the wire):
 * - ACR's `grant_type=password` token flow for admin and repository-scoped token users,
 *   which the SDK lacks; tokens are cached per scope so a warm client sends one request per call.
 *   The user name and password go only to the registry's own `/oauth2/token`, and tokens only
 *   to its origin (a request for another origin passes untouched; origin.ts then refuses it);
 * - one debug log line per wire request (never headers or bodies, so never a token).
 */
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from '@azure/core-rest-pipeline';
import { jwtExpiry, parseChallenge, predictScope } from './challenge';
import { type RegistryLogger, redactUrl } from './log';

export interface PasswordCredentials {
  readonly username: string;
  getPassword(): Promise<string>;
}

/** Header that keeps a final, unanswerable challenge for error reporting, hidden from the SDK's bearer policy. */
export const FINAL_CHALLENGE_HEADER = 'x-acrlocks-challenge';
export const CREDENTIALS_REJECTED = 'CREDENTIALS_REJECTED';

interface CachedToken {
  readonly token: string;
  readonly expiresOnMs: number;
}

/** Shared by every SDK client of one registry, so all of them reuse each scope's token. */
export class PasswordTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();
  /** The registry's `service` name, learnt from its first challenge. */
  service: string | undefined;

  get(scope: string): string | undefined {
    const cached = this.tokens.get(scope);
    // Renew 30 s before expiry; a token without exp lives until the registry refuses it.
    return cached && cached.expiresOnMs - 30_000 > Date.now() ? cached.token : undefined;
  }

  set(scopes: readonly string[], token: string): void {
    const exp = jwtExpiry(token);
    const entry = { token, expiresOnMs: exp === undefined ? Number.MAX_SAFE_INTEGER : exp * 1000 };
    for (const scope of scopes) {
      this.tokens.set(scope, entry);
    }
  }

  /** One token request per scope at a time, however many requests wait for it. */
  once(scope: string, fetch: () => Promise<string>): Promise<string> {
    const existing = this.pending.get(scope);
    if (existing) {
      return existing;
    }
    const promise = fetch().finally(() => this.pending.delete(scope));
    this.pending.set(scope, promise);
    return promise;
  }

  clear(): void {
    this.tokens.clear();
  }
}

function isOAuthPath(url: string): boolean {
  return new URL(url).pathname.startsWith('/oauth2/');
}

async function requestToken(
  next: SendRequest,
  registryOrigin: string,
  original: PipelineRequest,
  credentials: PasswordCredentials,
  service: string,
  scope: string,
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'password',
    service,
    scope,
    username: credentials.username,
    password: await credentials.getPassword(),
  });
  const tokenRequest = createPipelineRequest({
    url: `${registryOrigin}/oauth2/token`,
    method: 'POST',
    body: form.toString(),
    headers: createHttpHeaders({ 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }),
    abortSignal: original.abortSignal,
    tlsSettings: original.tlsSettings,
  });
  // The proxy policy ran before this one and gave the original its agent (HTTPS_PROXY): same origin, same route.
  tokenRequest.agent = original.agent;
  const response = await next(tokenRequest);
  if (response.status === 401 || response.status === 403) {
    throw new RestError('The registry rejected the user name or password.', {
      code: CREDENTIALS_REJECTED,
      statusCode: response.status,
      response,
    });
  }
  if (response.status !== 200) {
    throw new RestError(`The registry's token endpoint answered ${response.status}.`, {
      statusCode: response.status,
      response,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(response.bodyAsText ?? '');
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object' && 'access_token' in body && typeof body.access_token === 'string') {
    return body.access_token;
  }
  throw new RestError("The registry's token endpoint answered without an access token.", {
    statusCode: response.status,
    response,
  });
}

function hideChallenge(response: PipelineResponse): PipelineResponse {
  const challenge = response.headers.get('www-authenticate');
  if (challenge !== undefined) {
    response.headers.delete('www-authenticate');
    response.headers.set(FINAL_CHALLENGE_HEADER, challenge);
  }
  return response;
}

/** `endpoint`: the registry's (`https://<login server>`); its origin is the only one that gets credentials. */
export function passwordGrantPolicy(credentials: PasswordCredentials, cache: PasswordTokenCache, endpoint: string): PipelinePolicy {
  const registryOrigin = new URL(endpoint).origin;
  return {
    name: 'acrLocksPasswordGrant',
    async sendRequest(request, next) {
      if (isOAuthPath(request.url) || new URL(request.url).origin !== registryOrigin) {
        return next(request);
      }
      const predicted = predictScope(request.method, request.url);
      let upFront = predicted ? cache.get(predicted) : undefined;
      const knownService = cache.service;
      if (!upFront && predicted && knownService) {
        // The service is known from an earlier challenge: ask for the predicted scope's token
        // now instead of waiting for the 401 (one round trip less for every new scope).
        upFront = await cache.once(predicted, async () => {
          const fresh = await requestToken(next, registryOrigin, request, credentials, knownService, predicted);
          cache.set([predicted], fresh);
          return fresh;
        });
      }
      if (upFront) {
        request.headers.set('Authorization', `Bearer ${upFront}`);
      }
      const first = await next(request);
      const challenge = first.status === 401 ? parseChallenge(first.headers.get('www-authenticate')) : undefined;
      if (!challenge?.scope || !challenge.service) {
        return first.status === 401 ? hideChallenge(first) : first;
      }
      const { scope, service } = challenge;
      cache.service = service;
      const token = await cache.once(scope, async () => {
        const fresh = await requestToken(next, registryOrigin, request, credentials, service, scope);
        cache.set(predicted && predicted !== scope ? [scope, predicted] : [scope], fresh);
        return fresh;
      });
      request.headers.set('Authorization', `Bearer ${token}`);
      const retried = await next(request);
      return retried.status === 401 ? hideChallenge(retried) : retried;
    },
  };
}

/** Counts wire requests by kind; used by benchmarks and tests that assert request counts. */
export interface RequestObserver {
  onRequest(method: string, path: string, status: number, ms: number): void;
}

export function requestLogPolicy(logger: RegistryLogger, observer?: RequestObserver): PipelinePolicy {
  return {
    name: 'acrLocksRequestLog',
    async sendRequest(request, next) {
      const started = Date.now();
      const path = redactUrl(request.url);
      try {
        const response = await next(request);
        const ms = Date.now() - started;
        const correlation = response.headers.get('x-ms-correlation-request-id') ?? '-';
        logger.debug(`${request.method} ${path} ${response.status} ${ms}ms correlation=${correlation}`);
        observer?.onRequest(request.method, path, response.status, ms);
        return response;
      } catch (error: unknown) {
        const ms = Date.now() - started;
        const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
        logger.debug(`${request.method} ${path} failed (${code}) ${ms}ms`);
        observer?.onRequest(request.method, path, 0, ms);
        throw error;
      }
    },
  };
}
