/**
 * Check Policy without the UI: for each valid policy file, each of its registry entries is matched
 * to a configured registry (acrLocks.registries, by login server) and planned by the policy
 * engine from the registry's listings (largest pages, nothing asked per item). A registry that is
 * not configured, or that fails, is reported on its own; the others are still planned.
 */
import { collectInventory, evaluatePolicy, planPolicy, type PolicyPlan, type RegistryPolicy, registryPolicySource } from '..';
import { type RegistryError, toRegistryError } from '../../registry/errors';
import { checkLoginServer } from '../../registry/loginServer';
import { type RegistryClient } from '../../registry/registryClient';
import { type RegistryNode } from '../../tree/nodes';
import { type LoadedPolicy, type ParsedPolicyFile } from './files';

export interface RegistryCheck {
  readonly entry: RegistryPolicy;
  /** The configured registry the entry names; undefined when acrLocks.registries has none. */
  readonly registry?: RegistryNode;
  readonly plan?: PolicyPlan;
  readonly error?: RegistryError;
}

export interface FolderCheck {
  readonly file: ParsedPolicyFile;
  readonly registries: readonly RegistryCheck[];
}

export interface PolicyCheck {
  readonly checkedOn: Date;
  /** Valid policy files, planned. */
  readonly folders: readonly FolderCheck[];
  /** Files with errors (diagnostics): nothing of them was checked. */
  readonly invalid: readonly ParsedPolicyFile[];
  /** Files that could not be read. */
  readonly unreadable: readonly Extract<LoadedPolicy, { state: 'unreadable' }>[];
}

export interface CheckDeps {
  readonly registries: () => readonly RegistryNode[];
  /**
   * The registries the Azure view discovered (signed in with the Microsoft account, as that view
   * does): a policy entry naming one of them is checked like a configured one.
   */
  readonly discover?: () => Promise<readonly RegistryNode[]>;
  readonly clientFor: (registry: RegistryNode) => Promise<RegistryClient>;
  readonly now: Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (loginServer: string, repository: string | undefined, index: number, total: number) => void;
}

/** Login servers compare after normalisation (case, scheme, trailing slash). */
export function sameLoginServer(a: string, b: string): boolean {
  const norm = (s: string): string => {
    const checked = checkLoginServer(s);
    return checked.ok ? checked.loginServer : s.toLowerCase();
  };
  return norm(a) === norm(b);
}

export function configuredRegistry(registries: readonly RegistryNode[], loginServer: string): RegistryNode | undefined {
  return registries.find((r) => sameLoginServer(r.config.loginServer, loginServer));
}

async function checkRegistry(entry: RegistryPolicy, deps: CheckDeps): Promise<RegistryCheck> {
  const registry = configuredRegistry(deps.registries(), entry.loginServer) ?? configuredRegistry((await deps.discover?.()) ?? [], entry.loginServer);
  if (registry === undefined) {
    return { entry };
  }
  try {
    const client = await deps.clientFor(registry);
    deps.onProgress?.(entry.loginServer, undefined, 0, 0);
    const inventory = await collectInventory(registryPolicySource(client), entry, {
      signal: deps.signal,
      onRepository: (name, index, total) => deps.onProgress?.(entry.loginServer, name, index, total),
    });
    return { entry, registry, plan: planPolicy(evaluatePolicy(entry, inventory, { now: deps.now })) };
  } catch (thrown: unknown) {
    const error = toRegistryError(thrown);
    if (error.kind === 'cancelled' || deps.signal?.aborted) {
      throw error;
    }
    return { entry, registry, error };
  }
}

export async function checkPolicies(files: readonly LoadedPolicy[], given: CheckDeps): Promise<PolicyCheck> {
  // Discovery runs at most once per check, and only when an entry is not configured.
  let discovered: Promise<readonly RegistryNode[]> | undefined;
  const discover = given.discover;
  const deps: CheckDeps = discover ? { ...given, discover: () => (discovered ??= discover().catch(() => [])) } : given;
  const folders: FolderCheck[] = [];
  const invalid: ParsedPolicyFile[] = [];
  const unreadable: Extract<LoadedPolicy, { state: 'unreadable' }>[] = [];
  for (const file of files) {
    if (file.state === 'unreadable') {
      unreadable.push(file);
      continue;
    }
    if (file.state !== 'loaded') {
      continue;
    }
    const policy = file.parsed.policy;
    if (policy === undefined) {
      invalid.push(file);
      continue;
    }
    const registries: RegistryCheck[] = [];
    for (const entry of policy.registries) {
      registries.push(await checkRegistry(entry, deps));
    }
    folders.push({ file, registries });
  }
  return { checkedOn: deps.now, folders, invalid, unreadable };
}

/** Totals over every planned registry. */
export function checkTotals(check: PolicyCheck): {
  changes: number;
  conflicted: number;
  inPolicy: number;
  selected: number;
  repositories: number;
  failed: number;
  notConfigured: number;
  /** Registries that were read and planned. */
  checked: number;
} {
  const all = check.folders.flatMap((f) => f.registries);
  const plans = all.flatMap((r) => (r.plan ? [r.plan] : []));
  return {
    changes: plans.reduce((n, p) => n + p.totals.changes, 0),
    conflicted: plans.reduce((n, p) => n + p.totals.conflicted, 0),
    inPolicy: plans.reduce((n, p) => n + p.totals.inPolicy, 0),
    selected: plans.reduce((n, p) => n + p.totals.tags + p.totals.manifests, 0),
    repositories: plans.reduce((n, p) => n + p.repositories.filter((r) => r.counts.changes + r.counts.conflicted > 0).length, 0),
    failed: all.filter((r) => r.error !== undefined).length,
    notConfigured: all.filter((r) => r.registry === undefined).length,
    checked: plans.length,
  };
}
