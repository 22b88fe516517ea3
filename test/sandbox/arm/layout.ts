/**
 * What the sandbox's Azure Resource Manager serves: tenants, subscriptions and the registry
 * resources of each subscription. Every registry it lists with a login server is a registry
 * the sandbox serves (`<name>.azurecr.io`).
 */
import { createHash, randomBytes } from 'node:crypto';

export type SkuName = 'Basic' | 'Standard' | 'Premium';
export type RoleAssignmentMode = 'LegacyRegistryPermissions' | 'AbacRepositoryPermissions';
export type ProvisioningState = 'Succeeded' | 'Creating';

export interface ArmRegistrySpec {
  /** The registry name; a served registry unless `loginServer` is false. */
  name: string;
  /** Default `rg-<name>`. */
  resourceGroup?: string;
  /** Default `eastus`. */
  location?: string;
  /** Default `Standard`. */
  sku?: SkuName;
  /** Default `LegacyRegistryPermissions` (RBAC registry permissions). */
  roleAssignmentMode?: RoleAssignmentMode;
  /**
   * Default `Succeeded`. `Creating`: the entry is listed with its login server (as Azure lists a registry
   * being created, az's recordings) but the sandbox need not serve it (the proxy refuses it, like a name
   * that does not resolve yet).
   */
  provisioningState?: ProvisioningState;
  /**
   * NOT AZURE — a hostile/edge entry for client guards: false = the ARM entry has no `properties.loginServer`
   * at all (Azure lists one even while creating). Not served.
   */
  loginServer?: false;
}

export interface ArmSubscriptionSpec {
  displayName: string;
  /** Default: derived from the display name (stable across runs). */
  subscriptionId?: string;
  /** Index into `tenants`; default 0. */
  tenant?: number;
  /** false: listing its registries answers 403 AuthorizationFailed. Default true. */
  readable?: boolean;
  registries: ArmRegistrySpec[];
}

/** Misbehaviour of the registries listing, for tests of the client's guards. */
export type ArmHostileMode = 'otherOriginNextLink' | 'repeatedNextLink' | 'malformedList';

export interface ArmLayoutSpec {
  /** Default: one tenant. */
  tenants?: { displayName: string; defaultDomain?: string }[];
  subscriptions: ArmSubscriptionSpec[];
  /**
   * Registries per ARM list page; default DEFAULT_PAGE_SIZE (1000): a small subscription is one page without
   * nextLink, as Azure answers. Small pages (e.g. 2) are for paging tests; `SandboxOptions.armPageSize` overrides.
   */
  pageSize?: number;
  /** Makes every registries listing misbehave (default: none). */
  hostile?: ArmHostileMode;
}

export interface ArmTenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  /** The bearer token ARM accepts for this tenant (tenant 0: the sandbox's `aadToken`). */
  token: string;
}

export interface ArmRegistry {
  name: string;
  resourceGroup: string;
  location: string;
  sku: SkuName;
  roleAssignmentMode: RoleAssignmentMode;
  /** undefined: the entry has no login server (a non-Azure edge entry). */
  loginServer: string | undefined;
  provisioningState: ProvisioningState;
  adminUserEnabled: boolean;
  anonymousPullEnabled: boolean;
}

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  readable: boolean;
  registries: ArmRegistry[];
}

export interface ArmLayout {
  tenants: ArmTenant[];
  subscriptions: ArmSubscription[];
  pageSize: number;
  hostile: ArmHostileMode | undefined;
}

/** The registries the default sandbox serves: the demo layout's. */
export const DEMO_REGISTRIES: readonly string[] = ['sandbox', 'contosoprod', 'contosoarchive', 'fabrikamdev'];

/** ARM's page size is not documented; Azure answers a small subscription in one page, so the default is large. */
export const DEFAULT_PAGE_SIZE = 1000;

const SKUS: readonly SkuName[] = ['Premium', 'Standard', 'Basic'];
const LOCATIONS: readonly string[] = ['eastus', 'westeurope', 'southeastasia'];

