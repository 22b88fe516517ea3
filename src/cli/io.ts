/**
 * What a run of acr-locks reads and writes through (standard streams, files, the clock, the
 * signal), what it hands back to a library caller, its exit codes, and the JSON it writes.
 */
import { readFile } from 'node:fs/promises';
import { readStreamBounded, STDIN_TIMEOUT_SEC, type StdinResult } from './auth';
import { type FormatInput } from './formats/model';
import { type TextSink } from './progress';

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  /** The password on standard input: bounded in time (auth.ts STDIN_TIMEOUT_SEC) and ended by the run's signal. */
  readStdin(): Promise<StdinResult>;
  readFile(path: string): Promise<string>;
  now(): Date;
  readonly signal: AbortSignal;
  /** Files the run writes (--output, --audit-log, summaries); default node:fs. */
  writeFile?(path: string, text: string): Promise<void>;
  appendFile?(path: string, text: string): Promise<void>;
  /** The folder relative paths start from (default process.cwd()). */
  readonly cwd?: string;
  /** Called once at the end with what happened (the GitHub Action and the Azure Pipelines task read it). */
  onOutcome?(outcome: CliOutcome): void;
}

/** A run's results for callers that drive the tool as a library (src/action, src/pipelinesTask). */
export interface CliOutcome {
  readonly command: string;
  readonly exitCode: number;
  /** Items changed by apply. */
  readonly changed: number;
  /** Items found drifting (plan, report) or still to change (apply). */
  readonly drift: number;
  /** Items or registries that failed. */
  readonly failed: number;
  /** The pipeline-format input (findings, checks, summary) of the run. */
  readonly format?: FormatInput;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_DRIFT = 2;

export function processIo(signal: AbortSignal): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin: () => readStreamBounded(process.stdin, { timeoutMs: STDIN_TIMEOUT_SEC * 1000, signal }),
    readFile: (path) => readFile(path, 'utf8'),
    now: () => new Date(),
    signal,
  };
}

/** JSON escapes C0 controls itself; DEL and C1 controls, which terminals also act on, are escaped too. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
