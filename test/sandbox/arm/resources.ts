/** ARM resource JSON as the real service returns it (tenants, subscriptions 2022-12-01; registries 2025-11-01). */
import { type ArmRegistry, type ArmSubscription, type ArmTenant } from './layout';

/**
 * As az's recordings show the service's answers (azure-cli acr tests/latest/recordings, e.g. test_acr_create_normal.yaml):
 * `creationDate` in UTC with `Z`, `systemData` and policy `lastUpdatedTime` with a `+00:00` offset, seven fractional digits.
 */
const CREATED = '2024-01-01T00:00:00.0000000Z';
const CREATED_OFFSET = '2024-01-01T00:00:00.0000000+00:00';

export function tenantJson(tenant: ArmTenant): Record<string, unknown> {
  return {
    id: `/tenants/${tenant.tenantId}`,
    tenantId: tenant.tenantId,
    countryCode: 'US',
    displayName: tenant.displayName,
    domains: [tenant.defaultDomain],
    tenantCategory: 'Home',
    defaultDomain: tenant.defaultDomain,
    tenantType: 'AAD',
  };
}

export function subscriptionJson(subscription: ArmSubscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

export function registryId(subscriptionId: string, registry: Pick<ArmRegistry, 'resourceGroup' | 'name'>): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${registry.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${registry.name}`;
}

function policies(): Record<string, unknown> {
  return {
    quarantinePolicy: { status: 'disabled' },
    trustPolicy: { type: 'Notary', status: 'disabled' },
    retentionPolicy: { days: 7, lastUpdatedTime: CREATED_OFFSET, status: 'disabled' },
    exportPolicy: { status: 'enabled' },
    azureADAuthenticationAsArmPolicy: { status: 'enabled' },
    softDeletePolicy: { retentionDays: 7, lastUpdatedTime: CREATED_OFFSET, status: 'disabled' },
  };
}

/**
 * A `Microsoft.ContainerRegistry/registries` resource (2025-11-01 shape). One being created already has its
 * login server and creationDate (Registry/stable/2025-11-01/examples/RegistryCreate.json, the 201 answer; az's
 * test_acr_create_normal.yaml); only the non-Azure edge entry (`loginServer: false` in the layout) lacks both.
 */
export function registryJson(subscriptionId: string, registry: ArmRegistry): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    ...(registry.loginServer === undefined ? {} : { loginServer: registry.loginServer, creationDate: CREATED }),
    provisioningState: registry.provisioningState,
    adminUserEnabled: registry.adminUserEnabled,
    ...(registry.sku === 'Premium' ? { networkRuleSet: { defaultAction: 'Allow', ipRules: [] } } : {}),
    policies: policies(),
    encryption: { status: 'disabled' },
    dataEndpointEnabled: false,
    dataEndpointHostNames: [],
    privateEndpointConnections: [],
    publicNetworkAccess: 'Enabled',
    networkRuleBypassOptions: 'AzureServices',
    // 2025-11-01 (RegistryGet/RegistryCreate/RegistryListByResourceGroup examples): false unless enabled.
    networkRuleBypassAllowedForTasks: false,
    zoneRedundancy: 'Disabled',
    anonymousPullEnabled: registry.anonymousPullEnabled,
    metadataSearch: 'Disabled',
    roleAssignmentMode: registry.roleAssignmentMode,
  };
  return {
    sku: { name: registry.sku, tier: registry.sku },
    type: 'Microsoft.ContainerRegistry/registries',
    id: registryId(subscriptionId, registry),
    name: registry.name,
    location: registry.location,
    tags: {},
    systemData: {
      createdBy: 'admin@contoso.onmicrosoft.com',
      createdByType: 'User',
      createdAt: CREATED_OFFSET,
      lastModifiedBy: 'admin@contoso.onmicrosoft.com',
      lastModifiedByType: 'User',
      lastModifiedAt: CREATED_OFFSET,
    },
    properties,
  };
}
