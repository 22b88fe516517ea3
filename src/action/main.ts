/**
 * The GitHub Action (action.yml; bundled as dist/action.js): `acr-locks plan|apply|report` with
 * the step's inputs, GitHub's annotations and job summary, the SARIF file for code scanning, and
 * the outputs `changed`, `drift`, `failed`. GitHub's runner protocol is used directly instead of
 * @actions/core (docs/github-action.md, "Why no @actions/core"): inputs are the environment
 * variables `INPUT_<NAME>` (upper case, spaces as `_`, hyphens kept), outputs are appended to the
 * file in `$GITHUB_OUTPUT` (heredoc syntax with a random delimiter), the password is masked with
 * `::add-mask::` before anything else is written, and a failed step sets the exit code to 1 and
 * writes `::error::`.
 *
 * Sign-in: `username` and `password` (a repository-scoped token or the admin user, from a secret),
 * else @azure/identity's DefaultAzureCredential — which uses the Azure CLI that `azure/login`
 * signed in (OpenID Connect workload identity federation or a service principal), or the
 * AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_FEDERATED_TOKEN_FILE environment.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sarifText } from '../cli/formats/sarif';
import { escapeData } from '../cli/formats/github';
import { runTool, stepFails, stepInputs, toolArgs } from '../cli/library';

const FORMATS = ['github', 'table', 'json', 'sarif', 'junit'];

/** `INPUT_<NAME>` as the runner sets it (core.getInput's rule). */
export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** One output, in the heredoc form (safe for any value). */
export function outputLine(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

function setOutput(env: NodeJS.ProcessEnv, name: string, value: string, write: (text: string) => void): void {
  const file = env.GITHUB_OUTPUT;
  if (file !== undefined && file !== '') {
    appendFileSync(file, outputLine(name, value), 'utf8');
  } else {
    // Old runners without GITHUB_OUTPUT.
    write(`::set-output name=${name}::${escapeData(value)}\n`);
  }
}

export interface ActionIo {
  readonly env: NodeJS.ProcessEnv;
  write(text: string): void;
  readonly signal: AbortSignal;
}

/** Runs the step; returns the exit code it ends with (also set on process.exitCode by run()). */
export async function runAction(io: ActionIo): Promise<number> {
  const env = io.env;
  const failStep = (message: string): number => {
    io.write(`::error::${escapeData(message)}\n`);
    return 1;
  };
  const password = env['INPUT_PASSWORD'] ?? '';
  if (password !== '') {
    io.write(`::add-mask::${escapeData(password)}\n`);
  }
  const checked = stepInputs((name) => getInput(env, name), password, { formats: FORMATS, failOnInput: 'fail-on' });
  if (!checked.ok) {
    return failStep(checked.message);
  }
  const { command, format, failOn, username } = checked.inputs;
  const registry = getInput(env, 'registry');
  const policy = getInput(env, 'policy') || '.acr-locks.json';
  const toolEnv: NodeJS.ProcessEnv = { ...env, ACR_PASSWORD: password === '' ? undefined : password, ACR_USERNAME: undefined };
  for (const name of Object.keys(toolEnv)) {
    if (name.startsWith('INPUT_')) {
      delete toolEnv[name];
    }
  }
  const run = await runTool(toolArgs({ command, policy, registry, format, username }), toolEnv, io.signal);
  const outcome = run.outcome;
  const sarifFile = getInput(env, 'sarif-file');
  if (sarifFile !== '' && outcome?.format !== undefined) {
    writeFileSync(resolve(env.GITHUB_WORKSPACE || process.cwd(), sarifFile), sarifText(outcome.format), 'utf8');
  }
  setOutput(env, 'changed', String(outcome?.changed ?? 0), io.write);
  setOutput(env, 'drift', String(outcome?.drift ?? 0), io.write);
  setOutput(env, 'failed', String(outcome?.failed ?? (run.exitCode === 1 ? 1 : 0)), io.write);
  setOutput(env, 'exit-code', String(run.exitCode), io.write);
  if (stepFails(failOn, run.exitCode)) {
    return failStep(run.exitCode === 2 ? `acr-locks ${command} found drift (fail-on: ${failOn}).` : `acr-locks ${command} failed (exit code ${run.exitCode}); see the log above.`);
  }
  return 0;
}

/** The entry @github/local-action and dist/action.js call. */
export async function run(): Promise<void> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const code = await runAction({ env: process.env, write: (text) => void process.stdout.write(text), signal: controller.signal });
    if (code !== 0) {
      process.exitCode = code;
    }
  } catch (error: unknown) {
    process.stdout.write(`::error::${escapeData(`acr-locks: unexpected failure: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
