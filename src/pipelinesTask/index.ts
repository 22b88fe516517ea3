/** dist/task.js: the Azure Pipelines task's entry (task.json `execution.Node24`). The logic is in main.ts. */
import { nodeVersionProblem } from '../cli/version';
import { run } from './main';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stdout.write(`##vso[task.complete result=Failed]${problem}\n`);
  process.exitCode = 1;
} else {
  void run().then(() => process.stdout.write('', () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)));
}
