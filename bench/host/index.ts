// The in-host half of `npm run bench -- --host` (bench/hostBench.ts starts code-server with this
// module as its extensionTestsPath): the extension's own Lock All Tags… on 1,000 tags, in the real
// extension host with VS Code's default settings, against the benchmark's sandbox (20 ms latency).
// Prints progress, writes the figures to the results file, and ends like the host suite does.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDefaultHttpClient } from '@azure/core-rest-pipeline';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type RegistryNode, type RepositoryNode } from '../../src/tree/nodes';
import { HOST_SUITE_PREFIX, HOST_SUITE_START } from '../../test/runner/results';
import { type FaultSettings } from '../../test/sandbox/index';
import { RecordingUi } from '../../test/suite/lockSupport';
import { measureEditor } from './editor';
import { type ControlRequest, type ControlStats, HOST_BENCH_ENV, HOST_REPOSITORY, HOST_TAGS, type HostBenchConfig, type WireRecord } from '../hostBench';

const EXTENSION_ID = 'acr-image-locks.acr-image-locks';
const SKU_IDENTITY_WRITES = { premium: 2000, standard: 1000 } as const;

function log(message: string): void {
  console.log(`[bench:host] ${message}`);
}

function config(): HostBenchConfig {
  const raw = process.env[HOST_BENCH_ENV];
  if (!raw) {
    throw new Error(`${HOST_BENCH_ENV} is not set: run this through npm run bench -- --host`);
  }
  return JSON.parse(raw) as HostBenchConfig;
}

