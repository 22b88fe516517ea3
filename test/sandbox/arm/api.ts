/**
 * The sandbox's Azure Resource Manager: GET /tenants, /subscriptions, /subscriptions/{id},
 * the registries of a subscription (paged by an absolute `nextLink` with `$skiptoken`) and one
 * registry. Bearer tokens are the tenants' tokens; errors use ARM's `{"error":{"code","message"}}`.
 */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type ArmLayout, type ArmSubscription, type ArmTenant } from './layout';
import { registryJson, subscriptionJson, tenantJson } from './resources';

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * api-versions accepted per resource provider: every version Microsoft's REST API specs publish
 * (azure-rest-api-specs: Microsoft.Resources subscriptions, and Microsoft.ContainerRegistry `Registry/readme.md`
 * tags plus the 2025 versions), so az and older SDKs are answered; the SDKs here send 2022-12-01 and 2025-11-01.
 */
export const API_VERSIONS = {
  resources: ['2014-04-01-preview', '2015-01-01', '2015-11-01', '2016-01-01', '2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-12-01'],
  containerRegistry: [
    '2017-03-01', '2017-10-01', '2019-05-01', '2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview',
    '2021-08-01-preview', '2021-09-01', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01', '2023-01-01-preview',
    '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview',
    '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01',
  ],
} as const;

export interface ArmRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Host header as sent (next links use it). */
  host: string;
  /** Decoded path without the query. */
  path: string;
  query: URLSearchParams;
}

