/**
 * TokenCredentials for the SDK: the Microsoft account signed in to VS Code, and
 * @azure/identity's chain (loaded lazily, on first token request).
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { type CloudName } from '../registry/loginServer';
import { type SessionSource } from './sessions';

/** Recognised by toRegistryError as "sign in required". */
export class SignInRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationRequiredError';
  }
}

/** Sovereign clouds use VS Code's `microsoft-sovereign-cloud` provider (setting `microsoft-sovereign-cloud.environment`). */
export function authProviderFor(cloud: CloudName): string {
  return cloud === 'AzureChinaCloud' || cloud === 'AzureUSGovernment' ? 'microsoft-sovereign-cloud' : 'microsoft';
}

/** Session tokens carry no expiry here; the SDK only asks again when its ACR refresh token ends. */
const SESSION_TOKEN_LIFETIME_MS = 45 * 60_000;

export function sessionCredential(sessions: () => SessionSource, providerId: string): TokenCredential {
  return {
    async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
      const list = Array.isArray(scopes) ? scopes : [scopes];
      // Silent: the tree never pops a sign-in dialog; the "Sign in" action does (createIfNone).
      const session = await sessions().getSession(providerId, list, { createIfNone: false });
      if (!session) {
        throw new SignInRequiredError(`No ${providerId} session for ${list.join(' ')}; sign in first.`);
      }
      return { token: session.accessToken, expiresOnTimestamp: Date.now() + SESSION_TOKEN_LIFETIME_MS };
    },
  };
}

/** DefaultAzureCredential (environment, workload/managed identity, Azure CLI, …), imported on first use. */
export function azureIdentityCredential(): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then((identity) => new identity.DefaultAzureCredential());
      const resolved = await credential;
      try {
        return await resolved.getToken(scopes, options);
      } catch (error: unknown) {
        // The chain found no usable credential (no az login, no environment, no managed identity).
        const name = error instanceof Error ? error.name : '';
        if (/Credential|Authentication/.test(name)) {
          throw new SignInRequiredError(error instanceof Error ? error.message : String(error));
        }
        throw error;
      }
    },
  };
}
