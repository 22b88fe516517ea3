/** The HTTPS request pipeline: host → registry, stats, latency, faults, routing, error envelopes. */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type RegistryRecord } from './model';
import { type Store } from './store';
import { type FaultInjector } from './faults';
import { type StatsRecorder, type RequestRecord } from './stats';
import { type OAuthSettings, handleOAuth } from './oauth';
import { type RequestContext, commonHeaders, sendError, sendJson, notFound } from './http';
import { RegistryError } from './errors';
import { handleAcr } from './acrApi';
import { handleV2 } from './ociApi';
import { type HostileSwitch, applyHostile } from './hostile';
import { type ArmService } from './arm';
import { categoryOf, identityOf } from './limits';
import { type RequestHolds } from './holds';

/** Set by commonHeaders on the answers that carry it; while a limit applies its value comes from the buckets (README: unverified choice 11). */
const REMAINING_HEADER = 'X-Ms-Ratelimit-Remaining-Calls-Per-Second';

function remainingCalls(res: ServerResponse, perSecond: number): void {
  if (res.hasHeader(REMAINING_HEADER)) {
    res.setHeader(REMAINING_HEADER, perSecond.toFixed(6));
  }
}

export interface ServerDeps {
  store: Store;
  auth: OAuthSettings;
  faults: FaultInjector;
  stats: StatsRecorder;
  log: (message: string) => void;
  /** Hostile modes (hostile.ts); off unless a test switches one on. */
  hostile?: HostileSwitch;
  /** Resource Manager requests (Host management.azure.com, or /tenants and /subscriptions on loopback) go here. */
  arm?: ArmService;
  /** Requests a test holds before they are handled (control.hold). */
  holds?: RequestHolds;
}

/** `<name>.azurecr.io` selects that registry; localhost / 127.0.0.1 select the first one. */
export function registryForHost(store: Store, host: string): RegistryRecord | undefined {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]') {
    return store.registries[0];
  }
  const match = /^([a-z0-9-]+)\.azurecr\.io$/.exec(hostname);
  return match?.[1] ? store.registry(match[1]) : undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function route(ctx: RequestContext, deps: ServerDeps): void {
  if (ctx.path === '/oauth2/token' || ctx.path === '/oauth2/exchange') {
    handleOAuth(ctx, deps.auth);
  } else if (ctx.path.startsWith('/acr/v1/')) {
    handleAcr(ctx, deps.auth);
  } else if (ctx.path === '/v2' || ctx.path.startsWith('/v2/')) {
    handleV2(ctx.path === '/v2' ? { ...ctx, path: '/v2/' } : ctx, deps.auth);
  } else {
    throw notFound();
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, record: RequestRecord): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  record.path = path;
  record.query = url.search;
  const host = req.headers.host ?? '';
  record.host = host.toLowerCase();
  if (deps.arm?.accepts(host, path)) {
    // ARM has its own headers, errors and limits: latency applies, registry faults and throttling do not.
    await readBody(req);
    if (deps.faults.current.latencyMs > 0) {
      await sleep(deps.faults.current.latencyMs);
    }
    deps.arm.handle({ req, res, method: record.method, host, path, query: url.searchParams });
    return;
  }
  commonHeaders(res, record.method, path);
  const registry = registryForHost(deps.store, host);
  record.registry = registry?.name;
  let body = await readBody(req);
  const settings = deps.faults.current;
  if (settings.latencyMs > 0) {
    await sleep(settings.latencyMs);
  }
  const held = deps.holds?.arrive(record.method, path);
  if (held) {
    await held;
  }
  const category = categoryOf(record.method, path);
  record.identity = registry ? identityOf(req.headers.authorization, deps.auth, registry.name) : '';
  const decision = deps.faults.decide({ category, registry: registry?.name, identity: record.identity });
  if (decision.kind === 'reset') {
    record.fault = 'reset';
    record.status = 0;
    deps.stats.add(record);
    req.socket.destroy();
    return;
  }
  if (decision.kind === 'error') {
    record.fault = 'error';
    const code = decision.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
    sendJson(res, decision.status, { errors: [{ code, message: 'injected fault (sandbox faultRate)' }] });
    return;
  }
  if (decision.kind === 'throttle') {
    record.fault = 'throttle';
    record.throttledBy = decision.scope;
    remainingCalls(res, 0);
    sendJson(res, 429, { errors: [{ code: 'TOOMANYREQUESTS', message: 'too many requests' }] }, { 'Retry-After': String(decision.retryAfterSec) });
    return;
  }
  if (decision.remainingPerSecond !== undefined) {
    remainingCalls(res, decision.remainingPerSecond);
  }
  if (deps.hostile) {
    const outcome = applyHostile(deps.hostile, { method: record.method, path, target: url.pathname + url.search, res }, body);
    if (outcome.answered) {
      return;
    }
    body = outcome.body;
  }
  if (!registry) {
    throw new RegistryError(404, 'NAME_UNKNOWN', `no sandbox registry serves host '${host}'`);
  }
  route({ req, res, method: record.method, registry, host, rawPath: url.pathname, path, query: url.searchParams, body }, deps);
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const record: RequestRecord = { method: (req.method ?? 'GET').toUpperCase(), path: '', query: '', status: 0, registry: undefined, host: '', identity: '', time: Date.now() };
    res.on('finish', () => {
      record.status = res.statusCode;
      deps.stats.add(record);
    });
    handle(req, res, deps, record).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof RegistryError) {
        sendError(res, error);
      } else {
        deps.log(`sandbox: internal error on ${record.method} ${record.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        sendJson(res, 500, { errors: [{ code: 'INTERNAL_SERVER_ERROR', message: 'internal error' }] });
      }
    });
  };
}
