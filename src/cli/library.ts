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
