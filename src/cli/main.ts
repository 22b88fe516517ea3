/**
 * `acr-locks`: the command line's entry. Arguments are checked before anything is sent (a bad
 * flag or file exits 1 and sends nothing); then the command runs: plan, apply and report with a
 * policy file (policyRun.ts), report of an audit log alone, doctor (doctorRun.ts), images and
 * release-orphans (deployRun.ts). Exit codes: 0 in policy / applied, 2 drift found by plan, 1
 * error. Results on standard output (table, CSV or JSON), progress and problems on standard error.
 */
import { resolve } from 'node:path';
import { terminalText } from '../util/safeText';
import { type CliOptions, parseCliArgs, USAGE } from './args';
import { DEPLOY_USAGE, deployCommandOf } from './deployArgs';
import { deployMain } from './deployRun';
import { doctorMain } from './doctorRun';
import { type CliIo, EXIT_ERROR, EXIT_OK } from './io';
import { auditReport, writer } from './pipelineOutput';
import { isPolicyRun, policyMain } from './policyRun';
import { CLI_VERSION } from './version';

export { type CliIo, type CliOutcome, EXIT_DRIFT, EXIT_ERROR, EXIT_OK, processIo } from './io';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string): void => void io.stderr.write(`acr-locks: ${terminalText(message)}\n`);
  if (!argv.includes('--help') && !argv.includes('-h') && deployCommandOf(argv) !== undefined) {
    return deployMain(argv, io);
  }
  const args = parseCliArgs(argv);
  switch (args.kind) {
    case 'help':
      io.stdout.write(USAGE + DEPLOY_USAGE);
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${CLI_VERSION}\n`);
      return EXIT_OK;
    case 'error':
      fail(args.message);
      return EXIT_ERROR;
    case 'run':
      break;
  }
  const { options } = args;
  const started = io.now();
  const cwd = io.cwd ?? process.cwd();
  const resolvePath = (file: string): string => resolve(cwd, file);
  if (options.command === 'report' && options.auditLog !== undefined && options.policyFile === '') {
    return auditLogReport(options, options.auditLog, io, fail, resolvePath);
  }
  if (!isPolicyRun(options)) {
    return doctorMain(options, io, fail);
  }
  return policyMain(options, io, fail, started, cwd);
}

/** `acr-locks report --audit-log FILE` without a policy: the audit log summarised. */
async function auditLogReport(options: CliOptions, auditLog: string, io: CliIo, fail: (message: string) => void, resolvePath: (file: string) => string): Promise<number> {
  const summary = await auditReport(resolvePath(auditLog), options.format === 'json', io);
  if (summary.error !== undefined) {
    fail(summary.error);
  } else if (options.output !== undefined) {
    await writer(io)(resolvePath(options.output), summary.text);
  } else {
    io.stdout.write(summary.text);
  }
  return summary.exit;
}
