// `npm run test:ui`: packages the .vsix, installs it into a fresh code-server (installed mode,
// no smoke-test driver), starts the sandbox, then runs the mocha UI tests in out/test/ui/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { assertChromium } from './browser';
import { ensureCodeServer } from './codeServerInstall';
import { type InstalledWorkbench, packageVsix, startInstalledWorkbench } from './installed';
import { log, seconds } from './log';
import { repoRoot, resultsDir } from './paths';
import { countsOf, formatCounts, recordCounts, trackSkipped, type Counts, type UiRetry } from './results';
import { userSettingsFile } from './runFolder';
import { type RunningSandbox, startSandbox } from './sandbox';
import { UI_CONTEXT_ENV, type UiContext } from '../ui/context';
import { recordedRetries, setCurrentTest } from '../ui/retries';
import { closeBrowser } from '../ui/workbench';

function uiTestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return uiTestFiles(full);
    }
    return entry.name.endsWith('.test.js') ? [full] : [];
  }).sort();
}

/** The UI harness's retries of this run, said once more at its end (each was said as it happened). */
function reportRetries(retries: readonly UiRetry[]): void {
  log('ui', `UI retries: ${retries.length}`);
  for (const retry of retries) {
    log('ui', `  ${retry.gesture}: attempt ${retry.attempt} failed (${retry.reason}); in "${retry.test}"`);
  }
}

function runMocha(files: string[]): Promise<Counts> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, reporter: 'spec' });
  const grep = process.env.ACR_LOCKS_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  files.forEach((file) => mocha.addFile(file));
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ ...countsOf(runner.stats, skipped), uiRetries: [...recordedRetries()] }));
    const skipped = trackSkipped(runner);
    runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, (test: Mocha.Test) => setCurrentTest(test.fullTitle()));
    runner.on(Mocha.Runner.constants.EVENT_HOOK_BEGIN, (hook: Mocha.Hook) => {
      setCurrentTest(hook.fullTitle());
      hookStarted.set(hook, Date.now());
    });
    // Where the time goes besides the tests: opening each suite's window and putting data back.
    const hookStarted = new Map<Mocha.Hook, number>();
    const hookMs = { setup: 0, teardown: 0 };
    runner.on(Mocha.Runner.constants.EVENT_HOOK_END, (hook: Mocha.Hook) => {
      const ms = Date.now() - (hookStarted.get(hook) ?? Date.now());
      hookMs[/after/i.test(hook.title) ? 'teardown' : 'setup'] += ms;
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      log('ui', `hooks: ${(hookMs.setup / 1000).toFixed(1)}s setting up, ${(hookMs.teardown / 1000).toFixed(1)}s tearing down (windows opened and closed, data put back)`);
    });
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const files = uiTestFiles(path.join(repoRoot, 'out', 'test', 'ui'));
  if (files.length === 0) {
    throw new Error('no UI tests found in out/test/ui (run `npm run build`)');
  }
  assertChromium();
  await ensureCodeServer();
  const vsix = await packageVsix();
  let sandbox: RunningSandbox | undefined;
  let workbench: InstalledWorkbench | undefined;
  try {
    sandbox = await startSandbox('demo');
    workbench = await startInstalledWorkbench('ui', vsix, sandbox?.info);
    const context: UiContext = {
      url: workbench.server.workbenchUrl(),
      run: workbench.run,
      settingsFile: userSettingsFile(workbench.run),
      resultsDir: path.join(resultsDir, 'ui'),
      sandbox: sandbox?.info,
    };
    fs.rmSync(context.resultsDir, { recursive: true, force: true });
    process.env[UI_CONTEXT_ENV] = JSON.stringify(context);
    const counts = await runMocha(files);
    reportRetries(counts.uiRetries ?? []);
    recordCounts(counts);
    const ok = counts.failed === 0 && counts.passed > 0;
    log('ui', `${ok ? 'PASSED' : 'FAILED'}: ${formatCounts(counts)}; screenshots in ${context.resultsDir} (${seconds(started)})`);
    return ok ? 0 : 1;
  } finally {
    await closeBrowser();
    await workbench?.stop();
    await sandbox?.stop();
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (error: unknown) => {
    process.stderr.write(`[ui] ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    recordCounts({ passed: 0, failed: 1, pending: 0 });
    process.exit(1);
  });
}
