/**
 * What a user needs to know about a discovered registry, from what ARM says: its SKU's throttle
 * limits, and which roles let them view or change locks in its role-assignment mode. Pure.
 *
 * Limits: Microsoft's "Azure Container Registry service tiers" (container-registry-skus, 2026),
 * per minute, for the registry as a whole and for one identity.
 * Roles: Microsoft's ACR built-in roles reference. In ABAC mode ("RBAC Registry + ABAC Repository
 * Permissions") the repository roles apply (Reader views, Writer and Contributor also change
 * metadata; none of them lists the catalog). In the standard mode ("RBAC Registry Permissions"),
 * Owner and Contributor can, or any role with the repository metadata read / write permissions.
 */
import { type RoleMode } from './model';

export interface ThrottleLimits {
  readonly sku: 'Basic' | 'Standard' | 'Premium';
  /** Per registry, per minute. */
  readonly reads: number;
  readonly writes: number;
  readonly deletes: number;
  /** Per identity (the admin user and anonymous pull count as one), per minute. */
  readonly identityReads: number;
  readonly identityWrites: number;
  readonly identityDeletes: number;
}

const STANDARD_LIMITS = { reads: 10_000, writes: 2_000, deletes: 1_000, identityReads: 5_000, identityWrites: 1_000, identityDeletes: 500 };
const PREMIUM_LIMITS = { reads: 20_000, writes: 4_000, deletes: 4_000, identityReads: 10_000, identityWrites: 2_000, identityDeletes: 2_000 };

/** undefined for a SKU ARM names that is not one of the three (e.g. the retired Classic). */
export function throttleLimits(sku: string | undefined): ThrottleLimits | undefined {
  switch (sku?.toLowerCase()) {
    case 'basic':
      return { sku: 'Basic', ...STANDARD_LIMITS };
    case 'standard':
      return { sku: 'Standard', ...STANDARD_LIMITS };
    case 'premium':
      return { sku: 'Premium', ...PREMIUM_LIMITS };
    default:
      return undefined;
  }
}

export type LockAccess = 'view' | 'change';

export interface RoleGuidance {
  /** The mode the roles are for; `unknown` when ARM did not say (then both modes' roles). */
  readonly mode: RoleMode | 'unknown';
  /** Built-in role names, as Microsoft spells them (not translated). */
  readonly roles: readonly string[];
  /** Standard mode: any role with the repository metadata read (view) or write (change) permission also works. */
  readonly orMetadataPermission: boolean;
}

const ABAC_ROLES: Record<LockAccess, readonly string[]> = {
  view: ['Container Registry Repository Reader', 'Container Registry Repository Writer', 'Container Registry Repository Contributor'],
  change: ['Container Registry Repository Writer', 'Container Registry Repository Contributor'],
};
const RBAC_ROLES: readonly string[] = ['Owner', 'Contributor'];

/** Which roles let the signed-in account view or change the locks of a registry in this mode. */
export function rolesFor(mode: RoleMode | undefined, access: LockAccess): RoleGuidance {
  if (mode === 'abac') {
    return { mode, roles: ABAC_ROLES[access], orMetadataPermission: false };
  }
  if (mode === 'rbac') {
    return { mode, roles: RBAC_ROLES, orMetadataPermission: true };
  }
  return { mode: 'unknown', roles: [...RBAC_ROLES, ...ABAC_ROLES[access]], orMetadataPermission: true };
}
