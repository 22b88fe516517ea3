/**
 * Hostile registry behaviour for the hardening tests: a registry that redirects elsewhere, links
 * to another origin or to itself, asks for absurd waits, ignores PATCH, or sends answers that
 * cannot be read. One mode at a time, switched with `control.setHostile(mode)`; off by default.
 */
import { type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { sendJson } from './http';

export type HostileMode =
  | 'crossOriginRedirect'
  | 'absoluteNextLink'
  | 'nextLinkLoop'
  | 'hugeRetryAfter'
  | 'ignorePatch'
  | 'omitAttributes'
  | 'malformedJson';

export const HOSTILE_MODES: readonly HostileMode[] = [
  'crossOriginRedirect',
  'absoluteNextLink',
  'nextLinkLoop',
  'hugeRetryAfter',
  'ignorePatch',
  'omitAttributes',
  'malformedJson',
];

/** The `Retry-After` of `hugeRetryAfter`, in seconds (more than a day). */
export const HUGE_RETRY_AFTER_SEC = 100_000;

export class HostileSwitch {
  private current: HostileMode | undefined;

  constructor(readonly evilOrigin: string) {}

  get mode(): HostileMode | undefined {
    return this.current;
  }

  set(mode: HostileMode | undefined): void {
    if (mode !== undefined && !HOSTILE_MODES.includes(mode)) {
      throw new Error(`unknown hostile mode '${String(mode)}' (one of ${HOSTILE_MODES.join(', ')})`);
    }
    this.current = mode;
  }
}

export interface HostileRequest {
  readonly method: string;
  /** Decoded path. */
  readonly path: string;
  /** Raw path and query as sent (`/acr/v1/x/_tags?last=a&n=1`). */
  readonly target: string;
  readonly res: ServerResponse;
}

/** `answered`: the hostile layer sent the response. Otherwise route as usual with `body`. */
export type HostileOutcome = { readonly answered: true } | { readonly answered: false; readonly body: Buffer };

type BodyFilter = (status: number, headers: OutgoingHttpHeaders, body: Buffer) => Buffer;
type HeaderFilter = (status: number, headers: OutgoingHttpHeaders) => OutgoingHttpHeaders;

/** Rewrites what a handler sends through `res.writeHead(status, headers)` + `res.end(body)` (all sendJson/sendEmpty do). */
function filterResponse(res: ServerResponse, filterHeaders: HeaderFilter, filterBody: BodyFilter): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let pending: { status: number; headers: OutgoingHttpHeaders } | undefined;
  res.writeHead = ((status: number, headers?: OutgoingHttpHeaders) => {
    pending = { status, headers: { ...(headers ?? {}) } };
    return res;
  }) as ServerResponse['writeHead'];
  res.end = ((chunk?: unknown) => {
    if (!pending) {
      return typeof chunk === 'string' || Buffer.isBuffer(chunk) ? end(chunk) : end();
    }
    const { status } = pending;
    const text = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.alloc(0);
    const body = filterBody(status, pending.headers, text);
    const headers = { ...filterHeaders(status, pending.headers), 'Content-Length': body.length };
    pending = undefined;
    writeHead(status, headers);
    return end(body);
  }) as ServerResponse['end'];
}

function isJsonSuccess(status: number, headers: OutgoingHttpHeaders, body: Buffer): boolean {
  return status >= 200 && status < 300 && body.length > 0 && String(headers['Content-Type'] ?? '').startsWith('application/json');
}

const keepBody: BodyFilter = (_status, _headers, body) => body;
const keepHeaders: HeaderFilter = (_status, headers) => headers;

function withoutApiVersion(target: string): string {
  const url = new URL(target, 'https://sandbox.invalid');
  url.searchParams.delete('api-version');
  return url.pathname + url.search;
}

function rewriteLink(headers: OutgoingHttpHeaders, rewrite: (link: string) => string): OutgoingHttpHeaders {
  const link = headers.Link;
  if (typeof link !== 'string') {
    return headers;
  }
  return { ...headers, Link: link.replace(/<([^>]*)>/, (_match, url: string) => `<${rewrite(url)}>`) };
}

function stripAttributes(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(stripAttributes);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    delete record.changeableAttributes;
    for (const key of ['tag', 'manifest', 'tags', 'manifests']) {
      stripAttributes(record[key]);
    }
  }
}

const omitAttributes: BodyFilter = (status, headers, body) => {
  if (!isJsonSuccess(status, headers, body)) {
    return body;
  }
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  stripAttributes(parsed);
  return Buffer.from(JSON.stringify(parsed) + '\n', 'utf8');
};

/** The first half of the JSON text: an object that never closes. */
const truncateJson: BodyFilter = (status, headers, body) =>
  isJsonSuccess(status, headers, body) ? body.subarray(0, Math.max(1, Math.floor(body.length / 2))) : body;

/** Applies the active mode to one request before it is routed (OAuth requests are left alone). */
export function applyHostile(hostile: HostileSwitch, request: HostileRequest, body: Buffer): HostileOutcome {
  const mode = hostile.mode;
  const registryApi = request.path.startsWith('/acr/v1/') || request.path === '/v2' || request.path.startsWith('/v2/');
  if (mode === undefined || !registryApi) {
    return { answered: false, body };
  }
  const { res } = request;
  switch (mode) {
    case 'crossOriginRedirect':
      // 307 keeps the method and body, so every verb is redirected.
      res.writeHead(307, { Location: `${hostile.evilOrigin}${request.target}`, 'Content-Length': 0 });
      res.end();
      return { answered: true };
    case 'hugeRetryAfter':
      sendJson(res, 429, { errors: [{ code: 'TOOMANYREQUESTS', message: 'too many requests' }] }, { 'Retry-After': String(HUGE_RETRY_AFTER_SEC) });
      return { answered: true };
    case 'ignorePatch':
      // The handler sees an empty change, so it answers 200 with the unchanged entity.
      return { answered: false, body: request.method === 'PATCH' ? Buffer.from('{}', 'utf8') : body };
    case 'absoluteNextLink':
      filterResponse(res, (_status, headers) => rewriteLink(headers, (url) => `${hostile.evilOrigin}${url}`), keepBody);
      return { answered: false, body };
    case 'nextLinkLoop': {
      // The first page links to page two as usual; page two (and any later page) links to itself.
      const continuation = new URL(request.target, 'https://sandbox.invalid').searchParams.has('last');
      if (continuation) {
        const self = `<${withoutApiVersion(request.target)}>; rel="next"`;
        filterResponse(res, (status, headers) => (status === 200 ? { ...headers, Link: self } : headers), keepBody);
      }
      return { answered: false, body };
    }
    case 'omitAttributes':
      filterResponse(res, keepHeaders, omitAttributes);
      return { answered: false, body };
    case 'malformedJson':
      filterResponse(res, keepHeaders, truncateJson);
      return { answered: false, body };
  }
}
