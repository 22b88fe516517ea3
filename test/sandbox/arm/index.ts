/** The sandbox's Resource Manager: layout, request routing and its part of the sandbox description. */
import { handleArm, type ArmRequest } from './api';
import { type ArmLayout, type ArmLayoutSpec, demoLayout, resolveLayout } from './layout';

export type { ArmHostileMode, ArmLayoutSpec, ArmRegistrySpec, ArmSubscriptionSpec, SkuName, RoleAssignmentMode, ProvisioningState } from './layout';
export type { ArmRequest } from './api';
export { DEFAULT_PAGE_SIZE, DEMO_REGISTRIES, demoLayout } from './layout';

/** The public cloud's Resource Manager host; the CONNECT proxy and the certificate serve it. */
export const ARM_HOST = 'management.azure.com';

/** The `arm` part of the sandbox's JSON line. */
export interface ArmInfo {
  /** The sandbox's own HTTPS endpoint (`https://localhost:PORT`); `https://management.azure.com` through `proxy` reaches the same. */
  endpoint: string;
  tenants: { tenantId: string; displayName: string; defaultDomain: string; token: string }[];
  subscriptions: {
    subscriptionId: string;
    displayName: string;
    tenantId: string;
    /** Login servers ARM lists for it, `Creating` entries included (only a non-Azure edge entry without a login server is not here). */
    registries: string[];
    /** Set when listing its registries fails (the account cannot read it). */
    error?: 'AuthorizationFailed';
  }[];
}

export interface ArmService {
  readonly layout: ArmLayout;
  /** Requests this service answers: Host `management.azure.com`, or the sandbox's loopback host with `/tenants` or `/subscriptions`. */
  accepts(host: string, path: string): boolean;
  handle(request: ArmRequest): void;
  info(endpoint: string): ArmInfo;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function createArm(options: { served: readonly string[]; layout?: ArmLayoutSpec; pageSize?: number; aadToken: string; anonymousPull: boolean }): ArmService {
  const spec = options.layout ?? demoLayout(options.served);
  const layout = resolveLayout(options.pageSize === undefined ? spec : { ...spec, pageSize: options.pageSize }, options.served, options);
  return {
    layout,
    accepts(host, path) {
      const hostname = host.replace(/:\d+$/, '').toLowerCase();
      return hostname === ARM_HOST || (LOOPBACK.has(hostname) && /^\/(tenants|subscriptions)(\/|$)/i.test(path));
    },
    handle: (request) => handleArm(layout, request),
    info: (endpoint) => ({
      endpoint,
      tenants: layout.tenants.map((t) => ({ ...t })),
      subscriptions: layout.subscriptions.map((s) => ({
        subscriptionId: s.subscriptionId,
        displayName: s.displayName,
        tenantId: s.tenantId,
        registries: s.readable ? s.registries.flatMap((r) => (r.loginServer ? [r.loginServer] : [])) : [],
        ...(s.readable ? {} : { error: 'AuthorizationFailed' as const }),
      })),
    }),
  };
}
