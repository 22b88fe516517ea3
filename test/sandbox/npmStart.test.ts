// `npm start` as a newcomer runs it (issue 22, items 1 and 9): the runner itself (out/test/runner/start.js,
// what `npm start` runs after the prerequisites and the build) with the sandbox, its proxy and code-server.
// Its console is a few prefixed lines ending with the URL (the one-time install's output goes to a log
// file); a request through its proxy to a host the proxy refuses, reset by the client as curl does,
// leaves everything running; Ctrl-C stops every part.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../runner/paths';
import { type SandboxInfo } from '../runner/sandboxInfo';
import { until } from '../support/poll';
import { closed, connectThrough, getThroughProxy } from './proxyClient';

/** The HTTP status of GET `url`, or the error code when nothing answers. */
function status(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.setTimeout(10_000, () => request.destroy(new Error('timeout')));
  });
}

describe('npm start: a quiet console, a proxy that survives a refused request, Ctrl-C stops every part', function () {
  this.timeout(120_000);
  let runner: ChildProcess | undefined;
  let output = '';
  let exited: Promise<number | null>;

  before(async function () {
    // The first run on a fresh machine installs Node 24 and code-server into .cache (a few minutes).
    this.timeout(900_000);
    runner = spawn(process.execPath, [join(repoRoot, 'out', 'test', 'runner', 'start.js')], { cwd: repoRoot, env: { ...process.env, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    runner.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    runner.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    exited = new Promise((resolve) => runner?.once('exit', (code) => resolve(code)));
    await until(() => output.includes('press Ctrl-C to stop') || runner?.exitCode !== null, 'npm start to print its URL', { timeoutMs: 870_000, intervalMs: 200 });
    assert.equal(runner.exitCode, null, `npm start ended early:\n${output}`);
  });

  after(async () => {
    if (runner && runner.exitCode === null) {
      runner.kill('SIGTERM');
      await exited;
    }
  });

  function lines(): string[] {
    return output.split('\n').filter((line) => line.trim() !== '');
  }

  function sandboxInfo(): SandboxInfo {
    const line = lines().find((l) => l.startsWith('{"endpoint"'));
    assert.ok(line, output);
    return JSON.parse(line) as SandboxInfo;
  }

  function url(): string {
    const match = /^ACR Image Locks: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(output);
    assert.ok(match?.[1], output);
    return match[1];
  }

  it('prints a few prefixed lines and ends with the URL: no install or compiler output', () => {
    const all = lines();
    for (const line of all) {
      assert.match(line, /^\[(cache|package|sandbox|code-server|start)\] |^\{"endpoint"|^ACR Image Locks: http/, `an unexpected line:\n${output}`);
    }
    assert.ok(all.length <= 14, `${all.length} lines:\n${output}`);
    assert.match(all.at(-2) ?? '', /^ACR Image Locks: http:\/\//, 'the URL is next to last, before "open the URL above"');
    assert.match(all.at(-1) ?? '', /open the URL above in a browser; press Ctrl-C to stop/);
  });

  it('My Registries names the demo registry as the Azure view finds it (sandbox.azurecr.io, through the proxy): one registry, one state', () => {
    const runDir = /^\[start\] code-server log: (.+)\/code-server\.log;/m.exec(output)?.[1];
    assert.ok(runDir, output);
    const settings = JSON.parse(readFileSync(join(runDir, 'user-data', 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const info = sandboxInfo();
    assert.deepEqual(settings['acrLocks.registries'], [{ loginServer: 'sandbox.azurecr.io', auth: 'password', username: 'sandbox' }]);
    assert.ok(info.registries.some((r) => r.loginServer === 'sandbox.azurecr.io'), 'a registry of the sandbox’s Resource Manager (the Azure view lists it)');
  });

  it('a refused CONNECT reset by its client (curl -x to nopenope.azurecr.io) leaves the sandbox, its proxy and code-server running', async () => {
    const info = sandboxInfo();
    for (let i = 0; i < 2; i++) {
      const { socket, status: line } = await connectThrough(info, 'nopenope.azurecr.io:443');
      assert.equal(line, 'HTTP/1.1 403 Forbidden');
      socket.resetAndDestroy();
      await closed(socket);
    }
    assert.equal(await getThroughProxy(info), 401, 'the registry still answers through the proxy');
    assert.equal(runner?.exitCode, null, `npm start died:\n${output}`);
    assert.ok([200, 302].includes(Number(await status(url()))), 'code-server still serves the workbench');
    assert.doesNotMatch(output, /ECONNRESET|Unhandled 'error' event|died/, output);
  });

  it('Ctrl-C stops every part: the runner exits, code-server and the sandbox no longer answer', async () => {
    const info = sandboxInfo();
    const workbench = url();
    runner?.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.match(output, /\[start\] SIGINT: stopping sandbox, code-server \.\.\.\n\[start\] stopped\n/);
    assert.equal(await status(workbench), 'ECONNREFUSED', 'code-server stopped');
    await assert.rejects(connectThrough(info, 'sandbox.azurecr.io:443'), /ECONNREFUSED/, 'the proxy stopped');
  });
});
