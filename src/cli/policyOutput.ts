/**
 * What plan, apply and report show and write: each registry's result as it comes (table text,
 * problems), then the run's output (a pipeline format, CSV or JSON, the table to --output), the
 * outcome for a library caller and the drift hint; and the pipeline output of a policy file
 * that does not parse.
 */
import { type PolicyDiagnostic, reportCsv, reportJson } from '../policy';
import { terminalLines } from '../util/safeText';
import { type DeploymentsResult } from './deployRun';
import { type RegistryOutcome } from './formats/fromPolicy';
import { type FormatInput } from './formats/model';
import { type PipelineFormat } from './formats/render';
import { type CliIo, type CliOutcome, EXIT_DRIFT, EXIT_ERROR, EXIT_OK, jsonText } from './io';
import { renderRun, writer } from './pipelineOutput';
import { runCounts, planSummary } from './planText';
import { type PolicyRunOptions } from './policyRun';
import { type RegistryResult } from './registryResult';
import { CLI_VERSION } from './version';

/** Where the run's pipeline output goes and what it names. */
export interface RunFormats {
  readonly pipelineFormat: PipelineFormat | undefined;
  /** The policy file relative to the repository, as the pipeline formats name it. */
  readonly policyFile: string;
  readonly started: Date;
  readonly resolvePath: (file: string) => string;
}

/** Each registry's result, kept and shown as it comes: its table (on standard output, or kept for --output) and its problem. */
export class ShownResults {
  readonly results: RegistryResult[] = [];
  tableText = '';

  constructor(
    private readonly options: PolicyRunOptions,
    private readonly io: CliIo,
    private readonly fail: (message: string) => void,
  ) {}

  readonly show = (result: RegistryResult): void => {
    const { options, io } = this;
    this.results.push(result);
    if (options.format === 'table' && result.text !== undefined) {
      if (options.output === undefined) {
        io.stdout.write(`${result.text}\n\n`);
      } else {
        this.tableText += `${result.text}\n\n`;
      }
    }
    if (result.error !== undefined && options.command !== 'report') {
      this.fail(result.error);
    }
  };
}

/** Worst first: an error wins over drift, drift over in policy. */
export function combine(codes: readonly number[]): number {
  return codes.includes(EXIT_ERROR) ? EXIT_ERROR : codes.includes(EXIT_DRIFT) ? EXIT_DRIFT : EXIT_OK;
}

/** A policy file with errors: with a pipeline format, its diagnostics in it; the outcome either way. */
export async function writeInvalidPolicy(options: PolicyRunOptions, io: CliIo, diagnostics: readonly PolicyDiagnostic[] | undefined, formats: RunFormats): Promise<void> {
  const { pipelineFormat, started, resolvePath } = formats;
  const policyForFormats = formats.policyFile;
  const formatCommand = options.command;
  if (pipelineFormat !== undefined && diagnostics !== undefined) {
    const now = io.now().toISOString();
    const format = await renderRun(pipelineFormat, { command: formatCommand, version: CLI_VERSION, policyFile: policyForFormats, registries: [], diagnostics, exitCode: EXIT_ERROR, startTime: started.toISOString(), endTime: now }, { stdout: io.stdout, env: io.env, ...outputOf(options, resolvePath), ...files(io) });
    io.onOutcome?.({ command: options.command, exitCode: EXIT_ERROR, changed: 0, drift: 0, failed: 1, format });
  } else {
    io.onOutcome?.({ command: options.command, exitCode: EXIT_ERROR, changed: 0, drift: 0, failed: 1 });
  }
}

