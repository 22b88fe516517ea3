/** What Azure discovery finds: tenants, subscriptions and the container registries ARM lists. Pure types. */

export interface AzureTenant {
  readonly tenantId: string;
  readonly displayName: string | undefined;
  readonly defaultDomain: string | undefined;
}

export interface AzureSubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly tenantId: string;
  /** ARM's `state`: Enabled, Warned, PastDue, Disabled, Deleted. */
  readonly state: string | undefined;
}

/** ARM's `roleAssignmentMode`: ABAC repository permissions, or the standard RBAC registry permissions. */
export type RoleMode = 'abac' | 'rbac';

/** A registry as ARM describes it, with the login server the tree connects to. */
export interface DiscoveredRegistry {
  /** The ARM resource id. */
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly resourceGroup: string | undefined;
  /** Normalised (lower case, no scheme), e.g. `myregistry.azurecr.io`. */
  readonly loginServer: string;
  readonly location: string | undefined;
  /** `Basic`, `Standard`, `Premium` (or what ARM says). */
  readonly sku: string | undefined;
  readonly adminUserEnabled: boolean | undefined;
  readonly anonymousPullEnabled: boolean | undefined;
  /** undefined when ARM does not say (older api-versions) or says something unknown. */
  readonly roleMode: RoleMode | undefined;
}

/** An ARM entry that cannot be shown as a registry, and why (logged). */
export interface SkippedRegistry {
  readonly name: string;
  readonly reason: 'noLoginServer' | 'badLoginServer' | 'malformed' | 'notReady';
  /** ARM's provisioning state, when it gives one (a registry being created has no login server yet). */
  readonly provisioningState: string | undefined;
}

/** One ARM page of a subscription's registries. */
export interface RegistryPage {
  readonly registries: readonly DiscoveredRegistry[];
  readonly skipped: readonly SkippedRegistry[];
  /** Another page follows. */
  readonly more: boolean;
}
