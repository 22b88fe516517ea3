// Mocha reporter: the spec reporter's output, plus the counts appended to $ACR_LOCKS_TEST_SUMMARY.
// Used by scripts/test.mjs: `mocha ... --reporter ./out/test/runner/summaryReporter.js`.
import Mocha from 'mocha';
import { countsOf, recordCounts, trackSkipped } from './results';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const skipped = trackSkipped(runner);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => recordCounts(countsOf(runner.stats, skipped)));
  }
}

export = SummaryReporter;
