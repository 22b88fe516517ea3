/** Request context and response helpers shared by the API handlers. */
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type RegistryRecord } from './model';
import { RegistryError } from './errors';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  registry: RegistryRecord;
  /** Host header as sent (challenge `service` and realm use it). */
  host: string;
  /** Raw (still percent-encoded) path without the query. */
  rawPath: string;
  /** Decoded path. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
}

/**
 * What real ACR answers allow per second in this request's category; recorded answers carry it on
 * `/oauth2/*` and DELETE (acr-api.md §0). With no sandbox limit it is Premium's 20,000 per minute.
 */
export const UNLIMITED_CALLS_PER_SECOND = (20_000 / 60).toFixed(6);

/**
 * Headers ACR puts on its responses, as recorded (acr-api.md §0, SDK recordings): every answer
 * carries these, except that `/oauth2/*` answers have no `Docker-Distribution-Api-Version`;
 * DELETE and `/v2` answers add `X-Ms-Request-Id`; `/oauth2/*` and DELETE answers add
 * `X-Ms-Ratelimit-Remaining-Calls-Per-Second`.
 */
export function commonHeaders(res: ServerResponse, method: string, path: string, remainingCallsPerSecond = UNLIMITED_CALLS_PER_SECOND): void {
  const oauth = path.startsWith('/oauth2/');
  const isDelete = method === 'DELETE';
  if (!oauth) {
    res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0');
  }
  res.setHeader('Access-Control-Expose-Headers', 'Docker-Content-Digest, WWW-Authenticate, Link, X-Ms-Correlation-Request-Id');
  res.setHeader('X-Ms-Correlation-Request-Id', randomUUID());
  if (isDelete || path === '/v2' || path.startsWith('/v2/')) {
    res.setHeader('X-Ms-Request-Id', randomUUID());
  }
  if (oauth || isDelete) {
    res.setHeader('X-Ms-Ratelimit-Remaining-Calls-Per-Second', remainingCallsPerSecond);
  }
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  res.setHeader('Server', 'openresty');
}

/** JSON with a trailing newline, as ACR sends it. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
}

export function sendError(res: ServerResponse, error: RegistryError): void {
  sendJson(res, error.status, error.body(), error.headers);
}

export function methodNotAllowed(): RegistryError {
  return new RegistryError(405, 'UNSUPPORTED', 'The operation is unsupported.');
}

export function notFound(): RegistryError {
  return new RegistryError(404, 'NOT_FOUND', 'the requested resource was not found');
}

/** Parses a JSON object body (PATCH); invalid → 400. */
export function jsonBody(ctx: RequestContext): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(ctx.body.toString('utf8') || '{}');
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // fall through
  }
  throw new RegistryError(400, 'INVALID_REQUEST', 'the request body is not a JSON object');
}

/** Form body parameters merged over query parameters (oauth endpoints accept both). */
export function formParams(ctx: RequestContext): URLSearchParams {
  const params = new URLSearchParams(ctx.query);
  if (ctx.body.length > 0) {
    for (const [key, value] of new URLSearchParams(ctx.body.toString('utf8'))) {
      params.append(key, value);
    }
  }
  return params;
}
