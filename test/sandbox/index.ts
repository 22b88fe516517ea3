/** In-process entry point: `start(options)` → a running sandbox registry (see README.md). */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, createServerCertificate, keyPairs, loadOrCreateCertificateAuthority } from './certs';
import { Store } from './store';
import { applySeed, parseSeed } from './seed';
import { TokenIssuer } from './tokens';
import { createUsers } from './users';
import { FaultInjector, type FaultSettings, validateFaults } from './faults';
import { type Sku } from './limits';
import { StatsRecorder, type RequestStats } from './stats';
import { createRequestHandler } from './server';
import { type ProxyStats, startProxy } from './proxy';
import { closeServer, guardSockets, watchServer } from './socketErrors';
import { createControl, type SandboxControl } from './control';
import { readState, restoreRegistry, writeState } from './persistence';
import { HostileSwitch } from './hostile';
import { SandboxClock } from './clock';
import { RequestHolds } from './holds';
import { type EvilOrigin, startEvilOrigin } from './hostileOrigin';
import { ARM_HOST, DEMO_REGISTRIES, createArm, type ArmInfo, type ArmLayoutSpec } from './arm';

export type { RequestStats, RequestRecord, StatsFilter } from './stats';
export type { SandboxControl } from './control';
export type { FaultSettings } from './faults';
export type { Sku, RateLimits, LimitCategory } from './limits';
export { SKU_LIMITS } from './limits';
export type { ChangeableAttributes } from './model';
export type { RepositoryView, TagView, ManifestView } from './views';
export type { HostileMode } from './hostile';
export type { EvilOrigin, EvilRequest } from './hostileOrigin';
export type { ArmInfo, ArmLayoutSpec } from './arm';
export type { ProxyStats } from './proxy';

export interface SandboxOptions {
  /** 'demo' (default) | 'empty' | 'large:N'. Ignored for registries restored from `stateDir`. */
  seed?: string;
  /** HTTPS port on 127.0.0.1 (and ::1 when available); 0 = random (default). */
  port?: number;
  /** CONNECT proxy port on 127.0.0.1; 0 = random (default). */
  proxyPort?: number;
  latencyMs?: number;
  /** ACR's rate limits of that tier (per registry and per identity; limits.ts). Default: none. */
  sku?: Sku;
  /**
   * Per-minute limits per registry: reads (GET/HEAD/OPTIONS), writes (PUT/PATCH/POST), deletes,
   * sign-in (`/oauth2/*`); and per identity. 0 / absent = the sku's figure (unlimited without one).
   */
  writeLimitPerMin?: number;
  readLimitPerMin?: number;
  deleteLimitPerMin?: number;
  signInLimitPerMin?: number;
  identityReadLimitPerMin?: number;
  identityWriteLimitPerMin?: number;
  identityDeleteLimitPerMin?: number;
  /** Capacity of the rate-limit buckets; 0 (default) = one minute's allowance. */
  limitBurst?: number;
  /** 0..1, injected 5xx + connection resets. */
  faultRate?: number;
  /** Seed of the fault RNG (default 1), so fault patterns are reproducible. */
  faultSeed?: number;
  /** Access- and refresh-token lifetime; default 4500 s access / 10800 s refresh (ACR's 75 min / 3 h). */
  tokenLifetimeSec?: number;
  /** Persist state (state.json) and the CA here; reload on start. */
  stateDir?: string;
  /** Reuse (or create) `ca.pem` / `ca-key.pem` in this directory, e.g. to set NODE_EXTRA_CA_CERTS before start. */
  caDir?: string;
  /** Registry names, default the demo ARM layout's (`sandbox`, `contosoprod`, `contosoarchive`, `fabrikamdev`); the first one is served on localhost. */
  registries?: string[];
  /** What the sandbox's Resource Manager serves; default: the demo layout over `registries` (arm/layout.ts). */
  arm?: ArmLayoutSpec;
  /** Registries per ARM list page, overriding the layout's (default 1000: one page, as Azure answers a small subscription); 2 exercises paging. */
  armPageSize?: number;
  anonymousPull?: boolean;
  /** Diagnostics (internal errors); default: stderr. */
  log?: (message: string) => void;
  /**
   * A listener failed or closed while running (not on stop()): `part` is 'sandbox' (HTTPS registry + Resource Manager)
   * or 'proxy'. Default: a line through `log`. npm start's supervisor stops everything on it.
   */
  onFailure?: (part: 'sandbox' | 'proxy', error: Error) => void;
}

