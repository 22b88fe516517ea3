// The lock engine (src/locks) in plain Node against the in-process sandbox, through
// src/connections.ts: a lock sends only the differing flags and is verified; a PATCH the registry
// ignores, or an answer without attributes, is a failure by name; a 100,000 s Retry-After is
// capped and cancellable; a PATCH cancelled on the wire "may have been applied"; two bulk runs on
// one repository never report stale "unchanged"; listings cannot loop.
import * as assert from 'node:assert/strict';
import { ChangeNotAppliedError, LockEngine, type LockItem } from '../../src/locks';
import { PRESETS } from '../../src/locks/attributes';
import { MAX_SERVER_WAIT_MS, type RegistryError } from '../../src/registry/errors';
import { type LockTarget } from '../../src/registry/models';
import { type ServerWait } from '../../src/locks/run/bulk';
import { start, type Sandbox } from '../sandbox/index';
import { failure as fails, hasKind } from '../support/failure';
import { sandboxConnection } from './sandboxConnections';

const REGISTRY = 'sandbox';

/** The registry layer's and the engine's errors: each has a kind. */
const failure = (promise: Promise<unknown>): Promise<RegistryError> => fails<RegistryError>(promise, hasKind);

suite('lock engine in plain Node against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  teardown(async () => {
    await sandbox.stop();
  });

  test('a lock sends only the differing flags, verifies the answer and records the change; again, it sends nothing', async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    const engine = new LockEngine();
    const target: LockTarget = { kind: 'tag', repository: 'hello-world', tag: 'v3' };
    // v3 is write-protected already: only deleteEnabled must be sent.
    const result = await engine.apply(client, target, PRESETS.lock);
    assert.equal(result.status, 'changed');
    assert.deepEqual(result.sent, { deleteEnabled: false });
    assert.deepEqual(sandbox.control.getTag(REGISTRY, 'hello-world', 'v3')?.changeableAttributes, {
      writeEnabled: false,
      deleteEnabled: false,
      readEnabled: true,
      listEnabled: true,
    });
    const bodies = sandbox.stats.filter({ method: 'PATCH', path: '/acr/v1/hello-world/_tags/v3' });
    assert.equal(bodies.length, 1);
    assert.deepEqual(engine.history.lastFor(registry.loginServer, target)?.change, { deleteEnabled: false });

    const patches = sandbox.stats.count({ method: 'PATCH' });
    const again = await engine.apply(client, target, PRESETS.lock);
    assert.equal(again.status, 'unchanged');
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), patches, 'nothing sent when nothing differs');
  });

  test('a PATCH the registry ignores is reported failed by name, with what it answered; nothing counts as changed', async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    const engine = new LockEngine();
    sandbox.control.setHostile('ignorePatch');
    const one = await failure(engine.apply(client, { kind: 'tag', repository: 'hello-world', tag: 'latest' }, PRESETS.lock));
    assert.ok(one instanceof ChangeNotAppliedError);
    assert.equal(one.kind, 'badResponse');
    assert.match(one.message, /^hello-world:latest: asked for writeEnabled=false, deleteEnabled=false, the registry answered writeEnabled=true, deleteEnabled=true/);
    assert.equal(engine.history.latest(), undefined, 'an unverified change is not in the history');

    const items: LockItem[] = ['latest', 'v2'].map((tag) => ({ client, target: { kind: 'tag', repository: 'hello-world', tag } }));
    const report = await engine.applyMany(items, PRESETS.lock, { concurrency: 2 });
    assert.deepEqual(report.outcomes.map((o) => [o.item.target.kind === 'tag' ? o.item.target.tag : '', o.status, o.error?.name]), [
      ['latest', 'failed', 'ChangeNotAppliedError'],
      ['v2', 'failed', 'ChangeNotAppliedError'],
    ]);
    assert.equal(report.changed, 0);
    assert.equal(sandbox.control.getTag(REGISTRY, 'hello-world', 'latest')?.changeableAttributes.writeEnabled, true);
  });

  test('an answer without changeableAttributes is a bad-response failure, never read as "all enabled"', async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    sandbox.control.setHostile('omitAttributes');
    const error = await failure(new LockEngine().apply(client, { kind: 'tag', repository: 'hello-world', tag: 'v1' }, PRESETS.unlock));
    assert.equal(error.kind, 'badResponse');
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0, 'nothing was sent on an unreadable state');
  });

  test('a 100,000 s Retry-After in a bulk run is capped to a minute, reported, and cancellable', async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    sandbox.control.setHostile('hugeRetryAfter');
    const controller = new AbortController();
    const waits: ServerWait[] = [];
    const items: LockItem[] = ['latest', 'v1', 'v2'].map((tag) => ({ client, target: { kind: 'tag', repository: 'hello-world', tag } }));
    const report = await new LockEngine().applyMany(items, PRESETS.lock, {
      concurrency: 1,
      signal: controller.signal,
      onWait: (wait) => {
        waits.push(wait);
        controller.abort();
      },
    });
    assert.deepEqual(waits, [{ ms: MAX_SERVER_WAIT_MS, reason: 'throttled', requestedMs: 100_000_000, status: 429 }]);
    assert.deepEqual(report.outcomes.map((o) => o.status), ['cancelled', 'cancelled', 'cancelled']);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
  });

  test('a PATCH cancelled on the wire is reported "may have been applied" (and the registry did apply it)', async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const controller = new AbortController();
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    await client.getTag('hello-world', 'latest');
    // The registry holds every PATCH once it has arrived, unanswered: the client is cancelled
    // exactly then, with its change at the registry (no timer racing the wire).
    const patches = sandbox.control.hold('PATCH');
    try {
      const items: LockItem[] = ['latest', 'v2'].map((tag) => ({ client, target: { kind: 'tag', repository: 'hello-world', tag } }));
      const running = new LockEngine().applyMany(items, PRESETS.lock, { concurrency: 1, signal: controller.signal });
      const patch = await patches.next();
      assert.equal(patch.path, '/acr/v1/hello-world/_tags/latest');
      controller.abort();
      const report = await running;
      assert.deepEqual(report.outcomes.map((o) => o.status), ['maybeApplied', 'cancelled']);
      assert.equal(report.maybeApplied, 1);
      // The registry received the change before the client gave up on its answer: it applies it now.
      assert.equal(sandbox.control.getTag(REGISTRY, 'hello-world', 'latest')?.changeableAttributes.writeEnabled, true, 'held: not applied yet');
      await patch.release();
      assert.equal(sandbox.control.getTag(REGISTRY, 'hello-world', 'latest')?.changeableAttributes.writeEnabled, false);
      assert.equal(sandbox.control.getTag(REGISTRY, 'hello-world', 'v2')?.changeableAttributes.writeEnabled, true, 'the next item was never sent');
      assert.equal(sandbox.stats.count({ method: 'PATCH', path: '/acr/v1/hello-world/_tags/v2' }), 0, 'the next item was never sent');
    } finally {
      await patches.end();
    }
  });

  test('two bulk runs on one repository: the second waits and reports what it changed, never stale "unchanged"', async () => {
    sandbox = await start({ seed: 'large:300', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    const engine = new LockEngine();
    let waited = false;
    const [lock, unlock] = await Promise.all([
      engine.changeAllTags(client, 'big', PRESETS.lock, { concurrency: 8 }),
      engine.changeAllTags(client, 'big', PRESETS.unlock, { concurrency: 8, onBusy: () => (waited = true) }),
    ]);
    assert.equal(waited, true, 'the second run waited for the first');
    assert.equal(lock.outcome, 'done');
    assert.equal(unlock.outcome, 'done');
    assert.equal(lock.outcome === 'done' ? lock.report.changed : -1, 300);
    assert.equal(unlock.outcome === 'done' ? unlock.report.changed : -1, 300, 'the second run saw the first run’s locks');
    assert.equal(sandbox.control.listTags(REGISTRY, 'big').filter((t) => !t.changeableAttributes.writeEnabled).length, 0);
  });

  test('a listing that links back to itself ends with a bad-response error after a bounded number of requests', async () => {
    sandbox = await start({ seed: 'large:2500', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    sandbox.control.setHostile('nextLinkLoop');
    const run = await new LockEngine().reserveRepository(client, 'big');
    try {
      const error = await failure(run.listTags());
      assert.equal(error.kind, 'badResponse');
    } finally {
      run.release();
    }
    assert.ok(sandbox.stats.count({ method: 'GET', path: '/acr/v1/big/_tags' }) <= 3, 'at most three list requests');
  });

  test('waiting for a busy repository is cancellable; the queue goes on', async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry } = sandboxConnection(sandbox);
    const client = await connections.clientFor(registry);
    const engine = new LockEngine();
    const first = await engine.reserveRepository(client, 'hello-world');
    const controller = new AbortController();
    const waiting = engine.reserveRepository(client, 'hello-world', { signal: controller.signal });
    const third = engine.reserveRepository(client, 'hello-world');
    controller.abort();
    assert.equal((await failure(waiting)).kind, 'cancelled');
    assert.equal(engine.isBusy(registry.loginServer, 'hello-world'), true);
    first.release();
    const next = await third;
    assert.equal(next.repository, 'hello-world');
    next.release();
    assert.equal(engine.isBusy(registry.loginServer, 'hello-world'), false);
  });
});
