/**
 * `npm run bench [-- --quick] [--host] [--latency-ms N] [--concurrency N] [--no-az] [--no-package]`
 *
 * Measures, in one run, against the sandbox registry with injected latency and through the code
 * the extension uses (src/registry): bulk lock vs an `az` loop, behaviour under a write limit and
 * under injected faults, listing of a 10,000-tag repository, activation cost and .vsix size.
 * `--host` adds the extension's own Lock All Tags… inside the real extension host (hostBench.ts).
 * Prints a Markdown table and writes bench/results/<timestamp>.json and latest.json.
 *
 * Node trusts the sandbox's CA only through NODE_EXTRA_CA_CERTS, read at process start, so the
 * parent creates the CA in a temporary directory and re-runs this file as a child with the
 * variable set (and --expose-gc for the heap figure); the child starts the sandbox on that CA.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, start } from '../test/sandbox/index';
import { type AzResult, azLoop, findAz } from './azLoop';
import { type ActivationResult, type HostActivation, type PackageResult, measureActivation, measureHostActivation, packageVsix } from './packageBench';
import {
  REPOSITORY,
  bulkLock,
  countLocked,
  createClient,
  firstPage,
  fullReport,
  listTags,
} from './registryBench';
import { globBench, globMarkdown } from './globBench';
import { policyBench, policyMarkdown } from './policyBench';
import { benchDeployExtraction } from './deployExtraction';
import { benchDeployResolve, deployResolveMarkdown } from './deployResolve';
import { benchNightlyPlan } from './nightlyPlan';
import { measureOwnActivation, runHostBench } from './hostBench';
import { type Results, markdownTable } from './report';

const CA_DIR_ENV = 'ACR_BENCH_CA_DIR';
const ROOT = join(__dirname, '..', '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');

interface Args {
  readonly quick: boolean;
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly az: boolean;
  readonly packageVsix: boolean;
  readonly host: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string, fallback: number): number => {
    const index = argv.indexOf(flag);
    const raw = index >= 0 ? argv[index + 1] : undefined;
    if (raw === undefined) {
      return fallback;
    }
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0) {
      throw new Error(`${flag} expects a non-negative number, got '${raw}'`);
    }
    return parsed;
  };
  return {
    quick: argv.includes('--quick'),
    latencyMs: value('--latency-ms', 20),
    concurrency: value('--concurrency', 8),
    az: !argv.includes('--no-az'),
    packageVsix: !argv.includes('--no-package'),
    host: argv.includes('--host'),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function tagName(i: number): string {
  return `t${String(i).padStart(5, '0')}`;
}

function range(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => tagName(from + i));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

async function measure(args: Args, sandbox: Sandbox): Promise<Results> {
  const phases: Record<string, number> = {};
  let phaseStarted = Date.now();
  const phaseDone = (name: string): void => {
    phases[`phase${name}Seconds`] = round((Date.now() - phaseStarted) / 1000, 1);
    phaseStarted = Date.now();
  };
  const registryName = sandbox.registries[0]?.name ?? 'sandbox';
  const TOTAL_TAGS = 10_000;
  const bulkItems = 1000;
  const writeLimitPerMin = 2000;
  const throttledItems = args.quick ? 300 : 1000;
  const faultItems = 1000;
  const azSamples = args.quick ? 5 : 30;
  const warmup = args.concurrency;

  // 1. Listing a 10,000-tag repository (cold client, as when the tree first expands it).
  log('listing: first page (n=100) and full lock report (n=1000) of 10,000 tags');
  const lister = createClient(sandbox, 'password');
  sandbox.stats.reset();
  const first = await firstPage(lister);
  const firstServer = sandbox.stats.count({ registry: registryName });
  const report = await fullReport(lister, 1000);
  const coldReporter = createClient(sandbox, 'password');
  const coldReport = await fullReport(coldReporter, 1000);

  phaseDone('Listing');

  // 2. Bulk lock of 1,000 tags (listing → effectiveChange → runBulk + updateTag), password auth.
  log(`bulk: lock ${bulkItems} tags, concurrency ${args.concurrency}, password auth`);
  const bulkClient = createClient(sandbox, 'password');
  const bulkTags = await listTags(bulkClient, bulkItems, 0);
  sandbox.stats.reset();
  const bulk = await bulkLock(bulkClient, bulkTags, args.concurrency, warmup);
  const bulkServerRequests = sandbox.stats.count({ registry: registryName });
  const bulkLocked = countLocked(sandbox, bulkTags.map((t) => t.name));

  phaseDone('Bulk');

  // 2b. The same with AAD token auth (the SDK's own challenge flow, one last token per client).
  log(`bulk: lock ${bulkItems} tags, AAD token auth`);
  const tokenClient = createClient(sandbox, 'token');
  const tokenTags = await listTags(tokenClient, bulkItems, 5);
  const tokenBulk = await bulkLock(tokenClient, tokenTags, args.concurrency, warmup);

  phaseDone('TokenBulk');

  // 3. az loop on a sample, same change, same registry.
  let az: AzResult | undefined;
  let azSkipped: string | undefined;
  const azPath = args.az ? findAz() : undefined;
  if (!args.az) {
    azSkipped = 'disabled (--no-az)';
  } else if (!azPath) {
    azSkipped = 'az not on PATH';
  } else {
    log(`az: ${azSamples} × az acr repository update (+1 warm-up)`);
    try {
      az = await azLoop(azPath, sandbox, tagName(9000), range(9001, azSamples));
    } catch (error: unknown) {
      azSkipped = `az failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      log(azSkipped);
    }
  }
  const azLocked = az ? countLocked(sandbox, range(9001, azSamples)) : 0;

  phaseDone('Az');

  // 4. Write limit. Setting it refills the bucket with one minute's allowance, so that allowance
  // is spent first (not measured), then `throttledItems` are locked at the sustained rate.
  log(`write limit ${writeLimitPerMin}/min: spend the burst allowance, then lock ${throttledItems} tags`);
  sandbox.control.setFaults({ writeLimitPerMin });
  const throttleClient = createClient(sandbox, 'password');
  // Spend the allowance: lock tags until the registry first answers 429, then stop (cancelled
  // items of this warm-up are expected and not counted).
  const drainTags = await listTags(throttleClient, 3000, 1);
  const drainStop = new AbortController();
  const throttledBefore = throttleClient.counter.snapshot().throttled;
  const watch = setInterval(() => {
    if (throttleClient.counter.snapshot().throttled > throttledBefore) {
      drainStop.abort();
    }
  }, 10);
  const drain = await bulkLock(throttleClient, drainTags, args.concurrency, warmup, drainStop.signal);
  clearInterval(watch);
  const throttledTags = await listTags(throttleClient, throttledItems, 4);
  sandbox.stats.reset();
  const throttled = await bulkLock(throttleClient, throttledTags, args.concurrency, 0);
  const acceptedWrites = sandbox.stats.count({ registry: registryName, method: 'PATCH', status: 200 });
  const rejectedWrites = sandbox.stats.count({ registry: registryName, method: 'PATCH', status: 429 });
  sandbox.control.setFaults({ writeLimitPerMin: 0 });
  const achievedWritesPerMin = acceptedWrites / (throttled.ms / 60_000);

  phaseDone('WriteLimit');

  // 5. 5 % injected faults (5xx and connection resets), listing included.
  log(`faults 5 %: list and lock ${faultItems} tags`);
  sandbox.control.setFaults({ faultRate: 0.05 });
  const faultClient = createClient(sandbox, 'password');
  sandbox.stats.reset();
  const faultTags = await listTags(faultClient, faultItems, 7);
  const faultRun = await bulkLock(faultClient, faultTags, args.concurrency, warmup);
  const injected = sandbox.stats.records.filter((r) => r.fault === 'error' || r.fault === 'reset').length;
  sandbox.control.setFaults({ faultRate: 0 });
  const faultCorrect = countLocked(sandbox, faultTags.map((t) => t.name));

  phaseDone('Faults');

  // 6. Package and activation.
  let pkg: PackageResult | undefined;
  let activation: ActivationResult | undefined;
  let packageSkipped: string | undefined;
  let hostActivation: HostActivation | undefined;
  if (args.packageVsix) {
    log('activation in the real extension host (code-server)');
    try {
      hostActivation = await measureHostActivation(ROOT);
    } catch (error: unknown) {
      log(`host activation not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    log('package: production bundle + vsce package (staging copy), activation probe');
    try {
      pkg = await packageVsix(ROOT, RESULTS_DIR);
      activation = await measureActivation(ROOT, pkg.stagingBundle, args.quick ? 3 : 7);
      pkg.cleanup();
    } catch (error: unknown) {
      packageSkipped = error instanceof Error ? error.message.split('\n')[0] : String(error);
      log(`package failed: ${packageSkipped}`);
    }
  } else {
    packageSkipped = 'disabled (--no-package)';
  }

  phaseDone('Package');
  const bulkSecondsPerItem = bulk.ms / 1000 / bulk.items;
  const requestsPerItem = bulk.warmRequests.total / bulk.warmItems;
  return {
    timestamp: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    latencyMs: args.latencyMs,
    concurrency: args.concurrency,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    runSeconds: 0,
    bulkItems: bulk.items,
    bulkSeconds: round(bulk.ms / 1000, 3),
    bulkSecondsPerItem: round(bulkSecondsPerItem, 5),
    bulkFailed: bulk.report.failed,
    bulkLocked,
    azSecondsPerItem: az ? round(az.secondsPerItem, 3) : null,
    azSamples: az ? az.samples : 0,
    azRequestsPerItem: az ? round(az.requestsPerItem, 2) : null,
    azLocked: az ? azLocked : null,
    azVersion: az ? az.version : null,
    azSkipped: azSkipped ?? null,
    azExtrapolatedSeconds: az ? round(az.secondsPerItem * bulk.items, 1) : null,
    speedupVsAz: az ? round(az.secondsPerItem / bulkSecondsPerItem, 1) : null,
    requestsPerItem: round(requestsPerItem, 4),
    requestsPerItemWithWarmup: round(bulk.requests.total / bulk.items, 4),
    bulkServerRequestsPerItem: round(bulkServerRequests / bulk.items, 4),
    bulkTokenRequests: bulk.requests.token,
    bulkUnauthorized: bulk.requests.unauthorized,
    tokenAuthRequestsPerItem: round(tokenBulk.warmRequests.total / tokenBulk.warmItems, 4),
    tokenAuthRequestsPerItemWithWarmup: round(tokenBulk.requests.total / tokenBulk.items, 4),
    tokenAuthTokenRequests: tokenBulk.requests.token,
    tokenAuthFailed: tokenBulk.report.failed,
    writeLimitPerMin,
    throttledItems: throttled.items,
    throttledSeconds: round(throttled.ms / 1000, 2),
    achievedWritesPerMin: round(achievedWritesPerMin, 0),
    achievedFractionOfLimit: round(achievedWritesPerMin / writeLimitPerMin, 3),
    throttledResponses: rejectedWrites,
    failedItems: throttled.report.failed + drain.report.failed,
    drainWrites: drain.report.changed,
    throttledReported: throttled.reported,
    faultRate: 0.05,
    faultRunItems: faultRun.items,
    faultInjected: injected,
    faultRunCorrect: faultCorrect,
    faultRunReported: faultRun.reported,
    faultRunSkipped: faultRun.items - faultRun.reported,
    faultRunFailed: faultRun.report.failed,
    faultRunChanged: faultRun.report.changed,
    listedTags: report.items,
    firstPageItems: first.items,
    firstPageRequests: first.requests.tagListing,
    firstPageWireRequests: first.requests.total,
    firstPageServerRequests: firstServer,
    firstPageMs: round(first.ms, 1),
    fullReportRequests: report.requests.total,
    fullReportListingRequests: report.requests.tagListing,
    fullReportMs: round(report.ms, 1),
    fullReportColdRequests: coldReport.requests.total,
    fullReportColdMs: round(coldReport.ms, 1),
    heapGrowthMB: round(report.heapGrowthMB, 2),
    // The real extension host's figure (bundle load + activate(), code-server) when it could be
    // measured; otherwise the stub-host probe's.
    activationMs: hostActivation?.wallMs ?? (activation ? round(activation.medianMs, 1) : null),
    activationMethod: typeof hostActivation?.wallMs === 'number'
      ? 'ext.activate() in the real extension host (code-server), first activation: bundle load + activate()'
      : 'require + activate() of the production bundle in a fresh Node process with a stub vscode module (median)',
    hostActivateMs: hostActivation?.activateMs ?? null,
    activationStubMs: activation ? round(activation.medianMs, 1) : null,
    activationRequireMs: activation ? round(activation.medianRequireMs, 1) : null,
    activationStubActivateMs: activation ? round(activation.medianActivateMs, 2) : null,
    activationRuns: activation ? activation.runs : 0,
    vsixKB: pkg ? round(pkg.vsixKB, 1) : null,
    bundleKB: pkg ? round(pkg.bundleKB, 1) : null,
    packageSkipped: packageSkipped ?? null,
    tagsInRepository: TOTAL_TAGS,
    ...phases,
    repository: REPOSITORY,
  };
}

async function child(caDir: string, args: Args): Promise<void> {
  const started = Date.now();
  log(`sandbox: seed large:10000, latency ${args.latencyMs} ms`);
  const sandbox = await start({ seed: 'large:10000', latencyMs: args.latencyMs, caDir, log: (m) => log(`sandbox: ${m}`) });
  let results: Results;
  try {
    results = await measure(args, sandbox);
  } finally {
    await sandbox.stop();
  }
  log('tag patterns: the pathological glob on 10,000 tags');
  Object.assign(results, globBench());
  Object.assign(results, await policyBench({ caDir, latencyMs: args.latencyMs, concurrency: args.concurrency, log }));
  log('deployments: extraction over 10,000 generated files of mixed formats (one core)');
  const extraction = await benchDeployExtraction();
  Object.assign(results, {
    deployExtractFiles: extraction.files,
    deployExtractSeconds: round(extraction.seconds, 2),
    deployExtractFilesPerSecond: Math.round(extraction.filesPerSecond),
    deployExtractCpuSeconds: round(extraction.cpuSeconds, 2),
    deployExtractFilesPerCpuSecond: Math.round(extraction.filesPerCpuSecond),
    deployExtractBuild: extraction.build,
  });
  log('deployments: resolving 1,000 distinct deployed tags, then apply and a second plan');
  Object.assign(results, await benchDeployResolve({ caDir, latencyMs: args.latencyMs, concurrency: args.concurrency, log }));
  log('nightly plan: a registry of 1,000 repositories, Standard SKU limits');
  Object.assign(results, await benchNightlyPlan({ repositories: 1000, latencyMs: args.latencyMs, log }));
  if (args.host) {
    log('host: Lock All Tags… in the real extension host (code-server, VS Code defaults)');
    const hostStarted = Date.now();
    Object.assign(results, await runHostBench({ latencyMs: args.latencyMs, throttledMinutes: args.quick ? 1 : 2, log }));
    log('host: the extension\'s own activation cost, production build, fresh extension hosts');
    Object.assign(results, await measureOwnActivation(ROOT, log));
    results.phaseHostSeconds = round((Date.now() - hostStarted) / 1000, 1);
  }
  results.runSeconds = round((Date.now() - started) / 1000, 1);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = JSON.stringify(results, null, 2) + '\n';
  writeFileSync(join(RESULTS_DIR, `${results.timestamp.replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  process.stdout.write(markdownTable(results) + policyMarkdown(results) + globMarkdown(results) + deployResolveMarkdown(results) + '\n');
  log(`wrote bench/results/latest.json (${results.runSeconds} s)`);
}

async function parent(argv: readonly string[]): Promise<number> {
  // A throwaway sandbox creates the CA in caDir (start's documented `caDir` option); the child reuses it.
  const caDir = mkdtempSync(join(tmpdir(), 'acr-bench-ca-'));
  await (await start({ seed: 'empty', caDir })).stop();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--expose-gc', __filename, ...argv], {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(caDir, 'ca.pem'), [CA_DIR_ENV]: caDir },
    });
    proc.on('exit', (code, signal) => {
      rmSync(caDir, { recursive: true, force: true });
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const caDir = process.env[CA_DIR_ENV];
  if (caDir) {
    await child(caDir, args);
  } else {
    process.exitCode = await parent(argv);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