async function control<T>(cfg: HostBenchConfig, body: ControlRequest): Promise<T> {
  const response = await fetch(cfg.control, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  if (!response.ok) {
    throw new Error(`sandbox control ${body.op} failed: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

interface RunFigures {
  readonly seconds: number;
  readonly cpuMs: number;
  readonly records: readonly WireRecord[];
  readonly connections: number;
  readonly failed: number;
  /** performance.now() (ms) at the run's start, to place its records (Date.now()) on one timeline. */
  readonly startedAt: number;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** One Lock All Tags… of the 1,000 tags, all unlocked before it; the registry's log of it. */
async function lockAll(cfg: HostBenchConfig, node: RepositoryNode, ui: RecordingUi): Promise<RunFigures> {
  await control(cfg, { op: 'reset' });
  ui.reset();
  const startedAt = Date.now();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await vscode.commands.executeCommand('acrLocks.lockAllTags', node);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const stats = await control<ControlStats>(cfg, { op: 'stats' });
  const { locked } = await control<{ locked: number }>(cfg, { op: 'locked' });
  if (ui.errors.length > 0) {
    log(`errors shown: ${ui.errors.map((e) => e.message).join(' | ')}`);
  }
  return { seconds, cpuMs: (used.user + used.system) / 1000, records: stats.records, connections: stats.connections, failed: HOST_TAGS - locked, startedAt };
}

function describe(name: string, run: RunFigures): void {
  const throttled = run.records.filter((r) => r.status === 429).length;
  log(`${name}: ${run.seconds.toFixed(1)} s, ${run.records.length} requests (${throttled} × 429) over ${run.connections} TLS connections, ${run.failed} not locked, ${(run.cpuMs / Math.max(1, run.records.length)).toFixed(2)} ms CPU/request`);
}

/** Repeats the lock run at a sku's limit (after its burst is spent) until `minutes` of measured time. */
async function throttled(cfg: HostBenchConfig, node: RepositoryNode, ui: RecordingUi, sku: keyof typeof SKU_IDENTITY_WRITES): Promise<{ fraction: number; failed: number; afterFirstMinute: { requests: number; throttled: number } }> {
  const faults: Partial<FaultSettings> = { sku };
  await control(cfg, { op: 'setFaults', faults });
  const { sent } = await control<{ sent: number }>(cfg, { op: 'drain' });
  log(`${sku}: spent the identity's write allowance (${sent} no-op PATCHes until the first 429)`);
  const runs: RunFigures[] = [];
  let measured = 0;
  while (measured < cfg.throttledMinutes * 60) {
    const run = await lockAll(cfg, node, ui);
    describe(`${sku} run ${runs.length + 1}`, run);
    runs.push(run);
    measured += run.seconds;
  }
  const first = runs[0]?.startedAt ?? 0;
  const records = runs.flatMap((r) => r.records);
  const later = records.filter((r) => r.time >= first + 60_000);
  const accepted = records.filter((r) => r.method === 'PATCH' && r.status === 200).length;
  return {
    fraction: accepted / (measured / 60) / SKU_IDENTITY_WRITES[sku],
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    afterFirstMinute: { requests: later.length, throttled: later.filter((r) => r.status === 429).length },
  };
}

async function measure(cfg: HostBenchConfig): Promise<Record<string, number | string | null>> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not loaded`);
  }
  const api = await ext.activate();
  const http = vscode.workspace.getConfiguration('http');
  const stock = ['systemCertificates', 'proxy', 'proxySupport', 'fetchAdditionalSupport'].every((key) => http.inspect(key)?.globalValue === undefined);
  const ui = new RecordingUi();
  api.setUi(ui);

  const direct: RegistryNode = { kind: 'registry', config: { loginServer: new URL(cfg.endpoint).host, auth: 'password', username: cfg.admin.username } };
  await api.passwords.store(direct.config.loginServer, cfg.admin.username, cfg.admin.password);
  const node: RepositoryNode = { kind: 'repository', registry: direct, name: HOST_REPOSITORY };

  await control(cfg, { op: 'setFaults', faults: { sku: 'none' } });
  log('editor: hover cold and warm, lenses of a 1,000-line manifest');
  const editor = await measureEditor(api, direct, HOST_REPOSITORY, log);
  if (cfg.editorOnly === true) {
    return editor;
  }
  // Not measured: the first run also pays for loading the SDK, compiling the code paths and the tree's first listing.
  log('warm-up run (not measured)');
  describe('warm-up', await lockAll(cfg, node, ui));
  log('unlimited, through the extension (VS Code global fetch)');
  api.connections.clear();
  const viaFetch = await lockAll(cfg, node, ui);
  describe('fetch', viaFetch);

  log('unlimited, through Node https (the SDK default client, as before)');
  const fetchClient = api.setHttpClient(createDefaultHttpClient());
  const viaHttps = await lockAll(cfg, node, ui);
  describe('https', viaHttps);
  api.setHttpClient(fetchClient);
  api.connections.clear();

  const premium = await throttled(cfg, node, ui, 'premium');
  api.connections.clear();
  const standard = await throttled(cfg, node, ui, 'standard');
  await control(cfg, { op: 'setFaults', faults: { sku: 'none' } });

  log(`unlimited, ${cfg.registry.loginServer} through http.proxy = the sandbox's CONNECT proxy`);
  const proxied: RegistryNode = { kind: 'registry', config: { loginServer: cfg.registry.loginServer, auth: 'password', username: cfg.admin.username } };
  await api.passwords.store(cfg.registry.loginServer, cfg.admin.username, cfg.admin.password);
  await http.update('proxy', cfg.proxy, vscode.ConfigurationTarget.Global);
  let viaProxy: RunFigures;
  try {
    api.connections.clear();
    viaProxy = await lockAll(cfg, { kind: 'repository', registry: proxied, name: HOST_REPOSITORY }, ui);
  } finally {
    await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
  }
  describe('proxy', viaProxy);
  const proxiedRequests = viaProxy.records.filter((r) => r.host === cfg.registry.loginServer).length;

  const afterMinute = { requests: premium.afterFirstMinute.requests + standard.afterFirstMinute.requests, throttled: premium.afterFirstMinute.throttled + standard.afterFirstMinute.throttled };
  return {
    ...editor,
    hostStockHttpSettings: stock ? 'yes' : 'no',
    hostItems: HOST_TAGS,
    hostBulkSeconds: round(viaFetch.seconds, 2),
    hostRequests: viaFetch.records.length,
    hostRequestsPerSecond: round(viaFetch.records.length / viaFetch.seconds, 1),
    hostCpuMsPerRequest: round(viaFetch.cpuMs / viaFetch.records.length, 2),
    hostTlsConnections: viaFetch.connections,
    hostTokenRequests: viaFetch.records.filter((r) => r.oauth).length,
    hostBulkSecondsNodeHttps: round(viaHttps.seconds, 2),
    hostRequestsPerSecondNodeHttps: round(viaHttps.records.length / viaHttps.seconds, 1),
    hostCpuMsPerRequestNodeHttps: round(viaHttps.cpuMs / viaHttps.records.length, 2),
    hostTlsConnectionsNodeHttps: viaHttps.connections,
    hostSpeedupVsNodeHttps: round(viaHttps.seconds / viaFetch.seconds, 1),
    hostPremiumFractionOfLimit: round(premium.fraction, 3),
    hostStandardFractionOfLimit: round(standard.fraction, 3),
    hostThrottledMinutesPerSku: cfg.throttledMinutes,
    hostFailedItems: viaFetch.failed + viaHttps.failed + premium.failed + standard.failed + viaProxy.failed,
    hostThrottledFraction: afterMinute.requests > 0 ? round(afterMinute.throttled / afterMinute.requests, 4) : null,
    hostThrottledRequestsAfterFirstMinute: afterMinute.requests,
    hostViaProxySeconds: round(viaProxy.seconds, 2),
    hostViaProxyRequestsSeen: proxiedRequests,
    hostViaProxyRatio: round(viaProxy.seconds / viaFetch.seconds, 2),
  };
}

export async function run(): Promise<void> {
  console.log(HOST_SUITE_START);
  const cfg = config();
  try {
    const figures = await measure(cfg);
    writeFileSync(cfg.resultsFile, JSON.stringify(figures, null, 2));
    log(JSON.stringify(figures));
    console.log(`${HOST_SUITE_PREFIX}${JSON.stringify({ passed: 1, failed: 0, pending: 0 })}`);
  } catch (error: unknown) {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log(`${HOST_SUITE_PREFIX}${JSON.stringify({ passed: 0, failed: 1, pending: 0 })}`);
    throw error;
  }
}
