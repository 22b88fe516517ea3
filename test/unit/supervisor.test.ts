// `npm start`'s supervisor (test/runner/supervisor.ts): one part dies → every part stops, and the message names it.
import * as assert from 'node:assert/strict';
import { Supervisor, describeExit, partOfError } from '../runner/supervisor';

function harness(stopTimeoutMs = 1000): { supervisor: Supervisor; lines: string[]; exits: number[]; stopped: string[]; part: (name: string, stop?: () => Promise<void>) => void } {
  const lines: string[] = [];
  const exits: number[] = [];
  const stopped: string[] = [];
  const supervisor = new Supervisor({ log: (m) => lines.push(m), exit: (code) => exits.push(code), stopTimeoutMs });
  const part = (name: string, stop?: () => Promise<void>): void =>
    supervisor.add(name, async () => {
      stopped.push(name);
      await stop?.();
    });
  return { supervisor, lines, exits, stopped, part };
}

suite('npm start supervisor', () => {
  test('code-server dies: every part stops (the dead one too, for its process group), newest first; the message names it; exit 1', async () => {
    const { supervisor, lines, exits, stopped, part } = harness();
    part('sandbox');
    part('code-server');
    await supervisor.died('code-server', 'exited with code 137');
    assert.deepEqual(stopped, ['code-server', 'sandbox']);
    assert.deepEqual(exits, [1]);
    assert.equal(lines[0], 'code-server died: exited with code 137');
    assert.match(lines[1] ?? '', /stopping everything npm start started \(sandbox, code-server\)/);
    assert.deepEqual(supervisor.failure, { part: 'code-server', reason: 'exited with code 137' });
  });

  test('the proxy dies: the same; a second report while stopping is ignored', async () => {
    const { supervisor, lines, exits, stopped, part } = harness();
    part('sandbox');
    part('code-server');
    const first = supervisor.died('proxy', 'listener closed');
    const second = supervisor.died('code-server', 'was killed by SIGTERM');
    await Promise.all([first, second]);
    assert.deepEqual(stopped, ['code-server', 'sandbox']);
    assert.deepEqual(exits, [1]);
    assert.equal(lines.filter((l) => / died: /.test(l)).length, 1);
    assert.equal(supervisor.failure?.part, 'proxy');
  });

  test('a part whose stop throws or hangs does not keep the others running', async () => {
    const { supervisor, lines, exits, stopped, part } = harness(50);
    part('sandbox');
    part('hangs', () => new Promise(() => undefined));
    part('throws', () => Promise.reject(new Error('boom')));
    await supervisor.died('sandbox', 'HTTPS server closed');
    assert.deepEqual(stopped, ['throws', 'hangs', 'sandbox']);
    assert.ok(lines.includes('stopping throws failed: boom'), lines.join('\n'));
    assert.ok(lines.some((l) => /^hangs did not stop within 50 ms/.test(l)), lines.join('\n'));
    assert.deepEqual(exits, [1]);
  });

  test('a start-up step that fails is that part dying: what started before stops', async () => {
    const { supervisor, lines, exits, stopped, part } = harness();
    part('sandbox');
    const result = await supervisor.step('code-server', () => Promise.reject(new Error('did not answer /healthz within 60000 ms')));
    assert.equal(result, undefined);
    assert.deepEqual(stopped, ['sandbox']);
    assert.equal(lines[0], 'code-server died: did not answer /healthz within 60000 ms');
    assert.deepEqual(exits, [1]);
    // A part added after the failure (a start racing it) is stopped at once.
    part('late');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(stopped, ['sandbox', 'late']);
  });

  test('shutdown (Ctrl-C) stops everything and exits 0', async () => {
    const { supervisor, exits, stopped, part } = harness();
    part('sandbox');
    part('code-server');
    await supervisor.shutdown('SIGINT');
    await supervisor.died('code-server', 'was killed by SIGTERM');
    assert.deepEqual(stopped, ['code-server', 'sandbox']);
    assert.deepEqual(exits, [0]);
    assert.equal(supervisor.failure, undefined, 'code-server ending because we stopped it is no failure');
  });

  test('names the part behind an uncaught error by its stack, and describes exits', () => {
    const at = (file: string): Error => Object.assign(new Error('read ECONNRESET'), { stack: `Error: read ECONNRESET\n    at Socket.x (${file}:10:5)` });
    assert.equal(partOfError(at('/repo/out/test/sandbox/proxy.js')), 'proxy');
    assert.equal(partOfError(at('/repo/out/test/sandbox/server.js')), 'sandbox');
    assert.equal(partOfError(at('/repo/out/test/runner/start.js')), 'npm start runner');
    assert.equal(partOfError('not an error'), 'npm start runner');
    assert.equal(describeExit(1, null), 'exited with code 1');
    assert.equal(describeExit(null, 'SIGKILL'), 'was killed by SIGKILL');
  });
});