export interface SandboxInfo {
  endpoint: string;
  registries: { name: string; loginServer: string }[];
  caFile: string;
  proxy: string;
  users: { username: string; password: string; actions: string[] }[];
  aadToken: string;
  /** Resource Manager: tenants (with their bearer tokens), subscriptions and the login servers each lists. */
  arm: ArmInfo;
}

export interface Sandbox extends SandboxInfo {
  stop(): Promise<void>;
  stats: RequestStats;
  control: SandboxControl;
  /** A second HTTPS origin (same CA) that records every request it gets; the target of the hostile modes. */
  evil: EvilOrigin;
  /** The CONNECT proxy's open sockets and counts (live; `openSockets` is 0 after `stop()`). */
  proxyStats: ProxyStats;
}

const REGISTRY_NAME = /^[a-z0-9]{1,50}$/;

function validatePort(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be an integer between 0 and 65535`);
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}


export async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const names = options.registries ?? [...DEMO_REGISTRIES];
  if (names.length === 0 || names.some((n) => !REGISTRY_NAME.test(n)) || new Set(names).size !== names.length) {
    throw new Error(`registries must be distinct lowercase alphanumeric names (1-50 characters), got ${JSON.stringify(names)}`);
  }
  const seed = parseSeed(options.seed ?? 'demo');
  const faultSettings: FaultSettings = {
    latencyMs: options.latencyMs ?? 0,
    faultRate: options.faultRate ?? 0,
    faultStatus: 0,
    sku: options.sku ?? 'none',
    readLimitPerMin: options.readLimitPerMin ?? 0,
    writeLimitPerMin: options.writeLimitPerMin ?? 0,
    deleteLimitPerMin: options.deleteLimitPerMin ?? 0,
    signInLimitPerMin: options.signInLimitPerMin ?? 0,
    identityReadLimitPerMin: options.identityReadLimitPerMin ?? 0,
    identityWriteLimitPerMin: options.identityWriteLimitPerMin ?? 0,
    identityDeleteLimitPerMin: options.identityDeleteLimitPerMin ?? 0,
    limitBurst: options.limitBurst ?? 0,
  };
  validateFaults(faultSettings);
  validatePort(options.port ?? 0, 'port');
  validatePort(options.proxyPort ?? 0, 'proxyPort');
  const lifetime = options.tokenLifetimeSec;
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1)) {
    throw new Error('tokenLifetimeSec must be an integer >= 1');
  }
  const log = options.log ?? ((message: string) => process.stderr.write(message + '\n'));

  const stateDir = options.stateDir;
  if (stateDir) {
    mkdirSync(stateDir, { recursive: true });
  }
  const tempDir = stateDir || options.caDir ? undefined : mkdtempSync(join(tmpdir(), 'acr-sandbox-'));
  const [caKeys, serverKeys] = await keyPairs();
  if (!caKeys || !serverKeys) {
    throw new Error('key generation failed');
  }
  let caFile: string;
  let ca;
  const caDir = options.caDir ?? stateDir;
  if (caDir) {
    mkdirSync(caDir, { recursive: true });
    ca = loadOrCreateCertificateAuthority(caDir, caKeys);
    caFile = join(caDir, 'ca.pem');
  } else {
    ca = createCertificateAuthority(caKeys);
    caFile = join(tempDir ?? tmpdir(), 'ca.pem');
    writeFileSync(caFile, ca.certPem);
  }
  const serverCert = createServerCertificate(ca, serverKeys, ['localhost', ...names.map((n) => `${n}.azurecr.io`), ARM_HOST], ['127.0.0.1', '::1']);

  const state = stateDir ? readState(stateDir) : undefined;
  const secret = state ? Buffer.from(state.secret, 'base64') : randomBytes(32);
  const users = createUsers(names, state?.users ?? []);
  const store = new Store(names);
  for (const registry of store.registries) {
    const saved = state?.registries.find((r) => r.name === registry.name);
    if (saved) {
      restoreRegistry(registry, saved);
    } else {
      applySeed(registry, seed);
    }
  }
  const clock = new SandboxClock();
  const issuer = new TokenIssuer(secret, { access: lifetime ?? 4500, refresh: lifetime ?? 10800 }, () => clock.now());
  const faults = new FaultInjector(faultSettings, options.faultSeed ?? 1, () => clock.now());
  const stats = new StatsRecorder();
  // Before anything listens: an invalid ARM layout throws here.
  const aadToken = `sandbox-aad-token.${randomBytes(12).toString('base64url')}`;
  const arm = createArm({ served: names, layout: options.arm, pageSize: options.armPageSize, aadToken, anonymousPull: options.anonymousPull ?? false });
  const evilCert = createServerCertificate(ca, serverKeys, ['localhost'], ['127.0.0.1']);
  const evil = await startEvilOrigin({ key: evilCert.keyPem, cert: evilCert.certPem });
  const hostile = new HostileSwitch(evil.origin);
  const holds = new RequestHolds();
  const handler = createRequestHandler({ store, auth: { issuer, users, anonymousPull: options.anonymousPull ?? false }, faults, stats, log, hostile, arm, holds });

  const tls = { key: serverCert.keyPem, cert: serverCert.certPem };
  const httpsServer = (): Server => guardSockets(createServer(tls, handler).on('secureConnection', () => stats.addConnection()));
  const servers: Server[] = [httpsServer()];
  const firstServer = servers[0];
  if (!firstServer) {
    throw new Error('unreachable');
  }
  const port = await listen(firstServer, options.port ?? 0, '127.0.0.1');
  const v6 = httpsServer();
  try {
    await listen(v6, port, '::1');
    servers.push(v6);
  } catch {
    // No IPv6 loopback here: 127.0.0.1 only.
  }
  const onFailure = options.onFailure ?? ((part: string, error: Error) => log(`sandbox: the ${part} failed: ${error.message}`));
  for (const server of servers) {
    watchServer(server, (error) => onFailure('sandbox', error));
  }
  const proxy = await startProxy({ registries: names, hosts: [ARM_HOST], sandboxPort: port, port: options.proxyPort ?? 0, onFailure: (error) => onFailure('proxy', error) });

  const save = (): void => {
    if (stateDir) {
      writeState(stateDir, secret, users, store.registries);
    }
  };
  let stopped = false;
  const endpoint = `https://localhost:${port}`;
  return {
    endpoint,
    registries: store.registries.map((r) => ({ name: r.name, loginServer: r.loginServer })),
    caFile,
    proxy: `http://127.0.0.1:${proxy.port}`,
    users: users.map((u) => ({ username: u.username, password: u.password, actions: [...u.actions] })),
    aadToken,
    arm: arm.info(endpoint),
    stats,
    control: createControl(store, faults, save, { hostile, clock, holds }),
    evil: { origin: evil.origin, requests: evil.requests },
    proxyStats: proxy.stats,
    async stop(): Promise<void> {
      if (stopped) {
        return;
      }
      stopped = true;
      await holds.releaseAll();
      await proxy.close();
      await Promise.all(servers.map(closeServer));
      await evil.close();
      save();
      if (tempDir) {
        rmSync(tempDir, { recursive: true, force: true });
      }
    },
  };
}
