// Mocha entry point loaded by the VS Code extension host (code-server or @vscode/test-electron):
// the host calls run(); resolving = suite passed, rejecting = suite failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { type Counts, HOST_SUITE_PREFIX, HOST_SUITE_START, RESTRICTED_SUITE_ENV, SUITE_RESULTS_ENV, countsOf, trackSkipped } from '../runner/results';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return testFiles(full);
    }
    return entry.name.endsWith('.test.js') ? [full] : [];
  }).sort();
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000 });
  const grep = process.env.ACR_LOCKS_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  // Restricted Mode is a run of its own (the folder opened untrusted): only restricted.test.js there, never here.
  const restricted = process.env[RESTRICTED_SUITE_ENV] === '1';
  for (const file of testFiles(__dirname)) {
    if ((path.basename(file) === 'restricted.test.js') === restricted) {
      mocha.addFile(file);
    }
  }
  console.log(HOST_SUITE_START);
  const counts = await new Promise<Counts>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(countsOf(runner.stats, skipped)));
      const skipped = trackSkipped(runner);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  console.log(`${HOST_SUITE_PREFIX}${JSON.stringify(counts)}`);
  const resultsFile = process.env[SUITE_RESULTS_ENV];
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify(counts));
  }
  if (counts.failed > 0) {
    throw new Error(`${counts.failed} extension-host test(s) failed`);
  }
  if (counts.passed + counts.failed === 0) {
    throw new Error('no extension-host tests ran');
  }
}
