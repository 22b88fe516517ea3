/**
 * `acr-locks plan|apply|report --policy FILE`, in steps: the policy file and the run's options
 * are checked before anything is sent; the deployments are planned; each registry entry is
 * planned, applied or reported (apply plans every registry first and applies only when nothing
 * refuses it, appending to the audit log); the deployments are finished; the output is written.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { type RegistryPolicy } from '../policy';
import { type CliCommand, type CliOptions, CREDENTIALS_NEED_REGISTRY } from './args';
import { refusedUnlocks, refusedWrites, writeIdentityOf } from './applyRefusals';
import { auditIdentity } from './doctor';
import { repoRelative, isPipelineFormat } from './formats/render';
import { type CliIo, EXIT_ERROR } from './io';
import { appender, auditLines } from './pipelineOutput';
import { finishDeployments, planDeploymentsFirst } from './policyDeployments';
import { type Loaded, loadPolicy } from './policyLoad';
import { combine, type RunFormats, ShownResults, writeInvalidPolicy, writeRunOutput } from './policyOutput';
import { applyPlanned, checkedServer, type Planned, runRegistry } from './registryResult';
import { type RunContext } from './registryRun';
import { createRunContext } from './runContext';

/** The options of plan, apply and report: every command but doctor. */
export type PolicyRunOptions = CliOptions & { readonly command: Exclude<CliCommand, 'doctor'> };

export function isPolicyRun(options: CliOptions): options is PolicyRunOptions {
  return options.command !== 'doctor';
}

export async function policyMain(options: PolicyRunOptions, io: CliIo, fail: (message: string) => void, started: Date, cwd: string): Promise<number> {
  const resolvePath = (file: string): string => resolve(cwd, file);
  const loaded = await loadPolicy(options, io, fail);
  const formats: RunFormats = {
    pipelineFormat: isPipelineFormat(options.format) ? options.format : undefined,
    policyFile: options.policyFile === '' ? '' : repoRelative(options.policyFile, io.env, cwd),
    started,
    resolvePath,
  };
  if (!loaded.ok) {
    await writeInvalidPolicy(options, io, loaded.diagnostics, formats);
    return EXIT_ERROR;
  }
  const refusal = optionsRefusal(options, loaded, io);
  if (refusal !== undefined) {
    fail(refusal);
    return EXIT_ERROR;
  }
  const created = await createRunContext(options, io);
  if (!created.ok) {
    fail(created.message);
    return EXIT_ERROR;
  }
  const { context } = created;
  // Deployments are planned first: a deployment problem stops apply before any change (rules included).
  const deployments = await planDeploymentsFirst(options, loaded, io, context, fail);
  if (!deployments.ok) {
    return EXIT_ERROR;
  }
  const shown = new ShownResults(options, io, fail);
  await runRegistries(options, loaded.registries, io, context, shown, fail, formats);
  const deploymentsResult = deployments.part !== undefined && !io.signal.aborted ? await finishDeployments(deployments.part, options, io, context, fail) : undefined;
  const exit = io.signal.aborted ? EXIT_ERROR : combine([...shown.results.map((r) => r.exit), ...(deploymentsResult === undefined ? [] : [deploymentsResult.exit])]);
  await writeRunOutput(options, io, fail, shown, deploymentsResult, exit, formats);
  return exit;
}

/** Options the policy makes wrong, before anything is sent: a password for several registries, --trust-custom-domain for none of them. */
function optionsRefusal(options: PolicyRunOptions, loaded: Extract<Loaded, { ok: true }>, io: CliIo): string | undefined {
  // A password goes to one registry only (docs/security.md): ACR_USERNAME counts like --username.
  if (options.registry === undefined && (options.username !== undefined || (io.env.ACR_USERNAME?.trim() ?? '') !== '')) {
    return CREDENTIALS_NEED_REGISTRY;
  }
  if (options.trustCustomDomain !== undefined && !loaded.registries.some((r) => checkedServer(r.loginServer) === options.trustCustomDomain)) {
    return `--trust-custom-domain names ${options.trustCustomDomain}, which is not a registry this run checks; nothing was sent.`;
  }
  return undefined;
}

/** Every registry entry: plan and report run start to end; apply plans them all, then applies them unless refused. */
async function runRegistries(
  options: PolicyRunOptions,
  registries: readonly RegistryPolicy[],
  io: CliIo,
  context: RunContext,
  shown: ShownResults,
  fail: (message: string) => void,
  formats: RunFormats,
): Promise<void> {
  const { show } = shown;
  // apply plans every registry first: lock removals are refused before any change is sent anywhere.
  const planned: Planned[] = [];
  for (const registry of registries) {
    if (io.signal.aborted) {
      break;
    }
    const result = await runRegistry(options, registry, context);
    if ('client' in result) {
      planned.push(result);
    } else {
      show(result);
    }
  }
  const refused = refusedUnlocks(planned, options) ?? (await refusedWrites(planned, context));
  const runId = randomUUID();
  if (refused !== undefined) {
    refused.forEach(show);
    return;
  }
  for (const p of planned) {
    if (io.signal.aborted) {
      break;
    }
    const result = await applyPlanned(p, context);
    show(result);
    if (options.auditLog !== undefined && result.applied !== undefined) {
      const lines = auditLines(p.registry.loginServer, result.applied, {
        runId,
        command: 'apply',
        policyFile: formats.policyFile,
        identity: auditIdentity(writeIdentityOf(p.registry.loginServer)),
        now: () => io.now(),
      });
      if (lines !== '') {
        try {
          await appender(io)(formats.resolvePath(options.auditLog), lines);
        } catch (thrown: unknown) {
          const code = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : '';
          fail(`Cannot append to the audit log ${options.auditLog}${code ? ` (${code})` : ''}; the changes above were made but are not recorded there.`);
          shown.results.push({ exit: EXIT_ERROR, json: {} });
        }
      }
    }
  }
}
