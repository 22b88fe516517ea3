/**
 * The one place a CLI run gets its sign-in and transport: the credentials chosen (a password only
 * for the one --registry, read from ACR_PASSWORD or standard input and kept out of every log line),
 * the timeouts, one HTTP client (connections and proxy tunnels reused), progress and verbose log.
 * plan/apply/report, the deployment commands and doctor all start here.
 */
import { type RegistryLogger } from '../registry/log';
import { DEFAULT_TRANSPORT_LIMITS, type TransportLimits } from '../registry/transportLimits';
import { chooseAuth, type StdinResult } from './auth';
import { rememberSecret } from './logScrub';
import { progressOn, type TextSink } from './progress';
import { type RunContext } from './registryRun';
import { cliHttpClient } from './transport';
import { terminalLines } from '../util/safeText';

export interface RunContextOptions {
  readonly username?: string;
  readonly registry?: string;
  readonly trustCustomDomain?: string;
  readonly verbose: boolean;
  readonly concurrency: number;
  /** Seconds; the defaults of transportLimits.ts when absent. */
  readonly connectTimeoutSec?: number;
  readonly idleTimeoutSec?: number;
}

export interface RunContextIo {
  readonly stderr: TextSink;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  readStdin(): Promise<StdinResult>;
  now(): Date;
  readonly signal: AbortSignal;
}

export function stderrLogger(sink: TextSink): RegistryLogger {
  const line = (level: string) => (message: string) => void sink.write(`[${level}] ${message}\n`);
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

export async function createRunContext(options: RunContextOptions, io: RunContextIo): Promise<{ readonly ok: true; readonly context: RunContext } | { readonly ok: false; readonly message: string }> {
  const auth = await chooseAuth({
    username: options.username,
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    env: io.env,
    stdinIsTTY: io.stdinIsTTY,
    readStdin: io.readStdin,
    prompt: (text) => void io.stderr.write(terminalLines(text)),
  });
  if (!auth.ok) {
    return { ok: false, message: auth.message };
  }
  if (auth.auth.kind === 'password') {
    // A password read from standard input is cut out of any library log line (logScrub.ts).
    rememberSecret(await auth.auth.credentials.getPassword());
  }
  const limits: TransportLimits = {
    ...DEFAULT_TRANSPORT_LIMITS,
    ...(options.connectTimeoutSec === undefined ? {} : { connectTimeoutMs: options.connectTimeoutSec * 1000 }),
    ...(options.idleTimeoutSec === undefined ? {} : { idleTimeoutMs: options.idleTimeoutSec * 1000 }),
  };
  return {
    ok: true,
    context: {
      auth: auth.auth,
      limits,
      httpClient: cliHttpClient(limits, io.env),
      ...(options.verbose ? { logger: stderrLogger(io.stderr) } : {}),
      signal: io.signal,
      progress: progressOn(io.stderr),
      now: io.now(),
      concurrency: options.concurrency,
      ...(options.trustCustomDomain === undefined ? {} : { trustCustomDomain: options.trustCustomDomain }),
    },
  };
}
