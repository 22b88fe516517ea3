/** One ARM registry resource → a registry the tree can connect to, or the reason it cannot be shown. */
import { checkLoginServer } from '../registry/loginServer';
import { type AzureSubscription, type DiscoveredRegistry, type RoleMode, type SkippedRegistry } from './model';

/** The fields of `@azure/arm-containerregistry`'s `Registry` that discovery reads (all checked, none trusted). */
export interface ArmRegistryResource {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly location?: unknown;
  readonly loginServer?: unknown;
  readonly provisioningState?: unknown;
  readonly sku?: unknown;
  readonly adminUserEnabled?: unknown;
  readonly anonymousPullEnabled?: unknown;
  readonly roleAssignmentMode?: unknown;
}

export type EntryResult = { readonly ok: true; readonly registry: DiscoveredRegistry } | { readonly ok: false; readonly skipped: SkippedRegistry };

/** Provisioning states of a registry that does not answer on its login server. */
const NOT_READY: ReadonlySet<string> = new Set(['creating', 'deleting']);

const RESOURCE_GROUP = /\/resourceGroups\/([^/]+)\//i;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 1024 ? value : undefined;
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function roleModeOf(value: unknown): RoleMode | undefined {
  if (value === 'AbacRepositoryPermissions') {
    return 'abac';
  }
  return value === 'LegacyRegistryPermissions' ? 'rbac' : undefined;
}

export function toRegistryEntry(resource: unknown, subscription: AzureSubscription): EntryResult {
  const raw: ArmRegistryResource = resource && typeof resource === 'object' ? resource : {};
  const name = text(raw.name);
  const id = text(raw.id);
  const provisioningState = text(raw.provisioningState);
  if (!name || !id) {
    return { ok: false, skipped: { name: name ?? '(unnamed)', reason: 'malformed', provisioningState } };
  }
  if (raw.loginServer === undefined || raw.loginServer === null || raw.loginServer === '') {
    return { ok: false, skipped: { name, reason: 'noLoginServer', provisioningState } };
  }
  const loginServer = text(raw.loginServer);
  if (!loginServer) {
    return { ok: false, skipped: { name, reason: 'badLoginServer', provisioningState } };
  }
  const checked = checkLoginServer(loginServer);
  // ARM gives a bare host name; a scheme, path or port there is not a login server.
  if (!checked.ok || checked.loginServer !== loginServer.toLowerCase() || checked.loginServer.includes(':')) {
    return { ok: false, skipped: { name, reason: 'badLoginServer', provisioningState } };
  }
  if (provisioningState !== undefined && NOT_READY.has(provisioningState.toLowerCase())) {
    // Azure lists a registry being created (or deleted) with its login server already set; it
    // does not answer, so it is not offered as a registry to browse. Updating ones still answer.
    return { ok: false, skipped: { name, reason: 'notReady', provisioningState } };
  }
  const sku = raw.sku && typeof raw.sku === 'object' ? text((raw.sku as { name?: unknown }).name) : undefined;
  return {
    ok: true,
    registry: {
      id,
      name,
      subscriptionId: subscription.subscriptionId,
      tenantId: subscription.tenantId,
      resourceGroup: RESOURCE_GROUP.exec(id)?.[1],
      loginServer: checked.loginServer,
      location: text(raw.location),
      sku,
      adminUserEnabled: flag(raw.adminUserEnabled),
      anonymousPullEnabled: flag(raw.anonymousPullEnabled),
      roleMode: roleModeOf(raw.roleAssignmentMode),
    },
  };
}

/** ARM text for a log line: control characters removed, at most 100 characters. */
export function logSafe(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

/** The log line for a skipped entry (names only: no tokens, no URLs). */
export function skippedMessage(skipped: SkippedRegistry, subscription: AzureSubscription): string {
  const where = `registry '${logSafe(skipped.name)}' of subscription '${logSafe(subscription.displayName)}' (${logSafe(subscription.subscriptionId)})`;
  switch (skipped.reason) {
    case 'noLoginServer':
      return `Azure: skipped ${where}: ARM lists no login server${skipped.provisioningState ? ` (provisioning state ${logSafe(skipped.provisioningState)})` : ''}.`;
    case 'badLoginServer':
      return `Azure: skipped ${where}: ARM's login server is not a host name.`;
    case 'malformed':
      return `Azure: skipped ${where}: the ARM entry has no name or id.`;
    case 'notReady':
      return `Azure: skipped ${where}: it is not ready (provisioning state ${logSafe(skipped.provisioningState ?? '')}).`;
  }
}
