/**
 * The tool as a library, for the GitHub Action and the Azure Pipelines task: the same `main()`
 * as the command line, with the process's streams, an environment of the caller's choosing (the
 * password goes in ACR_PASSWORD, never argv) and the run's outcome handed back.
 */
import { type CliOutcome, main, processIo } from './main';

export interface ToolRun {
  readonly exitCode: number;
  readonly outcome?: CliOutcome;
}

export async function runTool(argv: readonly string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<ToolRun> {
  let outcome: CliOutcome | undefined;
  const io = { ...processIo(signal), env, onOutcome: (o: CliOutcome) => void (outcome = o) };
  const exitCode = await main(argv, io);
  return { exitCode, ...(outcome === undefined ? {} : { outcome }) };
}

export type FailOn = 'drift' | 'error' | 'never';

export function parseFailOn(text: string): FailOn | undefined {
  const value = text.trim().toLowerCase() || 'drift';
  return value === 'drift' || value === 'error' || value === 'never' ? value : undefined;
}

/** What a pipeline step (the Action, the task) was asked, checked the same way for both. */
export interface StepInputs {
  readonly command: string;
  readonly format: string;
  readonly failOn: FailOn;
  readonly username: string;
  readonly password: string;
}

/**
 * The step's inputs (`input(name)` reads `INPUT_<NAME>` by its host's rule), checked: command,
 * format (one of `formats`, the first is the default), fail-on, and a password only with a user name.
 */
export function stepInputs(
  input: (name: string) => string,
  password: string,
  options: { readonly formats: readonly string[]; readonly failOnInput: string },
): { readonly ok: true; readonly inputs: StepInputs } | { readonly ok: false; readonly message: string } {
  const command = input('command') || 'plan';
  if (!['plan', 'apply', 'report'].includes(command)) {
    return { ok: false, message: `The input command must be plan, apply or report (it is "${command}").` };
  }
  const format = input('format') || (options.formats[0] ?? 'table');
  if (!options.formats.includes(format)) {
    return { ok: false, message: `The input format must be one of ${options.formats.join(', ')}.` };
  }
  const failOn = parseFailOn(input(options.failOnInput));
  if (failOn === undefined) {
    return { ok: false, message: `The input ${options.failOnInput} must be drift, error or never.` };
  }
  const username = input('username');
  if (password !== '' && username === '') {
    return { ok: false, message: 'The input password needs username (the token or admin user name).' };
  }
  return { ok: true, inputs: { command, format, failOn, username, password } };
}

/** Whether the step fails: `drift` on any non-zero exit (2 is drift), `error` on 1 only, `never` never. */
export function stepFails(failOn: FailOn, exitCode: number): boolean {
  return failOn === 'drift' ? exitCode !== 0 : failOn === 'error' ? exitCode === 1 : false;
}

/** The command line for one step's inputs; the password is never part of it. */
export function toolArgs(inputs: { command: string; policy: string; registry: string; format: string; username: string }): string[] {
  return [
    inputs.command,
    '--policy',
    inputs.policy,
    ...(inputs.registry === '' ? [] : ['--registry', inputs.registry]),
    '--format',
    inputs.format,
    ...(inputs.username === '' ? [] : ['--username', inputs.username]),
  ];
}
