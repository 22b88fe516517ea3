/**
 * The workspace's deployments: for each valid policy file with a `deployments` section, the plan
 * of src/deploy/protect/ made with the extension's registry clients (the registries of
 * acrLocks.registries or discovered by the Azure view, as Apply Policy finds them), under one cancellable progress. Publishes the
 * tree's marks. A managed registry neither configured nor discovered is a blocker (fail closed).
 */
import * as vscode from 'vscode';
import { type LockClient } from '../../locks/client';
import { loginServerKey } from '../../policy/model';
import { type ParsedPolicyFile, type LoadedPolicy } from '../../policy/vscode/files';
import { describeError } from '../../errorText';
import { toRegistryError } from '../../registry/errors';
import { type Services } from '../../services';
import { type RegistryNode } from '../../tree/nodes';
import { deploymentOptions, type DeploymentPlan, planDeployments } from '../protect';
import { deployedEntries } from './marks';

export interface PolicyDeployments {
  readonly file: ParsedPolicyFile;
  readonly plan: DeploymentPlan;
  /** The registries the plan reads (configured or discovered): redrawn after a run. */
  readonly registries: readonly RegistryNode[];
}

/** Valid, readable policy files on disk that have a `deployments` section. */
export function withDeployments(files: readonly LoadedPolicy[]): ParsedPolicyFile[] {
  return files.filter((f): f is ParsedPolicyFile => f.state === 'loaded' && f.uri.scheme === 'file' && (f.parsed.policy?.deployments ?? []).length > 0);
}

async function clientsOf(services: Services, file: ParsedPolicyFile): Promise<{ clients: Map<string, LockClient>; registries: RegistryNode[]; notConfigured: string[] }> {
  const clients = new Map<string, LockClient>();
  const registries: RegistryNode[] = [];
  const notConfigured: string[] = [];
  for (const entry of file.parsed.policy?.registries ?? []) {
    const registry = await services.policy.registryFor(entry.loginServer);
    if (registry === undefined) {
      notConfigured.push(entry.loginServer);
      continue;
    }
    clients.set(loginServerKey(entry.loginServer), await services.connections.clientFor(registry.config));
    registries.push(registry);
  }
  return { clients, registries, notConfigured };
}

/** One policy file's plan; references of registries not in acrLocks.registries block it. */
async function planFile(services: Services, file: ParsedPolicyFile, signal: AbortSignal, onStep: (message: string) => void): Promise<PolicyDeployments> {
  const policy = file.parsed.policy;
  if (policy === undefined) {
    throw new Error(`${file.label} has errors`);
  }
  const { clients, registries, notConfigured } = await clientsOf(services, file);
  const plan = await planDeployments(
    deploymentOptions(policy, file.uri.fsPath, {
      client: (loginServer) => clients.get(loginServerKey(loginServer)),
      signal,
      onStep,
      describeFailure: (thrown, where) => `${where}: ${describeError(toRegistryError(thrown), where).message}`,
    }),
  );
  const unchecked = plan.references.filter((r) => r.status === 'unchecked');
  if (unchecked.length === 0) {
    return { file, plan, registries };
  }
  const blockers = notConfigured.map((loginServer) => {
    const count = unchecked.filter((r) => r.loginServer !== undefined && loginServerKey(r.loginServer) === loginServerKey(loginServer)).length;
    const message =
      count === 1
        ? vscode.l10n.t('{0}: {1} is neither in acrLocks.registries nor found by the Azure view, so its 1 deployed reference was not checked. Add it (Add Registry…) or sign in to Azure, and run the command again.', file.label, loginServer)
        : vscode.l10n.t('{0}: {1} is neither in acrLocks.registries nor found by the Azure view, so its {2} deployed references were not checked. Add it (Add Registry…) or sign in to Azure, and run the command again.', file.label, loginServer, count);
    return { kind: 'registry' as const, message };
  });
  return { file, plan: { ...plan, blockers: [...plan.blockers, ...blockers] }, registries };
}

/** Plans every policy file's deployments with a cancellable progress, then marks the tree. */
export async function scanDeployments(services: Services, files: readonly ParsedPolicyFile[]): Promise<PolicyDeployments[]> {
  const scans = await services.ui.withProgress({ title: vscode.l10n.t('Reading the deployment files…'), cancellable: true }, async (progress, signal) => {
    const out: PolicyDeployments[] = [];
    for (const file of files) {
      progress.report(vscode.l10n.t('{0}: finding image references', file.label));
      const scan = await planFile(services, file, signal, (message) => progress.report(`${file.label}: ${message}`));
      const { plan } = scan;
      services.log.info(`Protect Deployed Images: ${file.label}: ${plan.references.length} references, ${plan.changes.length} changes, ${plan.orphans.length} orphans, ${plan.blockers.length} problems`);
      out.push(scan);
    }
    return out;
  });
  services.deployed.replace(deployedEntries(scans.map((s) => s.plan)));
  return scans;
}

