/**
 * `npm run bench -- --host`: the bulk lock of 1,000 tags run by the extension's own command
 * inside the real extension host (code-server, VS Code's default settings).
 *
 * The sandbox runs here, in the benchmark's process, not in the extension host, so the host's
 * CPU figure is the extension's (and VS Code's) alone. The in-host half (bench/host/index.ts)
 * drives the extension and reaches the sandbox's out-of-band control through a small JSON
 * endpoint on loopback (`control`: reset the tags, set limits, read the request log, spend the
 * burst allowance).
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Agent, request } from 'node:https';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageExtension } from './packageBench';
import { ensureCodeServer } from '../test/runner/codeServerInstall';
import { runInCodeServer } from '../test/runner/hostCodeServer';
import { type FaultSettings, type Sandbox, start } from '../test/sandbox/index';

export const HOST_BENCH_ENV = 'ACR_BENCH_HOST';
/** Where bench/host/activation.ts writes its sample. */
export const ACTIVATION_RESULTS_ENV = 'ACR_BENCH_ACTIVATION_RESULTS';
/** Fresh extension hosts started for the activation figure (the first one after the build is the cold start). */
export const ACTIVATION_SAMPLES = 6;
export const HOST_REPOSITORY = 'big';
export const HOST_TAGS = 1000;

/** What the in-host half gets (JSON in HOST_BENCH_ENV). */
export interface HostBenchConfig {
  readonly control: string;
  readonly endpoint: string;
  readonly registry: { readonly name: string; readonly loginServer: string };
  readonly admin: { readonly username: string; readonly password: string };
  readonly proxy: string;
  readonly resultsFile: string;
  /** Minutes of measured time per throttled setting (the runs repeat until it is reached). */
  readonly throttledMinutes: number;
  /** Only the editor features' figures (ACR_BENCH_HOST_EDITOR_ONLY=1), e.g. while working on them. */
  readonly editorOnly?: boolean;
}

/** One request as the sandbox saw it (what the in-host half needs of the log). */
export interface WireRecord {
  readonly time: number;
  readonly method: string;
  readonly status: number;
  readonly oauth: boolean;
  readonly host: string;
}

export interface ControlStats {
  readonly records: readonly WireRecord[];
  readonly connections: number;
}

export type ControlRequest =
  | { readonly op: 'reset' }
  | { readonly op: 'setFaults'; readonly faults: Partial<FaultSettings> }
  | { readonly op: 'stats' }
  | { readonly op: 'locked' }
  | { readonly op: 'drain' };

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch (error: unknown) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

/** No-op PATCHes (readEnabled stays true) as the admin user until the first 429: the identity's write allowance is spent. */
async function drain(sandbox: Sandbox, admin: { username: string; password: string }): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16, ca: readFileSync(sandbox.caFile) });
  const auth = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;
  let throttled = false;
  let sent = 0;
  const patch = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(
        `${sandbox.endpoint}/acr/v1/${HOST_REPOSITORY}/_tags/t00001`,
        { method: 'PATCH', agent, headers: { Authorization: auth, 'Content-Type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end('{"readEnabled":true}');
    });
  const worker = async (): Promise<void> => {
    // Bounded: a minute's allowance is at most a few thousand writes.
    while (!throttled && sent < 20_000) {
      sent++;
      if ((await patch()) === 429) {
        throttled = true;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: 16 }, worker));
  } finally {
    agent.destroy();
  }
  return sent;
}