/** The run's output once every registry (and the deployments) is done. */
export async function writeRunOutput(options: PolicyRunOptions, io: CliIo, fail: (message: string) => void, shown: ShownResults, deploymentsResult: DeploymentsResult | undefined, exit: number, formats: RunFormats): Promise<void> {
  const { pipelineFormat, started, resolvePath } = formats;
  const policyForFormats = formats.policyFile;
  const formatCommand = options.command;
  const { results, tableText } = shown;
  const reports = results.flatMap((r) => (r.report === undefined ? [] : [r.report]));
  const out = async (text: string): Promise<void> => {
    if (options.output === undefined) {
      io.stdout.write(text);
    } else {
      await writer(io)(resolvePath(options.output), text);
    }
  };
  if (options.command === 'report') {
    for (const r of results) {
      if (r.error !== undefined) {
        fail(r.error);
      }
    }
  }
  let format: FormatInput | undefined;
  const outcomes = results.filter((r) => r.registry !== undefined).map((r) => registryOutcome(r));
  const formatRun = { command: formatCommand, version: CLI_VERSION, policyFile: policyForFormats, registries: outcomes, exitCode: exit, startTime: started.toISOString(), endTime: io.now().toISOString() } as const;
  if (pipelineFormat !== undefined) {
    format = await renderRun(pipelineFormat, formatRun, { stdout: io.stdout, env: io.env, ...outputOf(options, resolvePath), ...files(io) });
  } else if (options.command === 'report') {
    await out(options.format === 'csv' ? terminalLines(reportCsv(reports)) : `${jsonText(reportJson(reports))}\n`);
  } else if (options.json) {
    await out(
      `${jsonText({ command: options.command, policyFile: options.policyFile, exitCode: exit, registries: results.map((r) => r.json), ...(deploymentsResult === undefined ? {} : { deployments: deploymentsResult.json }) })}\n`,
    );
  } else if (options.output !== undefined) {
    await out(tableText);
  }
  if (io.onOutcome !== undefined) {
    const { policyFormatInput } = await import('./formats/fromPolicy');
    format ??= policyFormatInput(formatRun);
    io.onOutcome(outcomeOf(options.command, exit, results, format));
  }
  if (options.format === 'table' && options.command === 'plan' && exit === EXIT_DRIFT) {
    // The same registry and user as this run (a user name needs --registry); the password never appears.
    const scope = [...(options.registry === undefined ? [] : ['--registry', options.registry]), ...(options.username === undefined ? [] : ['-u', options.username])];
    io.stderr.write(`Drift found. Run acr-locks apply ${['--policy', options.policyFile, ...scope].join(' ')} to change the registry to match.\n`);
  }
}

export function registryOutcome(r: RegistryResult): RegistryOutcome {
  const loginServer = r.registry?.loginServer ?? '';
  const summary = r.applied !== undefined ? runCounts(loginServer, r.applied) : r.plan !== undefined ? planSummary(r.plan) : undefined;
  return {
    loginServer,
    ...(r.registry === undefined ? {} : { registry: r.registry }),
    ...(r.plan === undefined ? {} : { plan: r.plan }),
    ...(r.evaluation === undefined ? {} : { evaluation: r.evaluation }),
    ...(r.applied === undefined ? {} : { applied: r.applied }),
    ...(r.report === undefined ? {} : { report: r.report }),
    ...(r.error === undefined ? {} : { error: r.error }),
    ...(summary === undefined ? {} : { summary }),
  };
}

export function outcomeOf(command: string, exitCode: number, results: readonly RegistryResult[], format: FormatInput): CliOutcome {
  let changed = 0;
  let drift = 0;
  let failedCount = 0;
  for (const r of results) {
    if (r.applied !== undefined) {
      changed += r.applied.changed;
      failedCount += r.applied.failed + r.applied.maybeApplied + r.applied.notAttempted + r.applied.cancelled;
      drift += r.applied.outcomes.length - r.applied.changed - r.applied.unchanged;
    } else if (r.plan !== undefined) {
      drift += r.plan.totals.changes + r.plan.totals.conflicted;
      if (command === 'apply') {
        failedCount += r.error === undefined ? 0 : 1;
      }
    } else if (r.report !== undefined) {
      drift += r.report.rows.filter((row) => row.policy !== undefined && row.policy.status !== 'inPolicy').length;
    } else if (r.error !== undefined) {
      failedCount += 1;
    }
  }
  return { command, exitCode, changed, drift, failed: failedCount, format };
}

export function outputOf(options: PolicyRunOptions, resolvePath: (file: string) => string): { output?: string } {
  return options.output === undefined ? {} : { output: resolvePath(options.output) };
}

export function files(io: CliIo): { writeFile?: (path: string, text: string) => Promise<void>; appendFile?: (path: string, text: string) => Promise<void> } {
  return { ...(io.writeFile === undefined ? {} : { writeFile: io.writeFile }), ...(io.appendFile === undefined ? {} : { appendFile: io.appendFile }) };
}
