/**
 * Listing and bulk phases against the sandbox registry, through the exact code the extension
 * uses: `RegistryClient` (listTags / updateTag), `runBulk`, `effectiveChange(PRESETS.lock)`.
 */
import { type LockAttributes, PRESETS, effectiveChange, isEmptyChange } from '../src/locks/attributes';
import { type BulkReport, runBulk } from '../src/locks/run/bulk';
import { type RegistryAuth, RegistryClient } from '../src/registry/registryClient';
import { type TagInfo } from '../src/registry/models';
import { type Sandbox } from '../test/sandbox/index';
import { type CountSnapshot, RequestCounter, diff } from './counter';

export const REPOSITORY = 'big';
const LOCK = PRESETS.lock;

export type AuthKind = 'password' | 'token';

export interface BenchClient {
  readonly client: RegistryClient;
  readonly counter: RequestCounter;
}

export function createClient(sandbox: Sandbox, kind: AuthKind): BenchClient {
  const registry = sandbox.registries[0];
  const admin = sandbox.users.find((u) => u.username === registry?.name);
  if (!registry || !admin) {
    throw new Error('the sandbox has no registry or admin user');
  }
  const counter = new RequestCounter();
  const aadToken = sandbox.aadToken;
  const auth: RegistryAuth =
    kind === 'password'
      ? { kind: 'password', credentials: { username: admin.username, getPassword: () => Promise.resolve(admin.password) } }
      : {
          kind: 'token',
          credential: { getToken: () => Promise.resolve({ token: aadToken, expiresOnTimestamp: Date.now() + 3_600_000 }) },
        };
  // The first registry is served on localhost (see test/sandbox/server.ts registryForHost).
  const loginServer = new URL(sandbox.endpoint).host;
  return { client: new RegistryClient({ loginServer, auth, observer: counter, trustedCustomDomain: true /* the sandbox */ }), counter };
}

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// Listing

export interface FirstPageResult {
  readonly ms: number;
  /** Wire requests, cold client: challenge + token + the page. */
  readonly requests: CountSnapshot;
  readonly items: number;
  readonly hasMore: boolean;
}

/** What the tree does when a repository node expands: one page of 100, newest first. */
export async function firstPage(bench: BenchClient): Promise<FirstPageResult> {
  const before = bench.counter.snapshot();
  const started = process.hrtime.bigint();
  const page = await bench.client.listTags(REPOSITORY, { pageSize: 100, order: 'lastUpdated' });
  return {
    ms: ms(started),
    requests: diff(bench.counter.snapshot(), before),
    items: page.items.length,
    hasMore: page.continuationToken !== undefined,
  };
}

export interface FullReportResult {
  readonly ms: number;
  readonly requests: CountSnapshot;
  readonly items: number;
  readonly locked: number;
  readonly heapGrowthMB: number;
}

/** Pages with n=pageSize until the end, keeping only what a lock report needs per tag. */
export async function fullReport(bench: BenchClient, pageSize: number): Promise<FullReportResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const before = bench.counter.snapshot();
  const started = process.hrtime.bigint();
  const report: { name: string; attributes: LockAttributes }[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await bench.client.listTags(REPOSITORY, { pageSize, order: 'name', continuationToken });
    for (const tag of page.items) {
      report.push({ name: tag.name, attributes: tag.attributes });
    }
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  const elapsed = ms(started);
  const requests = diff(bench.counter.snapshot(), before);
  gc?.();
  const heapGrowthMB = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
  const locked = report.filter((t) => !t.attributes.writeEnabled && !t.attributes.deleteEnabled).length;
  return { ms: elapsed, requests, items: report.length, locked, heapGrowthMB };
}

/** The first `count` tags by name (as the bulk command gets them from the listing). */
export async function listTags(bench: BenchClient, count: number, startAfterPages = 0): Promise<TagInfo[]> {
  const tags: TagInfo[] = [];
  let continuationToken: string | undefined;
  let page = 0;
  do {
    const result = await bench.client.listTags(REPOSITORY, { pageSize: 1000, order: 'name', continuationToken });
    if (page >= startAfterPages) {
      tags.push(...result.items);
    }
    page++;
    continuationToken = result.continuationToken;
  } while (continuationToken !== undefined && tags.length < count);
  return tags.slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// Bulk lock

export interface BulkResult {
  readonly items: number;
  readonly ms: number;
  readonly report: BulkReport<TagInfo>;
  readonly requests: CountSnapshot;
  /** Requests for the items after the first `warmup` completed ones. */
  readonly warmRequests: CountSnapshot;
  readonly warmItems: number;
  /** Items reported (outcomes present); must equal `items`. */
  readonly reported: number;
}

export async function bulkLock(
  bench: BenchClient,
  tags: readonly TagInfo[],
  concurrency: number,
  warmup: number,
  signal?: AbortSignal,
): Promise<BulkResult> {
  const before = bench.counter.snapshot();
  let warmStart: CountSnapshot | undefined;
  let warmItems = 0;
  const started = process.hrtime.bigint();
  const report = await runBulk(
    tags,
    async (tag, signal) => {
      const change = effectiveChange(tag.attributes, LOCK);
      if (isEmptyChange(change)) {
        return 'unchanged';
      }
      await bench.client.updateTag(tag.repository, tag.name, change, { abortSignal: signal });
      return 'changed';
    },
    {
      concurrency,
      signal,
      onProgress: (done) => {
        if (done === warmup) {
          warmStart = bench.counter.snapshot();
        } else if (done > warmup) {
          warmItems++;
        }
      },
    },
  );
  const elapsed = ms(started);
  const after = bench.counter.snapshot();
  const reported = report.outcomes.filter((o) => o !== undefined).length;
  return {
    items: tags.length,
    ms: elapsed,
    report,
    requests: diff(after, before),
    warmRequests: diff(after, warmStart ?? before),
    warmItems: warmStart ? warmItems : tags.length,
    reported,
  };
}

/** Tags (by name) whose attributes at the registry, read out-of-band, match the lock preset. */
export function countLocked(sandbox: Sandbox, names: readonly string[]): number {
  const registry = sandbox.registries[0]?.name ?? 'sandbox';
  let locked = 0;
  for (const name of names) {
    const tag = sandbox.control.getTag(registry, REPOSITORY, name);
    const attributes = tag?.changeableAttributes;
    if (attributes && attributes.writeEnabled === LOCK.writeEnabled && attributes.deleteEnabled === LOCK.deleteEnabled) {
      locked++;
    }
  }
  return locked;
}

export function unlockAll(sandbox: Sandbox, names: readonly string[]): void {
  const registry = sandbox.registries[0]?.name ?? 'sandbox';
  for (const name of names) {
    sandbox.control.setTagAttributes(registry, REPOSITORY, name, { writeEnabled: true, deleteEnabled: true });
  }
}
