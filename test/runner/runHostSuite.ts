// `npm run test:host`: runs test/suite (mocha, tdd) inside a real VS Code extension host.
// Launcher: ACR_LOCKS_TEST_HOST=code-server|electron; default code-server on Linux, electron elsewhere.
// code-server also runs test/suite/restricted.test.ts a second time with the folder untrusted;
// ACR_LOCKS_TEST_RESTRICTED_ONLY=1 runs only that.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer } from './codeServerInstall';
import { runInCodeServer } from './hostCodeServer';
import { runInElectron } from './hostElectron';
import { log, seconds } from './log';
import { type Counts, RESTRICTED_SUITE_ENV, SUITE_RESULTS_ENV, formatCounts, parseCounts, recordCounts } from './results';
import { type RunningSandbox, startSandbox } from './sandbox';
import { SANDBOX_ENV, sandboxProxyEnv } from './sandboxInfo';

export type HostKind = 'code-server' | 'electron';

export function chooseHost(env: NodeJS.ProcessEnv = process.env): HostKind {
  const requested = env.ACR_LOCKS_TEST_HOST;
  if (requested === 'code-server' || requested === 'electron') {
    return requested;
  }
  if (requested) {
    throw new Error(`ACR_LOCKS_TEST_HOST must be code-server or electron, not "${requested}"`);
  }
  return process.platform === 'linux' ? 'code-server' : 'electron';
}

/** The Restricted Mode run (code-server only): workspace trust on, the folder untrusted, one test file. */
async function runRestricted(base: { extensionEnv: Record<string, string>; serverEnv: Record<string, string>; caFile?: string }, timeoutMs: number): Promise<{ ok: boolean; counts: Counts }> {
  const started = Date.now();
  let resultsFile = '';
  const extensionEnv: Record<string, string> = { ...base.extensionEnv, [RESTRICTED_SUITE_ENV]: '1' };
  const code = await runInCodeServer({
    extensionEnv, serverEnv: base.serverEnv, caFile: base.caFile, timeoutMs, restrictedMode: true,
    runDir: (dir: string) => {
      resultsFile = path.join(dir, 'suite-results.json');
      extensionEnv[SUITE_RESULTS_ENV] = resultsFile;
    },
  });
  const counts = resultsFile && fs.existsSync(resultsFile) ? parseCounts(fs.readFileSync(resultsFile, 'utf8')) : undefined;
  const ok = code === 0 && counts !== undefined && counts.failed === 0;
  log('host', `Restricted Mode run ${ok ? 'PASSED' : 'FAILED'}: ${counts ? formatCounts(counts) : 'the suite reported no results'} (exit ${code}, ${seconds(started)})`);
  return { ok, counts: counts ?? { passed: 0, failed: 1, pending: 0 } };
}

async function main(): Promise<number> {
  const started = Date.now();
  const host = chooseHost();
  const timeoutMs = Number(process.env.ACR_LOCKS_HOST_TIMEOUT_MS ?? 600_000);
  log('host', `launcher: ${host} (set ACR_LOCKS_TEST_HOST=code-server|electron to choose)`);
  if (host === 'code-server') {
    await ensureCodeServer();
  }
  let sandbox: RunningSandbox | undefined;
  let resultsFile = '';
  try {
    // ARM pages of 2 registries, set explicitly: the host suite's Azure test lists "Contoso Production" across pages.
    sandbox = await startSandbox('demo', { armPageSize: 2 });
    const extensionEnv: Record<string, string> = sandbox ? { [SANDBOX_ENV]: JSON.stringify(sandbox.info) } : {};
    const serverEnv: Record<string, string> = sandbox ? sandboxProxyEnv(sandbox.info) : {};
    const options = {
      extensionEnv, serverEnv, caFile: sandbox?.info.caFile || undefined, timeoutMs,
      runDir: (dir: string) => {
        resultsFile = path.join(dir, 'suite-results.json');
        extensionEnv[SUITE_RESULTS_ENV] = resultsFile;
      },
    };
    if (host === 'code-server' && process.env.ACR_LOCKS_TEST_RESTRICTED_ONLY === '1') {
      // Only the Restricted Mode run (restricted.test.ts), e.g. while working on workspace trust.
      const restricted = await runRestricted(options, timeoutMs);
      recordCounts(restricted.counts);
      return restricted.ok ? 0 : 1;
    }
    const code = host === 'code-server' ? await runInCodeServer(options) : await runInElectron(options);
    const counts: Counts | undefined = resultsFile && fs.existsSync(resultsFile)
      ? parseCounts(fs.readFileSync(resultsFile, 'utf8')) : undefined;
    // A suite that never reported counts (crash, timeout, missing index) counts as one failure.
    let reported = counts ?? { passed: 0, failed: 1, pending: 0 };
    let ok = code === 0 && counts !== undefined && counts.failed === 0;
    log('host', `${ok ? 'PASSED' : 'FAILED'}: ${counts ? formatCounts(counts) : 'the suite reported no results'} (exit ${code}, ${seconds(started)})`);
    if (host === 'code-server') {
      // Second run: the same workspace folder opened untrusted (Restricted Mode), only test/suite/restricted.test.ts.
      const restricted = await runRestricted(options, timeoutMs);
      reported = { passed: reported.passed + restricted.counts.passed, failed: reported.failed + restricted.counts.failed, pending: reported.pending + restricted.counts.pending, skipped: [...(reported.skipped ?? []), ...(restricted.counts.skipped ?? [])] };
      ok = ok && restricted.ok;
    }
    recordCounts(reported);
    return ok ? 0 : 1;
  } finally {
    await sandbox?.stop();
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (error: unknown) => {
    process.stderr.write(`[host] ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    recordCounts({ passed: 0, failed: 1, pending: 0 });
    process.exit(1);
  });
}
