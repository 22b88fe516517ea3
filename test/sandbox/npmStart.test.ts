// `npm start` as a newcomer runs it (issue 22, items 1 and 9): the runner itself (out/test/runner/start.js,
// what `npm start` runs after the prerequisites and the build) with the sandbox, its proxy and code-server.
// Its console is a few prefixed lines ending with the URL (the one-time install's output goes to a log
// file); a request through its proxy to a host the proxy refuses, reset by the client as curl does,
// leaves everything running; Ctrl-C stops every part. Killed outright (SIGKILL, the OOM killer), the runner
// leaves nothing behind either: code-server's watchdog ends code-server's process group (codeServer.ts).
import * as assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
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

/** Starts the runner as `npm start` does and waits for its URL; `onOutput` gets its stdout and stderr. */
async function startRunner(onOutput: (chunk: string) => void): Promise<{ runner: ChildProcess; exited: Promise<number | null> }> {
  let output = '';
  const runner = spawn(process.execPath, [join(repoRoot, 'out', 'test', 'runner', 'start.js')], { cwd: repoRoot, env: { ...process.env, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const add = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    onOutput(chunk.toString('utf8'));
  };
  runner.stdout?.on('data', add);
  runner.stderr?.on('data', add);
  const exited = new Promise<number | null>((resolve) => runner.once('exit', (code) => resolve(code)));
  await until(() => output.includes('press Ctrl-C to stop') || runner.exitCode !== null, 'npm start to print its URL', { timeoutMs: 870_000, intervalMs: 200 });
  assert.equal(runner.exitCode, null, `npm start ended early:\n${output}`);
  return { runner, exited };
}

function workbenchUrl(output: string): string {
  const match = /^ACR Image Locks: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(output);
  assert.ok(match?.[1], output);
  return match[1];
}

/** Whether any process of process group `pgid` is left (a zombie not yet reaped counts). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of code-server's process group, from its 'listening on' line. */
function codeServerGroup(output: string): number {
  const pgid = Number(/^\[code-server\] listening on \S+ \(pid (\d+),/m.exec(output)?.[1]);
  assert.ok(pgid > 0, output);
  return pgid;
}

/** Whether code-server's watchdog (test/runner/watchdog.ts) for group `pgid` still runs. */
function watchdogRuns(pgid: number): boolean {
  const lines = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
  return lines.some((line) => line.includes(`watchdog.js ${pgid} `));
}

/** `ps` lines of the processes of group `pgid`, for a failure message. */
function groupProcesses(pgid: number): string {
  const lines = execFileSync('ps', ['-eo', 'pid,pgid,ppid,stat,args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.trim().split(/\s+/)[1] === String(pgid)).join('\n');
}

describe('npm start: a quiet console, a proxy that survives a refused request, Ctrl-C stops every part', function () {
  this.timeout(120_000);
  let runner: ChildProcess | undefined;
  let output = '';
  let exited: Promise<number | null>;

  before(async function () {
    // The first run on a fresh machine installs Node 24 and code-server into .cache (a few minutes).
    this.timeout(900_000);
    ({ runner, exited } = await startRunner((chunk) => (output += chunk)));
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
    return workbenchUrl(output);
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
    const pgid = codeServerGroup(output);
    assert.ok(watchdogRuns(pgid), 'code-server\'s watchdog runs');
    runner?.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.match(output, /\[start\] SIGINT: stopping sandbox, code-server \.\.\.\n\[start\] stopped\n/);
    assert.equal(await status(workbench), 'ECONNREFUSED', 'code-server stopped');
    await until(() => !watchdogRuns(pgid), 'code-server\'s watchdog to exit', { timeoutMs: 10_000, intervalMs: 200 });
    assert.doesNotMatch(output, /ended without stopping it/, 'the runner stopped code-server itself: its watchdog exits quietly');
    await assert.rejects(connectThrough(info, 'sandbox.azurecr.io:443'), /ECONNREFUSED/, 'the proxy stopped');
  });
});

describe('npm start killed outright (SIGKILL, the OOM killer): code-server does not outlive it', function () {
  this.timeout(120_000);
  let runner: ChildProcess | undefined;
  let output = '';
  let pgid: number | undefined;

  before(async function () {
    this.timeout(900_000);
    ({ runner } = await startRunner((chunk) => (output += chunk)));
  });

  after(() => {
    // Whatever the outcome, leave nothing running.
    runner?.kill('SIGKILL');
    if (pgid !== undefined && groupAlive(pgid)) {
      process.kill(-pgid, 'SIGKILL');
    }
  });

  it('SIGKILL of the runner: within seconds code-server no longer answers and its whole process group is gone', async () => {
    pgid = codeServerGroup(output);
    const workbench = workbenchUrl(output);
    assert.ok(groupAlive(pgid), 'code-server runs');
    assert.ok(watchdogRuns(pgid), 'code-server\'s watchdog runs');
    const killed = new Promise((resolve) => runner?.once('exit', resolve));
    runner?.kill('SIGKILL');
    await killed;
    const group = pgid;
    await until(async () => (await status(workbench)) === 'ECONNREFUSED', `code-server to stop answering ${workbench}`, { timeoutMs: 20_000, intervalMs: 200 })
      .catch((error: unknown) => assert.fail(`${String(error)}; left running:\n${groupProcesses(group)}`));
    await until(() => !groupAlive(group), `code-server's process group ${group} to end`, { timeoutMs: 20_000, intervalMs: 200 })
      .catch((error: unknown) => assert.fail(`${String(error)}; left running:\n${groupProcesses(group)}`));
    await until(() => output.includes(`ended without stopping it: stopping its process group ${group}`), 'the watchdog to say why', { timeoutMs: 5_000 });
    await until(() => !watchdogRuns(group), 'code-server\'s watchdog to exit', { timeoutMs: 10_000, intervalMs: 200 });
  });
});