/** A UUID-shaped id derived from a text, so ids (and the subscription filter stored by id) are stable. */
export function stableId(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The default layout over the served registry names: "Contoso Production" holds every registry
 * but the last (one page by default; two with `armPageSize: 2`), "Fabrikam Development" the last one
 * (ABAC mode), and "Northwind (no access)" cannot be read. Every listed registry is served; layouts
 * with registries being created or edge entries are the tests' own.
 */
export function demoLayout(names: readonly string[]): ArmLayoutSpec {
  const first = names.length > 1 ? names.slice(0, -1) : [...names];
  const last = names.length > 1 ? names.slice(-1) : [];
  return {
    tenants: [{ displayName: 'Contoso (sandbox)', defaultDomain: 'contoso.onmicrosoft.com' }],
    subscriptions: [
      {
        displayName: 'Contoso Production',
        registries: first.map((name, i) => ({ name, sku: SKUS[i % SKUS.length], location: LOCATIONS[i % LOCATIONS.length] })),
      },
      {
        displayName: 'Fabrikam Development',
        registries: last.map((name) => ({ name, sku: 'Basic' as const, location: 'westus2', roleAssignmentMode: 'AbacRepositoryPermissions' as const })),
      },
      { displayName: 'Northwind (no access)', readable: false, registries: [{ name: 'northwindprod' }] },
    ],
  };
}

/** The sandbox's registry names (ACR itself wants 5-50 characters; a shorter one is listed as ARM has it). */
const NAME = /^[a-z0-9]{1,50}$/;

/** Validates a layout against the served registries and fills in ids, tokens and defaults. */
export function resolveLayout(spec: ArmLayoutSpec, served: readonly string[], options: { aadToken: string; anonymousPull: boolean }): ArmLayout {
  const tenantSpecs = spec.tenants && spec.tenants.length > 0 ? spec.tenants : [{ displayName: 'Sandbox tenant' }];
  const pageSize = spec.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new Error('arm.pageSize must be an integer between 1 and 1000');
  }
  const tenants = tenantSpecs.map((t, i) => ({
    tenantId: stableId(`tenant:${t.displayName}`),
    displayName: t.displayName,
    defaultDomain: t.defaultDomain ?? `${t.displayName.toLowerCase().replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`,
    token: i === 0 ? options.aadToken : `sandbox-aad-token.${randomBytes(12).toString('base64url')}`,
  }));
  const seen = new Set<string>();
  const subscriptions = spec.subscriptions.map((s) => {
    const tenant = tenants[s.tenant ?? 0];
    if (!tenant) {
      throw new Error(`arm: subscription '${s.displayName}' names tenant ${String(s.tenant)}, which does not exist`);
    }
    const subscriptionId = s.subscriptionId ?? stableId(`subscription:${s.displayName}`);
    if (seen.has(subscriptionId)) {
      throw new Error(`arm: subscription id ${subscriptionId} appears twice`);
    }
    seen.add(subscriptionId);
    const registries = s.registries.map((r): ArmRegistry => {
      if (!NAME.test(r.name)) {
        throw new Error(`arm: registry name '${r.name}' must be 1-50 lowercase letters and digits`);
      }
      const provisioningState = r.provisioningState ?? 'Succeeded';
      if (provisioningState !== 'Succeeded' && provisioningState !== 'Creating') {
        throw new Error(`arm: registry '${r.name}' has provisioningState '${String(provisioningState)}'; Succeeded or Creating`);
      }
      const mustServe = r.loginServer !== false && provisioningState === 'Succeeded' && s.readable !== false;
      if (mustServe && !served.includes(r.name)) {
        throw new Error(`arm: registry '${r.name}' has a login server but the sandbox does not serve it`);
      }
      return {
        name: r.name,
        resourceGroup: r.resourceGroup ?? `rg-${r.name}`,
        location: r.location ?? 'eastus',
        sku: r.sku ?? 'Standard',
        roleAssignmentMode: r.roleAssignmentMode ?? 'LegacyRegistryPermissions',
        loginServer: r.loginServer === false ? undefined : `${r.name}.azurecr.io`,
        provisioningState,
        // What the sandbox serves: an admin user per registry; anonymous pull as started.
        adminUserEnabled: true,
        anonymousPullEnabled: options.anonymousPull,
      };
    });
    return { subscriptionId, displayName: s.displayName, tenantId: tenant.tenantId, readable: s.readable !== false, registries };
  });
  return { tenants, subscriptions, pageSize, hostile: spec.hostile };
}
