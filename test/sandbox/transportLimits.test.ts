/**
 * The command-line tool against a hostile HTTPS server on 127.0.0.1 (hostileTransport.ts):
 * stalled answers end after the stated timeouts with a message naming the host and the timeout;
 * a gzip bomb ends with a size error while the process stays under 200 MB; registry-controlled
 * text is printed escaped and cut; a wrongly shaped answer is a clear bad-response error.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cliNode, multiRegistryPolicy, startCli, type CliResult } from './cliRun';
import { type HostileTransport, startHostileTransport } from './hostileTransport';

/** Peak resident set (VmHWM) of a running process, in MB; undefined once it is gone. */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

describe('acr-locks against a hostile transport', function () {
  this.timeout(60_000);
  let server: HostileTransport;
  let dir: string;
  let node: string;
  let policy: string;
  let caFile: string;

  before(async function () {
    this.timeout(900_000);
    node = await cliNode();
    assert.ok(existsSync(CLI), `${CLI} is missing: npm run build`);
    server = await startHostileTransport('silent');
    dir = mkdtempSync(join(tmpdir(), 'acr-locks-transport-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, server.caPem);
    policy = join(dir, 'policy.json');
    writeFileSync(policy, multiRegistryPolicy([server.host]));
  });
  after(async () => {
    await server?.stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  async function plan(extra: readonly string[] = [], watchRss = false): Promise<CliResult & { seconds: number; peakMb: number }> {
    const started = Date.now();
    const run = startCli(node, ['plan', '--policy', policy, '-u', 'u', '--registry', server.host, ...extra], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      NODE_EXTRA_CA_CERTS: caFile,
      ACR_PASSWORD: 'p',
    }, { timeoutMs: 50_000 });
    let peakMb = 0;
    const poll = watchRss
      ? setInterval(() => {
          const pid = run.child.pid;
          const now = pid === undefined ? undefined : peakRssMb(pid);
          peakMb = Math.max(peakMb, now ?? 0);
        }, 20)
      : undefined;
    const result = await run.done;
    clearInterval(poll);
    return { ...result, seconds: (Date.now() - started) / 1000, peakMb };
  }

  it('no answer at all: ends after connect + idle timeout, naming the host and the timeouts', async () => {
    server.mode = 'silent';
    const result = await plan(['--connect-timeout', '1', '--idle-timeout', '2']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`${server.host.replace(/\./g, '\\.')} did not answer within 3 s \\(connect timeout 1 s \\+ idle timeout 2 s\\)`));
    // The defaults would wait 90 s (30 + 60): well under that shows the given timeouts were used,
    // with room for a busy machine's process start-up (no timing target is asserted here).
    assert.ok(result.seconds < 45, `took ${result.seconds} s`);
  });

  it('headers, then silence: ends after the idle timeout with a clear message', async () => {
    server.mode = 'stallBody';
    const result = await plan(['--idle-timeout', '2']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`${server.host.replace(/\./g, '\\.')} sent nothing for 2 s \\(idle timeout\\)`));
    // The defaults would wait 90 s (30 + 60): well under that shows the given timeouts were used,
    // with room for a busy machine's process start-up (no timing target is asserted here).
    assert.ok(result.seconds < 45, `took ${result.seconds} s`);
  });

  it('timeouts are validated', async () => {
    for (const bad of ['0', '-1', 'ten', '3601', '1.5']) {
      const result = await plan([`--idle-timeout=${bad}`]);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /--idle-timeout must be a whole number of seconds from 1 to 3600 \(default 60\)/);
    }
  });

  it('a gzip bomb ends with a size error, the process under 200 MB', async () => {
    server.mode = 'gzipBomb';
    const result = await plan([], true);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /is larger than 16 MB \(after decompression\); it was not read further/);
    assert.ok(result.peakMb > 0, 'RSS was measured');
    assert.ok(result.peakMb < 200, `peak RSS ${result.peakMb} MB`);
  });

  it('names with escape sequences are printed escaped; a 5 MB error body is cut', async () => {
    server.mode = 'controlNames';
    const named = await plan();
    assert.equal(named.status, 2, named.stderr);
    assert.ok(!named.stdout.includes('\u001b') && !named.stderr.includes('\u001b[2J') && !named.stdout.includes('\u0007'), 'a raw escape reached the output');
    assert.match(named.stdout, /evil\\u001b\[2J\\u001b\]0;pwned\\u0007name:v1evil/);
    assert.match(named.stderr, /reading evil\\u001b\[2J/);
    server.mode = 'hugeError';
    const failed = await plan();
    assert.equal(failed.status, 1, failed.stderr);
    assert.ok(failed.stderr.length < 2000, `stderr is ${failed.stderr.length} characters`);
    assert.ok(!failed.stderr.includes('\u001b[31m'), 'a raw escape reached the output');
  });

  it('a wrongly shaped answer is a clear bad-response error', async () => {
    server.mode = 'wrongShape';
    const result = await plan();
    assert.equal(result.status, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /is not a function|Cannot read prop/);
    assert.match(result.stderr, /The registry's answer .*not in the expected shape|could not be read/);
  });
});
