#!/usr/bin/env node
/**
 * `acr-locks`: entry of the bundled command-line tool (dist/cli.js). Checks the Node.js version
 * before anything else is loaded, cancels cleanly on the first Ctrl+C, and exits with the code
 * of the run (0 in policy / applied, 2 drift found by plan, 1 error).
 */
import { nodeVersionProblem } from './version';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) {
      process.exit(1);
    }
    process.stderr.write('\nCancelling: no new changes are sent (press Ctrl+C again to stop at once).\n');
    controller.abort();
  });
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
