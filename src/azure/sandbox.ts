/**
 * The sandbox's Resource Manager for `npm start` and the tests: read from ACR_LOCKS_SANDBOX (set
 * only by the test runner and the demo), with a Microsoft-session DOUBLE that hands out the
 * sandbox tenants' tokens. Nothing else reads this variable; a real Microsoft session never
 * reaches the sandbox, and the double never exists without the variable.
 */
import { type AzureEnvironment } from './environment';

export interface SandboxArm {
  readonly endpoint: string;
  readonly tenants: readonly { readonly tenantId: string; readonly token: string }[];
  /** The sandbox's AAD token (accepted by its /oauth2/exchange). */
  readonly aadToken: string;
}

export const SANDBOX_ENV = 'ACR_LOCKS_SANDBOX';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function readSandboxArm(env: NodeJS.ProcessEnv = process.env): SandboxArm | undefined {
  const raw = env[SANDBOX_ENV];
  if (!raw) {
    return undefined;
  }
  try {
    const info = record(JSON.parse(raw));
    const arm = record(info?.arm);
    if (!info || !arm || typeof arm.endpoint !== 'string' || !arm.endpoint.startsWith('https://') || typeof info.aadToken !== 'string') {
      return undefined;
    }
    const tenants = (Array.isArray(arm.tenants) ? arm.tenants : []).flatMap((t: unknown) => {
      const tenant = record(t);
      return tenant && typeof tenant.tenantId === 'string' && typeof tenant.token === 'string' ? [{ tenantId: tenant.tenantId, token: tenant.token }] : [];
    });
    return { endpoint: arm.endpoint.replace(/\/+$/, ''), tenants, aadToken: info.aadToken };
  } catch {
    return undefined;
  }
}

/** The sandbox's ARM as a custom cloud (its endpoint directly, no proxy). */
export function sandboxEnvironment(arm: SandboxArm): AzureEnvironment {
  return { name: 'custom', resourceManagerEndpoint: arm.endpoint, armScope: 'https://management.core.windows.net/.default', authProviderId: 'microsoft' };
}

/** The label shown wherever the double is in use. */
export const SANDBOX_SESSION_LABEL = 'sandbox Microsoft-session double';

/**
 * The Microsoft-session DOUBLE (tests and the demo only): `VSCODE_TENANT:<id>` gets that sandbox
 * tenant's token, anything else the home tenant's (also the sandbox's AAD token for ACR).
 */
export function sandboxSessions(arm: SandboxArm): {
  getSession(providerId: string, scopes: readonly string[], options: { readonly createIfNone: boolean }): Promise<{ readonly accessToken: string } | undefined>;
} {
  return {
    getSession(_providerId, scopes) {
      const tenantScope = scopes.find((s) => s.startsWith('VSCODE_TENANT:'));
      const tenant = tenantScope ? arm.tenants.find((t) => t.tenantId === tenantScope.slice('VSCODE_TENANT:'.length)) : undefined;
      if (tenantScope && !tenant) {
        return Promise.resolve(undefined);
      }
      return Promise.resolve({ accessToken: tenant?.token ?? arm.aadToken });
    },
  };
}
