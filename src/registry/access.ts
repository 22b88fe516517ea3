/**
 * What an identity may do on a registry, found without changing anything: ACR's token service is
 * asked for the scopes (`registry:catalog:*`, `repository:R:metadata_read`,
 * `repository:R:metadata_write`), and the `access` claim of the token it returns lists what was
 * granted — ACR grants only what the identity has (RBAC/ABAC roles, a token's scope map, the admin
 * user's everything). Sign-in as the SDK and policies.ts do it: a user name and password through
 * the password grant; an Azure AD token exchanged for a refresh token at `/oauth2/exchange`, then
 * the refresh-token grant. Every request goes to the registry's own origin only (a challenge
 * whose realm is elsewhere is refused), and no token or password is ever returned or logged —
 * only their non-secret claims (subject, object and client ids).
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpClient, type PipelineResponse } from '@azure/core-rest-pipeline';
import { parseChallenge } from './challenge';
import { RegistryError, toRegistryError } from './errors';
import { type RegistryLogger, redactUrl } from './log';
import { ACR_AUDIENCE, endpointOf, isAcrDomain } from './loginServer';
import { type RegistryAuth } from './registryClient';
import { DEFAULT_TRANSPORT_LIMITS, limitedHttpClient, type TransportLimits } from './transportLimits';

export interface ScopeGrant {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

export type IdentityKind = 'adminUser' | 'tokenUser' | 'azureAd' | 'anonymous';

/** Who is signed in: names and ids only, never a secret. */
export interface ProbedIdentity {
  readonly kind: IdentityKind;
  /** The user name (admin user, repository-scoped token). */
  readonly username?: string;
  /** Azure AD: the principal's object id (`oid`), application (client) id (`appid`/`azp`), tenant (`tid`), kind (`idtyp`). */
  readonly objectId?: string;
  readonly clientId?: string;
  readonly tenantId?: string;
  readonly principalType?: string;
  /** The subject ACR put in its token (`sub`). */
  readonly subject?: string;
}

export interface AccessProbe {
  /** Status of `GET /v2/` without credentials (401 with a challenge is a healthy registry). */
  readonly reachableStatus: number;
  readonly identity: ProbedIdentity;
  /** Per requested scope, what the token service granted (no entry, or no actions: nothing). */
  readonly granted: readonly ScopeGrant[];
  /** Wire requests made. */
  readonly requests: number;
}

export interface AccessProbeOptions {
  readonly loginServer: string;
  readonly auth: RegistryAuth;
  /** Scopes as ACR writes them: `registry:catalog:*`, `repository:team/app:metadata_read,metadata_write`. */
  readonly scopes: readonly string[];
  readonly httpClient?: HttpClient;
  readonly limits?: TransportLimits;
  readonly trustedCustomDomain?: boolean;
  readonly logger?: RegistryLogger;
  readonly signal?: AbortSignal;
  /** Counts wire requests (the run's request counter). */
  readonly onRequest?: () => void;
}

/** JWT payload, or undefined for anything that is not one. Never the signature. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length < 2) {
    return undefined;
  }
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringClaim(claims: Record<string, unknown> | undefined, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = claims?.[name];
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  return undefined;
}

/** The `access` claim of an ACR access token. */
export function accessClaim(token: string): ScopeGrant[] {
  const access = jwtClaims(token)?.access;
  if (!Array.isArray(access)) {
    return [];
  }
  return access.flatMap((entry: unknown): ScopeGrant[] => {
    if (entry === null || typeof entry !== 'object') {
      return [];
    }
    const e = entry as Record<string, unknown>;
    const actions = Array.isArray(e.actions) ? e.actions.filter((a): a is string => typeof a === 'string') : [];
    return typeof e.type === 'string' && typeof e.name === 'string' ? [{ type: e.type, name: e.name, actions }] : [];
  });
}

