/**
 * One retry layer: against a registry that answers every request 503, count the requests each
 * item costs — one Lock, a bulk run until it stops, a listing — through the real RegistryClient
 * and lock engine. Every attempt the engine counts is exactly one request on the wire: the SDK's
 * own retry policy is off (registryClient.ts), so nothing multiplies the engine's attempts.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { PRESETS } from '../../src/locks/attributes';
import { LockEngine, type LockItem } from '../../src/locks/engine';
import { listAllTags } from '../../src/locks/listing';
import { type RegistryError } from '../../src/registry/errors';
import { RegistryClient } from '../../src/registry/registryClient';
import { start, type Sandbox } from './index';
import { admin } from './testUtil';

/** Requests per single call (a Lock, a listing page, a tree listing): RegistryClient's own retry. */
const CALL_ATTEMPTS = 4;
/** A bulk run stops after this many consecutive registry-wide failures (runBulk's default). */
const MAX_CONSECUTIVE_FAILURES = 5;
/** Attempts per listing page (locks/listing.ts). */
const PAGE_ATTEMPTS = 6;

function clientFor(sandbox: Sandbox): RegistryClient {
  const inner = createDefaultHttpClient();
  const tlsSettings = { ca: readFileSync(sandbox.caFile, 'utf8') };
  const httpClient: HttpClient = {
    sendRequest(request) {
      request.tlsSettings = tlsSettings;
      return inner.sendRequest(request);
    },
  };
  const user = admin(sandbox);
  return new RegistryClient({
    loginServer: new URL(sandbox.endpoint).host,
    auth: { kind: 'password', credentials: { username: user.username, getPassword: () => Promise.resolve(user.password) } },
    httpClient,
  });
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    return error as RegistryError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

const TAGS = ['beta', 'latest', 'v1', 'v2', 'v3'];

describe('one retry layer: requests per item against a registry that always answers 503', function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  let client: RegistryClient;

  beforeEach(async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    client = clientFor(sandbox);
    // Warm: both SDK clients of the repository hold their tokens, so every counted request is the item's own.
    await client.getTag('hello-world', 'v1');
    await client.updateTag('hello-world', 'v1', { readEnabled: true });
    sandbox.stats.reset();
    sandbox.control.setFaults({ faultRate: 1, faultStatus: 503 });
  });
  afterEach(async () => {
    await sandbox.stop();
  });

  const requestsFor = (tag: string): number => sandbox.stats.count({ path: `/acr/v1/hello-world/_tags/${tag}` });

  it(`one Lock: ${CALL_ATTEMPTS} requests, then it fails`, async () => {
    const error = await failure(new LockEngine().apply(client, { kind: 'tag', repository: 'hello-world', tag: 'v1' }, PRESETS.lock));
    assert.equal(error.kind, 'server');
    assert.deepEqual({ requests: requestsFor('v1'), all: sandbox.stats.count() }, { requests: CALL_ATTEMPTS, all: CALL_ATTEMPTS });
  });

  it(`a bulk run (one at a time): the first item ${MAX_CONSECUTIVE_FAILURES} requests, then the run stops; the rest none`, async () => {
    const items: LockItem[] = TAGS.map((tag) => ({ client, target: { kind: 'tag', repository: 'hello-world', tag } }));
    const report = await new LockEngine().applyMany(items, PRESETS.lock, { concurrency: 1 });
    assert.equal(report.stopped?.failures, MAX_CONSECUTIVE_FAILURES);
    assert.deepEqual(
      TAGS.map((tag, i) => ({ tag, status: report.outcomes[i].status, attempts: report.outcomes[i].attempts, requests: requestsFor(tag) })),
      TAGS.map((tag, i) =>
        i === 0
          ? { tag, status: 'failed', attempts: MAX_CONSECUTIVE_FAILURES, requests: MAX_CONSECUTIVE_FAILURES }
          : { tag, status: 'notAttempted', attempts: 0, requests: 0 },
      ),
    );
    assert.equal(sandbox.stats.count(), MAX_CONSECUTIVE_FAILURES);
  });

  it('a bulk run of 4 workers: every attempt is one request; the run stops after about 5 in all', async () => {
    const items: LockItem[] = TAGS.map((tag) => ({ client, target: { kind: 'tag', repository: 'hello-world', tag } }));
    const report = await new LockEngine().applyMany(items, PRESETS.lock, { concurrency: 4 });
    assert.ok(report.stopped);
    for (const [i, tag] of TAGS.entries()) {
      assert.equal(requestsFor(tag), report.outcomes[i].attempts, `${tag}: requests = the engine's attempts`);
    }
    const total = sandbox.stats.count();
    // Attempts already on the wire when the fifth failure stops the run still end: at most 3 more.
    assert.ok(total >= MAX_CONSECUTIVE_FAILURES && total <= MAX_CONSECUTIVE_FAILURES + 3, `${total} requests`);
  });

  it(`a listing (Lock All Tags, policy): ${PAGE_ATTEMPTS} requests, then it fails`, async () => {
    const error = await failure(listAllTags(client, 'hello-world'));
    assert.equal(error.kind, 'server');
    assert.equal(sandbox.stats.count({ path: '/acr/v1/hello-world' }), PAGE_ATTEMPTS);
  });

  it(`a tree listing (one page): ${CALL_ATTEMPTS} requests, then it fails`, async () => {
    const error = await failure(client.listTags('hello-world', { pageSize: 100, order: 'name' }));
    assert.equal(error.kind, 'server');
    assert.equal(sandbox.stats.count({ path: '/acr/v1/hello-world/_tags' }), CALL_ATTEMPTS);
  });
});