function startControl(sandbox: Sandbox, admin: { username: string; password: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const registry = sandbox.registries[0]?.name ?? 'sandbox';
  const handle = async (body: ControlRequest): Promise<unknown> => {
    switch (body.op) {
      case 'reset':
        for (const tag of sandbox.control.listTags(registry, HOST_REPOSITORY)) {
          sandbox.control.setTagAttributes(registry, HOST_REPOSITORY, tag.name, { writeEnabled: true, deleteEnabled: true });
        }
        sandbox.stats.reset();
        return {};
      case 'setFaults':
        sandbox.control.setFaults(body.faults);
        return sandbox.control.getFaults();
      case 'stats': {
        const stats: ControlStats = {
          records: sandbox.stats.records.map((r) => ({ time: r.time, method: r.method, status: r.status, oauth: r.path.startsWith('/oauth2/'), host: r.host })),
          connections: sandbox.stats.connections,
        };
        return stats;
      }
      case 'locked':
        return {
          locked: sandbox.control.listTags(registry, HOST_REPOSITORY).filter((t) => !t.changeableAttributes.writeEnabled && !t.changeableAttributes.deleteEnabled).length,
        };
      case 'drain':
        return { sent: await drain(sandbox, admin) };
    }
  };
  const server: Server = createServer((req, res) => {
    readJson(req)
      .then((body) => handle(body as ControlRequest))
      .then((result) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(result));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(error instanceof Error ? error.message : String(error));
      });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Runs the in-host half and returns the figures it wrote. */
export async function runHostBench(options: { latencyMs: number; throttledMinutes: number; log: (message: string) => void }): Promise<Record<string, number | string | null>> {
  await ensureCodeServer();
  const caDir = mkdtempSync(join(tmpdir(), 'acr-bench-host-ca-'));
  const work = mkdtempSync(join(tmpdir(), 'acr-bench-host-'));
  const sandbox = await start({ seed: `large:${HOST_TAGS}`, latencyMs: options.latencyMs, caDir, log: (m) => options.log(`sandbox: ${m}`) });
  const registry = sandbox.registries[0];
  const admin = sandbox.users.find((u) => u.username === registry?.name);
  if (!registry || !admin) {
    throw new Error('the sandbox has no registry or admin user');
  }
  const control = await startControl(sandbox, admin);
  try {
    const config: HostBenchConfig = {
      control: control.url,
      endpoint: sandbox.endpoint,
      registry,
      admin,
      proxy: sandbox.proxy,
      resultsFile: join(work, 'host-results.json'),
      throttledMinutes: options.throttledMinutes,
      editorOnly: process.env.ACR_BENCH_HOST_EDITOR_ONLY === '1',
    };
    const code = await runInCodeServer({
      extensionEnv: { [HOST_BENCH_ENV]: JSON.stringify(config) },
      serverEnv: {},
      caFile: sandbox.caFile,
      timeoutMs: 30 * 60_000,
      testsPath: 'out/bench/host/index',
    });
    if (code !== 0) {
      throw new Error(`the in-host benchmark failed (exit ${code})`);
    }
    return JSON.parse(readFileSync(config.resultsFile, 'utf8')) as Record<string, number | string | null>;
  } finally {
    await control.close();
    await sandbox.stop();
    rmSync(caDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

interface ActivationSample {
  readonly loadMs: number;
  readonly activateMs: number;
}

function isSample(value: unknown): value is ActivationSample {
  return typeof value === 'object' && value !== null && 'loadMs' in value && typeof value.loadMs === 'number'
    && 'activateMs' in value && typeof value.activateMs === 'number';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * The extension's own activation cost as users get it: the production build (a staging copy as
 * `npm run package` builds it) activated in `ACTIVATION_SAMPLES` fresh extension hosts, one after
 * the other; each reports what dist/extension.js measured (loading dist/main.js + activate()).
 * The first host after the build compiles main.js from scratch (cold); the others show a
 * restart's cost (warm: the median is the figure, the range is given).
 */
export async function measureOwnActivation(root: string, log: (message: string) => void): Promise<Record<string, number | null>> {
  await ensureCodeServer();
  const staged = await stageExtension(root);
  const work = mkdtempSync(join(tmpdir(), 'acr-bench-activation-'));
  const samples: ActivationSample[] = [];
  try {
    for (let i = 0; i < ACTIVATION_SAMPLES; i++) {
      const file = join(work, `sample-${i}.json`);
      const code = await runInCodeServer({
        extensionEnv: { [ACTIVATION_RESULTS_ENV]: file },
        serverEnv: {},
        timeoutMs: 120_000,
        testsPath: 'out/bench/host/activation',
        extensionPath: staged.dir,
      });
      const sample: unknown = code === 0 ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
      if (!isSample(sample)) {
        throw new Error(`activation sample ${i + 1} failed (exit ${code})`);
      }
      log(`activation ${i + 1}/${ACTIVATION_SAMPLES}: load ${round1(sample.loadMs)} ms + activate() ${round1(sample.activateMs)} ms`);
      samples.push(sample);
    }
  } finally {
    rmSync(staged.dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  const [cold, ...warm] = samples;
  const totals = warm.map((s) => s.loadMs + s.activateMs);
  return {
    activationOwnMs: round1(median(totals)),
    activationLoadMs: round1(median(warm.map((s) => s.loadMs))),
    activationActivateMs: round1(median(warm.map((s) => s.activateMs))),
    activationOwnMinMs: round1(Math.min(...totals)),
    activationOwnMaxMs: round1(Math.max(...totals)),
    activationOwnColdMs: cold ? round1(cold.loadMs + cold.activateMs) : null,
  };
}
