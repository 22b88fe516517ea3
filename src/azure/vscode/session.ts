/**
 * The Microsoft session for ARM, from VS Code's authentication providers (`microsoft`, or
 * `microsoft-sovereign-cloud` for China, US Government and custom clouds), one session per tenant
 * (`VSCODE_TENANT:<id>` scope, as the Azure extensions ask), through the extension's session seam
 * (src/auth/sessions.ts: vscode.authentication, or a test's double). Silent unless signing in.
 */
import { type SessionSource } from '../../auth/sessions';
import { type ArmTokenSource } from '../arm';
import { type AzureEnvironment } from '../environment';

export function armScopes(environment: AzureEnvironment, tenantId: string | undefined): string[] {
  return tenantId ? [environment.armScope, `VSCODE_TENANT:${tenantId}`] : [environment.armScope];
}

export interface AzureSession extends ArmTokenSource {
  /** Asks the user to sign in (the provider's own dialog); true when a session exists afterwards. */
  signIn(tenantId?: string): Promise<boolean>;
}

export function azureSession(sessions: SessionSource, environment: AzureEnvironment, log: (message: string) => void): AzureSession {
  return {
    async getToken(tenantId) {
      try {
        const session = await sessions.getSession(environment.authProviderId, armScopes(environment, tenantId), { createIfNone: false });
        // VS Code keeps the session fresh; expiry 0 makes the SDK ask again before each request.
        return session ? { token: session.accessToken, expiresOnTimestamp: 0 } : undefined;
      } catch (error) {
        log(`Azure: no Microsoft session${tenantId ? ` for tenant ${tenantId}` : ''} (${error instanceof Error ? error.name : 'error'}).`);
        return undefined;
      }
    },
    async signIn(tenantId) {
      const session = await sessions.getSession(environment.authProviderId, armScopes(environment, tenantId), { createIfNone: true });
      return session !== undefined;
    },
  };
}