const REGISTRIES = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.containerregistry\/registries\/?$/i;
const GROUP_REGISTRIES = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerregistry\/registries\/?$/i;
const REGISTRY = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerregistry\/registries\/([^/]+)\/?$/i;
const SUBSCRIPTION = /^\/subscriptions\/([^/]+)\/?$/i;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Expires: '-1',
    'x-ms-request-id': randomUUID(),
    'x-ms-correlation-request-id': randomUUID(),
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function challenge(description: string): Record<string, string> {
  return { 'WWW-Authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="${description}"` };
}

function tenantOf(layout: ArmLayout, authorization: string | undefined): ArmTenant {
  if (!authorization) {
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", challenge("The authentication failed because of missing 'Authorization' header."));
  }
  const match = /^Bearer (\S+)$/i.exec(authorization);
  if (!match) {
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is not a bearer token.", challenge('The authentication scheme is not supported.'));
  }
  const tenant = layout.tenants.find((t) => t.token === match[1]);
  if (!tenant) {
    throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', challenge('The access token is invalid.'));
  }
  return tenant;
}

function requireApiVersion(query: URLSearchParams, supported: readonly string[]): string {
  const version = query.get('api-version');
  if (!version) {
    throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  if (!supported.includes(version)) {
    throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`);
  }
  return version;
}

/** The subscription, visible to the caller's tenant. */
function subscriptionFor(layout: ArmLayout, tenant: ArmTenant, id: string): ArmSubscription {
  const subscription = layout.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());
  if (!subscription) {
    throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
  }
  if (subscription.tenantId !== tenant.tenantId) {
    throw new ArmError(
      401,
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer 'https://sts.windows.net/${tenant.tenantId}/'. It must match the tenant 'https://sts.windows.net/${subscription.tenantId}/' associated with this subscription.`,
    );
  }
  return subscription;
}

function requireReadable(subscription: ArmSubscription, scope: string): void {
  if (!subscription.readable) {
    throw new ArmError(
      403,
      'AuthorizationFailed',
      `The client 'sandbox-user@contoso.onmicrosoft.com' with object id '00000000-0000-0000-0000-00000000beef' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/read' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
}

function skipOffset(query: URLSearchParams, total: number): number {
  const token = query.get('$skiptoken');
  if (token === null) {
    return 0;
  }
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 1 || offset >= total) {
    throw new ArmError(400, 'InvalidSkipToken', 'The provided $skiptoken is invalid.');
  }
  return offset;
}

/** One page of the subscription's registries, or of one resource group's (`group`, matched case-insensitively). */
function listRegistries(layout: ArmLayout, request: ArmRequest, subscription: ArmSubscription, version: string, group?: string): void {
  const base = `/subscriptions/${subscription.subscriptionId}${group === undefined ? '' : `/resourceGroups/${group}`}`;
  requireReadable(subscription, base);
  const all = group === undefined ? subscription.registries : subscription.registries.filter((r) => r.resourceGroup.toLowerCase() === group.toLowerCase());
  if (group !== undefined && all.length === 0) {
    // The sandbox's resource groups are those its registries are in.
    throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${group}' could not be found.`);
  }
  const offset = skipOffset(request.query, all.length);
  const page = all.slice(offset, offset + layout.pageSize);
  const body: Record<string, unknown> = { value: page.map((r) => registryJson(subscription.subscriptionId, r)) };
  // 'repeatedNextLink': every page links to the second one, forever.
  const next = layout.hostile === 'repeatedNextLink' ? Math.min(layout.pageSize, all.length - 1) : offset + layout.pageSize;
  if (next > 0 && next < all.length) {
    const token = Buffer.from(String(next)).toString('base64url');
    const origin = layout.hostile === 'otherOriginNextLink' ? 'https://arm-elsewhere.invalid' : `https://${request.host}`;
    body.nextLink = `${origin}${base}/providers/Microsoft.ContainerRegistry/registries?api-version=${version}&%24skiptoken=${token}`;
  }
  if (layout.hostile === 'malformedList') {
    body.value = { registries: body.value };
  }
  send(request.res, 200, body, { 'x-ms-ratelimit-remaining-subscription-reads': '11999' });
}

function route(layout: ArmLayout, request: ArmRequest): void {
  const tenant = tenantOf(layout, request.req.headers.authorization);
  if (request.method !== 'GET') {
    throw new ArmError(405, 'MethodNotAllowed', `The sandbox's Resource Manager answers only GET, not ${request.method}.`);
  }
  const { path, query } = request;
  if (/^\/tenants\/?$/i.test(path)) {
    requireApiVersion(query, API_VERSIONS.resources);
    send(request.res, 200, { value: layout.tenants.map(tenantJson) }, { 'x-ms-ratelimit-remaining-tenant-reads': '11999' });
    return;
  }
  if (/^\/subscriptions\/?$/i.test(path)) {
    requireApiVersion(query, API_VERSIONS.resources);
    const own = layout.subscriptions.filter((s) => s.tenantId === tenant.tenantId);
    send(request.res, 200, { value: own.map(subscriptionJson), count: { type: 'Total', value: own.length } }, { 'x-ms-ratelimit-remaining-tenant-reads': '11999' });
    return;
  }
  const one = SUBSCRIPTION.exec(path);
  if (one?.[1]) {
    requireApiVersion(query, API_VERSIONS.resources);
    send(request.res, 200, subscriptionJson(subscriptionFor(layout, tenant, one[1])));
    return;
  }
  const list = REGISTRIES.exec(path);
  if (list?.[1]) {
    const subscription = subscriptionFor(layout, tenant, list[1]);
    listRegistries(layout, request, subscription, requireApiVersion(query, API_VERSIONS.containerRegistry));
    return;
  }
  const inGroup = GROUP_REGISTRIES.exec(path);
  if (inGroup?.[1] && inGroup[2]) {
    const subscription = subscriptionFor(layout, tenant, inGroup[1]);
    listRegistries(layout, request, subscription, requireApiVersion(query, API_VERSIONS.containerRegistry), inGroup[2]);
    return;
  }
  const single = REGISTRY.exec(path);
  if (single?.[1] && single[2] && single[3]) {
    const subscription = subscriptionFor(layout, tenant, single[1]);
    requireApiVersion(query, API_VERSIONS.containerRegistry);
    const [, , group, name] = single;
    requireReadable(subscription, `/subscriptions/${subscription.subscriptionId}/resourceGroups/${group}/providers/Microsoft.ContainerRegistry/registries/${name}`);
    const registry = subscription.registries.find((r) => r.name === name.toLowerCase() && r.resourceGroup.toLowerCase() === group.toLowerCase());
    if (!registry) {
      throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.ContainerRegistry/registries/${name}' under resource group '${group}' was not found.`);
    }
    send(request.res, 200, registryJson(subscription.subscriptionId, registry), { 'x-ms-ratelimit-remaining-subscription-reads': '11999' });
    return;
  }
  throw new ArmError(404, 'NotFound', `The sandbox's Resource Manager does not serve '${path}'.`);
}

/** Answers one ARM request; every failure is an ARM error envelope. */
export function handleArm(layout: ArmLayout, request: ArmRequest): void {
  try {
    route(layout, request);
  } catch (error) {
    if (error instanceof ArmError) {
      send(request.res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
      return;
    }
    throw error;
  }
}
