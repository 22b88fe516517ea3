/**
 * The policy's deployments in plan and apply: planned before any registry (a deployment problem
 * stops apply before any change, rules included), finished after them (deployRun.ts).
 */
import { type CliOptions } from './args';
import { deploymentPlanText } from './deployText';
import { deploymentsBlockApply, type DeploymentsPart, type DeploymentsResult, finishDeploymentsPart, planDeploymentsPart } from './deployRun';
import { describeFailure } from './errors';
import { type CliIo, EXIT_ERROR } from './io';
import { type Loaded } from './policyLoad';
import { type RunContext } from './registryRun';

function deploymentsPlanOnly(part: DeploymentsPart, policyFile: string): string {
  return deploymentPlanText(part.plan, { policyFile, listOrphans: true });
}

/** The deployments planned (none for report or a policy without them); not ok when the run stops here. */
export async function planDeploymentsFirst(
  options: CliOptions,
  loaded: Extract<Loaded, { ok: true }>,
  io: CliIo,
  context: RunContext,
  fail: (message: string) => void,
): Promise<{ readonly ok: true; readonly part?: DeploymentsPart } | { readonly ok: false }> {
  if (options.command === 'report' || (loaded.policy.deployments ?? []).length === 0) {
    return { ok: true };
  }
  let deployments: DeploymentsPart;
  try {
    deployments = await planDeploymentsPart(loaded.policy, options.policyFile, loaded.registries, context);
  } catch (thrown: unknown) {
    context.progress.finish();
    fail(io.signal.aborted ? 'Cancelled; nothing was changed.' : `deployments: ${describeFailure(thrown, 'deployments')}`);
    return { ok: false };
  }
  const blocked = options.command === 'apply' ? deploymentsBlockApply(deployments, options.allowPartial === true) : undefined;
  if (blocked !== undefined) {
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ command: options.command, policyFile: options.policyFile, exitCode: EXIT_ERROR, registries: [], deployments: blocked.json }, null, 2)}\n`);
    } else {
      io.stdout.write(`${deploymentsPlanOnly(deployments, options.policyFile)}\n\n`);
    }
    fail(blocked.error ?? 'deployments: nothing was changed.');
    return { ok: false };
  }
  return { ok: true, part: deployments };
}

/** The deployments' part of the run after the registries: planned (plan) or applied (apply), shown. */
export async function finishDeployments(part: DeploymentsPart, options: CliOptions, io: CliIo, context: RunContext, fail: (message: string) => void): Promise<DeploymentsResult> {
  let deploymentsResult: DeploymentsResult;
  try {
    deploymentsResult = await finishDeploymentsPart(part, options.command === 'apply' ? 'apply' : 'plan', { policyFile: options.policyFile, allowPartial: options.allowPartial === true }, context);
  } catch (thrown: unknown) {
    context.progress.finish();
    const message = `deployments: ${describeFailure(thrown, 'deployments')}`;
    deploymentsResult = { exit: EXIT_ERROR, json: { error: message }, text: '', error: message };
  }
  if (!options.json && deploymentsResult.text !== '') {
    io.stdout.write(`${deploymentsResult.text}\n\n`);
  }
  if (deploymentsResult.error !== undefined) {
    fail(deploymentsResult.error);
  }
  return deploymentsResult;
}
