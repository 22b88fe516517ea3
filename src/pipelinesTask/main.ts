/**
 * The Azure Pipelines task (pipelinesTask/task.json; bundled as dist/task.js): `acr-locks
 * plan|apply|report` with the task's inputs, logging commands (`##vso[task.logissue …]`), an
 * uploaded Markdown summary, output variables `changed`, `drift`, `failed`, and the task result.
 * The agent's protocol is used directly instead of azure-pipelines-task-lib
 * (docs/azure-pipelines-task.md): inputs are `INPUT_<NAME>` (upper case), outputs
 * `##vso[task.setvariable variable=…;isOutput=true]`, the password is registered with
 * `##vso[task.setsecret]` before anything else is written, and the result is
 * `##vso[task.complete result=Failed]` plus exit code 1.
 *
 * Sign-in, first match: `username` + `password`; the Azure Resource Manager service connection
 * named by `azureSubscription` — workload identity federation (an ID token from the agent's OIDC
 * endpoint, written to a file only this user can read, handed to @azure/identity as
 * AZURE_FEDERATED_TOKEN_FILE) or a service principal with a secret (AZURE_CLIENT_SECRET);
 * else DefaultAzureCredential (an AzureCLI@2 sign-in does not outlive its step, so use the
 * connection).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vsoCommand } from '../cli/formats/azurePipelines';
import { sarifText } from '../cli/formats/sarif';
import { runTool, stepFails, stepInputs, toolArgs } from '../cli/library';

const FORMATS = ['azure-pipelines', 'table', 'json', 'sarif', 'junit'];

/** `INPUT_<NAME>` as the agent sets it (task-lib's getInput rule: upper case, spaces as `_`). */
export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/[ .]/g, '_').toUpperCase()}`] ?? '').trim();
}

export interface TaskIo {
  readonly env: NodeJS.ProcessEnv;
  write(text: string): void;
  readonly signal: AbortSignal;
  /** The agent's OIDC endpoint (injected in tests). */
  readonly fetch?: typeof fetch;
}

/** A service connection's environment for @azure/identity, and a clean-up. */
export async function connectionEnv(io: TaskIo, connection: string): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => void } | { error: string }> {
  const env = io.env;
  const key = connection.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const scheme = (env[`ENDPOINT_AUTH_SCHEME_${key}`] ?? '').toLowerCase();
  const clientId = env[`ENDPOINT_AUTH_PARAMETER_${key}_SERVICEPRINCIPALID`] ?? '';
  const tenantId = env[`ENDPOINT_AUTH_PARAMETER_${key}_TENANTID`] ?? '';
  if (clientId === '' || tenantId === '') {
    return { error: `The service connection ${connection} has no service principal and tenant id in this job (is it an Azure Resource Manager connection, and is the task allowed to use it?).` };
  }
  if (scheme === 'serviceprincipal') {
    const secret = env[`ENDPOINT_AUTH_PARAMETER_${key}_SERVICEPRINCIPALKEY`] ?? '';
    if (secret === '') {
      return { error: `The service connection ${connection} uses a certificate, which this task does not support; use workload identity federation or a secret.` };
    }
    io.write(`${vsoCommand('task.setsecret', {}, secret)}\n`);
    return { env: { AZURE_CLIENT_ID: clientId, AZURE_TENANT_ID: tenantId, AZURE_CLIENT_SECRET: secret }, cleanup: () => undefined };
  }
  if (scheme !== 'workloadidentityfederation') {
    return { error: `The service connection ${connection} uses ${scheme || 'an unknown scheme'}; use workload identity federation or a service principal.` };
  }
  const requestUri = env.SYSTEM_OIDCREQUESTURI ?? '';
  const accessToken = env.SYSTEM_ACCESSTOKEN ?? '';
  if (requestUri === '' || accessToken === '') {
    return { error: 'Workload identity federation needs System.AccessToken: map it into the task with env: SYSTEM_ACCESSTOKEN: $(System.AccessToken).' };
  }
  const url = `${requestUri}?api-version=7.1&serviceConnectionId=${encodeURIComponent(connection)}`;
  const answer = await (io.fetch ?? fetch)(url, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' }, signal: io.signal });
  const body = (await answer.json().catch(() => undefined)) as { oidcToken?: unknown } | undefined;
  if (!answer.ok || typeof body?.oidcToken !== 'string') {
    return { error: `The agent's OIDC endpoint answered ${answer.status} without an ID token for ${connection}.` };
  }
  io.write(`${vsoCommand('task.setsecret', {}, body.oidcToken)}\n`);
  const dir = mkdtempSync(join(env.AGENT_TEMPDIRECTORY || tmpdir(), 'acr-locks-oidc-'));
  const file = join(dir, 'token');
  writeFileSync(file, body.oidcToken, { mode: 0o600 });
  return { env: { AZURE_CLIENT_ID: clientId, AZURE_TENANT_ID: tenantId, AZURE_FEDERATED_TOKEN_FILE: file }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function runTask(io: TaskIo): Promise<number> {
  const env = io.env;
  const fail = (message: string): number => {
    io.write(`${vsoCommand('task.logissue', { type: 'error' }, message)}\n${vsoCommand('task.complete', { result: 'Failed' }, message)}\n`);
    return 1;
  };
  const password = env.INPUT_PASSWORD ?? '';
  if (password !== '') {
    io.write(`${vsoCommand('task.setsecret', {}, password)}\n`);
  }
  const checked = stepInputs((name) => getInput(env, name), password, { formats: FORMATS, failOnInput: 'failOn' });
  if (!checked.ok) {
    return fail(checked.message);
  }
  const { command, format, failOn, username } = checked.inputs;
  const toolEnv: NodeJS.ProcessEnv = { ...env, ACR_PASSWORD: password === '' ? undefined : password, ACR_USERNAME: undefined };
  for (const name of Object.keys(toolEnv)) {
    if (name.startsWith('INPUT_') || name.startsWith('ENDPOINT_AUTH_')) {
      delete toolEnv[name];
    }
  }
  let cleanup = (): void => undefined;
  const connection = getInput(env, 'azureSubscription');
  if (username === '' && connection !== '') {
    const signIn = await connectionEnv(io, connection);
    if ('error' in signIn) {
      return fail(signIn.error);
    }
    Object.assign(toolEnv, signIn.env);
    cleanup = signIn.cleanup;
  }
  try {
    const run = await runTool(toolArgs({ command, policy: getInput(env, 'policy') || '.acr-locks.json', registry: getInput(env, 'registry'), format, username }), toolEnv, io.signal);
    const outcome = run.outcome;
    const sarifFile = getInput(env, 'sarifFile');
    if (sarifFile !== '' && outcome?.format !== undefined) {
      writeFileSync(sarifFile, sarifText(outcome.format), 'utf8');
    }
    const outputs: Record<string, string> = {
      changed: String(outcome?.changed ?? 0),
      drift: String(outcome?.drift ?? 0),
      failed: String(outcome?.failed ?? (run.exitCode === 1 ? 1 : 0)),
      exitCode: String(run.exitCode),
    };
    for (const [name, value] of Object.entries(outputs)) {
      io.write(`${vsoCommand('task.setvariable', { variable: name, isOutput: 'true' }, value)}\n`);
    }
    if (stepFails(failOn, run.exitCode)) {
      return fail(run.exitCode === 2 ? `acr-locks ${command} found drift (failOn: ${failOn}).` : `acr-locks ${command} failed (exit code ${run.exitCode}); see the log above.`);
    }
    io.write(`${vsoCommand('task.complete', { result: run.exitCode === 0 ? 'Succeeded' : 'SucceededWithIssues' }, `acr-locks ${command}: exit code ${run.exitCode}`)}\n`);
    return 0;
  } finally {
    cleanup();
  }
}

export async function run(): Promise<void> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    process.exitCode = await runTask({ env: process.env, write: (text) => void process.stdout.write(text), signal: controller.signal });
  } catch (error: unknown) {
    process.stdout.write(`${vsoCommand('task.complete', { result: 'Failed' }, `acr-locks: unexpected failure: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    process.exitCode = 1;
  }
}
