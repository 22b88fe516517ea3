/**
 * The sandbox's Resource Manager for `npm start` and the tests: read from ACR_LOCKS_SANDBOX (set
 * only by the test runner and the demo), with a Microsoft-session DOUBLE that hands out the
 * sandbox tenants' tokens. Nothing else reads this variable; a real Microsoft session never
 * reaches the sandbox, and the double never exists without the variable.
 */
import { type AzureEnvironment } from './environment';

export { readSandboxArm, type SandboxArm } from '../sandboxEnv';
import { type SandboxArm } from '../sandboxEnv';

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
