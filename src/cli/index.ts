#!/usr/bin/env node
/**
 * `acr-locks`: entry of the bundled command-line tool (dist/cli.js). Checks the Node.js version
 * before anything else is loaded, cancels cleanly on the first Ctrl+C, and exits with the code
 * of the run (0 in policy / applied, 2 drift found by plan, 1 error).
 */
import { installScrubbedStderr } from './logScrub';
import { nodeVersionProblem } from './version';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  // Library debug logging (DEBUG, AZURE_LOG_LEVEL, NODE_DEBUG) writes to standard error: redacted (logScrub.ts).
  installScrubbedStderr(process.env);
  const controller = new AbortController();
  // SIGTERM (a CI job cancelled, `kill`) is handled like Ctrl+C: nothing new is sent, and the report
  // says what was applied and what may have been; a second signal stops at once. Exit code 1 either way.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.exit(1);
    }
    const how = signal === 'SIGINT' ? 'press Ctrl+C again to stop at once' : `send ${signal} again to stop at once`;
    process.stderr.write(`\nCancelling (${signal}): no new changes are sent; changes on their way may have been applied (${how}).\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  import('./main')
    .then(({ main, processIo }) => main(process.argv.slice(2), processIo(controller.signal)))
    .then((code) => {
      process.stdout.write('', () => process.exit(code));
    })
    .catch((error: unknown) => {
      process.stderr.write(`acr-locks: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
