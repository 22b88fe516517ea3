// `npm test`: lint, type check, build, unit tests, sandbox conformance tests, the extension-host
// suite and the UI test, in that order. Every stage runs; each prints its result, then ONE
// summary line `N passed, N failed[, N skipped]` sums the mocha counts of all stages (a stage
// that fails without reporting mocha failures — lint, typecheck, a crash — counts as 1 failed).
// Exits non-zero if any stage failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const summaryDir = join(root, '.cache', 'test-summary');
const reporter = './out/test/runner/summaryReporter.js';
const chromium = process.env.ACR_LOCKS_CHROMIUM ?? '/usr/bin/chromium';

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function ensureChromium() {
  if (existsSync(chromium)) {
    return 0;
  }
  if (process.getuid?.() === 0) {
    console.log('[test] Chromium missing: apt-get install -y chromium');
    return run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
  }
  console.error(`[test] Chromium not found at ${chromium}. Install it as root: apt-get install -y chromium`
    + ' (or set ACR_LOCKS_CHROMIUM to a Chromium binary).');
  return 1;
}

const stages = [
  { name: 'lint', run: () => run('npm', ['run', '-s', 'lint']) },
  { name: 'typecheck', run: () => run('npm', ['run', '-s', 'typecheck']) },
  { name: 'build', run: () => run('npm', ['run', '-s', 'build']) },
  { name: 'unit tests', mocha: true, run: (env) => run('npm', ['run', '-s', 'test:unit', '--', '--reporter', reporter], env) },
  { name: 'sandbox tests', mocha: true, run: (env) => run('npm', ['run', '-s', 'test:sandbox', '--', '--reporter', reporter], env) },
  {
    name: 'host prerequisites',
    run: () => Math.max(ensureChromium(), run('node', ['out/test/runner/codeServerInstall.js'])),
  },
  { name: 'extension-host suite', mocha: true, run: (env) => run('npm', ['run', '-s', 'test:host'], env) },
  { name: 'UI test', mocha: true, run: (env) => run('npm', ['run', '-s', 'test:ui'], env) },
];

function readCounts(file) {
  const total = { passed: 0, failed: 0, pending: 0 };
  if (!existsSync(file)) {
    return undefined;
  }
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const counts = JSON.parse(line);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.pending += counts.pending ?? 0;
  }
  return total;
}

const format = (c) => `${c.passed} passed, ${c.failed} failed${c.pending > 0 ? `, ${c.pending} skipped` : ''}`;

rmSync(summaryDir, { recursive: true, force: true });
mkdirSync(summaryDir, { recursive: true });
const total = { passed: 0, failed: 0, pending: 0 };
const report = [];
const started = Date.now();
for (const [index, stage] of stages.entries()) {
  const file = join(summaryDir, `${index}.jsonl`);
  console.log(`\n=== ${stage.name} ===`);
  const stageStart = Date.now();
  const code = stage.run({ ACR_LOCKS_TEST_SUMMARY: file });
  const counts = stage.mocha ? readCounts(file) : undefined;
  const ok = code === 0;
  if (counts) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.pending += counts.pending;
  }
  if (!ok && !(counts && counts.failed > 0)) {
    total.failed += 1;
  }
  const seconds = ((Date.now() - stageStart) / 1000).toFixed(1);
  const detail = counts ? `: ${format(counts)}` : '';
  const line = `${ok ? 'PASS' : 'FAIL'}  ${stage.name}${detail} (${seconds}s${ok ? '' : `, exit ${code}`})`;
  report.push(line);
  console.log(`=== ${line}`);
}
console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(0)}s) ===`);
report.forEach((line) => console.log(line));
const failedStages = report.filter((line) => line.startsWith('FAIL')).length;
console.log(format(total));
process.exit(failedStages > 0 ? 1 : 0);