/** ACR writes actions as `metadata_read`; some clients send `metadataRead`. */
function normalAction(action: string): string {
  return action.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Was `action` granted on `type:name`? `*` grants everything. */
export function isGranted(granted: readonly ScopeGrant[], type: string, name: string, action: string): boolean {
  return granted.some((g) => g.type === type && g.name.toLowerCase() === name.toLowerCase() && g.actions.some((a) => a === '*' || normalAction(a) === action));
}

/** The admin user is named after the registry (ACR: the user name is the registry name). */
export function isAdminUserName(username: string, loginServer: string): boolean {
  const first = loginServer.split(/[.:]/)[0]?.toLowerCase();
  return username.toLowerCase() === first;
}

function form(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function bodyJson(response: PipelineResponse): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(response.bodyAsText ?? '');
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function probeAccess(options: AccessProbeOptions): Promise<AccessProbe> {
  const endpoint = endpointOf(options.loginServer);
  const origin = new URL(endpoint).origin;
  const client = limitedHttpClient(options.httpClient ?? createDefaultHttpClient(), options.limits ?? DEFAULT_TRANSPORT_LIMITS);
  let requests = 0;
  const send = async (method: 'GET' | 'POST', path: string, body?: string): Promise<PipelineResponse> => {
    const started = Date.now();
    const request = createPipelineRequest({
      url: `${origin}${path}`,
      method,
      ...(body === undefined ? {} : { body }),
      headers: createHttpHeaders(body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }),
      ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
    });
    requests += 1;
    options.onRequest?.();
    try {
      const response = await client.sendRequest(request);
      options.logger?.debug(`${method} ${redactUrl(request.url)} ${response.status} ${Date.now() - started}ms (access check)`);
      return response;
    } catch (error: unknown) {
      options.logger?.debug(`${method} ${redactUrl(request.url)} failed ${Date.now() - started}ms (access check)`);
      throw toRegistryError(error);
    }
  };
  const ping = await send('GET', '/v2/');
  const challenge = parseChallenge(ping.headers.get('www-authenticate'));
  const realm = /realm="([^"]*)"/i.exec(ping.headers.get('www-authenticate') ?? '')?.[1];
  if (realm !== undefined && realm !== '' && new URL(realm, origin).origin !== origin) {
    throw new RegistryError('crossOrigin', `${options.loginServer} sends sign-ins to another origin (${new URL(realm, origin).host}); nothing was sent there.`, { host: new URL(realm, origin).host });
  }
  const service = challenge?.service ?? options.loginServer;
  const scopes = options.scopes.map((s) => ['scope', s] as const);
  const auth = options.auth;
  let identity: ProbedIdentity;
  let token: string | undefined;
  if (auth.kind === 'password') {
    const username = auth.credentials.username;
    identity = { kind: isAdminUserName(username, options.loginServer) ? 'adminUser' : 'tokenUser', username };
    const answer = await send('POST', '/oauth2/token', form([['grant_type', 'password'], ['service', service], ...scopes, ['username', username], ['password', await auth.credentials.getPassword()]]));
    if (answer.status === 401 || answer.status === 403) {
      throw new RegistryError('credentialsRejected', `${options.loginServer} rejected the user name or password of ${username}.`, { status: answer.status });
    }
    token = stringClaim(bodyJson(answer), 'access_token');
  } else if (auth.kind === 'token') {
    if (!isAcrDomain(options.loginServer) && options.trustedCustomDomain !== true) {
      throw new RegistryError('untrustedDomain', `${options.loginServer} is not an Azure Container Registry domain; the Azure sign-in token is sent there only once you confirm it.`, { host: options.loginServer });
    }
    let aad: AccessToken | null;
    try {
      aad = await (auth.credential as TokenCredential).getToken(`${ACR_AUDIENCE}/.default`, options.signal === undefined ? {} : { abortSignal: options.signal });
    } catch (error: unknown) {
      throw new RegistryError('signInRequired', `No Azure sign-in: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {});
    }
    if (aad === null) {
      throw new RegistryError('signInRequired', 'No Azure sign-in: the credential returned no token.', {});
    }
    const claims = jwtClaims(aad.token);
    identity = {
      kind: 'azureAd',
      ...optional('objectId', stringClaim(claims, 'oid')),
      ...optional('clientId', stringClaim(claims, 'appid', 'azp')),
      ...optional('tenantId', stringClaim(claims, 'tid')),
      ...optional('principalType', stringClaim(claims, 'idtyp')),
    };
    const exchanged = await send('POST', '/oauth2/exchange', form([['grant_type', 'access_token'], ['service', service], ['access_token', aad.token], ...(identity.tenantId === undefined ? [] : [['tenant', identity.tenantId] as const])]));
    if (exchanged.status === 401 || exchanged.status === 403) {
      throw new RegistryError('credentialsRejected', `${options.loginServer} did not accept the Azure sign-in (exchange answered ${exchanged.status}).`, { status: exchanged.status });
    }
    const refresh = stringClaim(bodyJson(exchanged), 'refresh_token');
    if (refresh === undefined) {
      throw new RegistryError('badResponse', `${options.loginServer}'s token exchange answered ${exchanged.status} without a refresh token.`, { status: exchanged.status });
    }
    const answer = await send('POST', '/oauth2/token', form([['grant_type', 'refresh_token'], ['service', service], ...scopes, ['refresh_token', refresh]]));
    token = stringClaim(bodyJson(answer), 'access_token');
  } else {
    identity = { kind: 'anonymous' };
    const query = options.scopes.map((s) => `scope=${encodeURIComponent(s)}`).join('&');
    const answer = await send('GET', `/oauth2/token?service=${encodeURIComponent(service)}&${query}`);
    token = stringClaim(bodyJson(answer), 'access_token');
  }
  if (token === undefined) {
    return { reachableStatus: ping.status, identity, granted: [], requests };
  }
  const subject = stringClaim(jwtClaims(token), 'sub');
  return { reachableStatus: ping.status, identity: { ...identity, ...optional('subject', subject) }, granted: accessClaim(token), requests };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
