/** dist/action.js: the GitHub Action's entry (action.yml `runs.main`). The logic is in main.ts. */
import { nodeVersionProblem } from '../cli/version';
import { run } from './main';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stdout.write(`::error::${problem}\n`);
  process.exitCode = 1;
} else {
  // The run's keep-alive connections would hold the process open for up to 30 s: exit once the output is out.
  void run().then(() => process.stdout.write('', () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)));
}
