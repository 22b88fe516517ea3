/** Types of the user's registry configuration (setting `acrLocks.registries`). */
import { type CloudName } from './registry/loginServer';

/**
 * - `microsoft`: the Microsoft account signed in to VS Code;
 * - `azureIdentity`: @azure/identity's chain (Azure CLI login, environment, managed identity);
 * - `password`: ACR admin user or repository-scoped token; the password lives in SecretStorage;
 * - `anonymous`: anonymous pull access.
 */
export type AuthMode = 'microsoft' | 'azureIdentity' | 'password' | 'anonymous';
export const AUTH_MODES: readonly AuthMode[] = ['microsoft', 'azureIdentity', 'password', 'anonymous'];

export interface RegistryConfig {
  readonly loginServer: string;
  readonly auth: AuthMode;
  /** For `password`: the admin user name or token name. */
  readonly username?: string;
  /** Overrides the cloud derived from the login-server suffix. */
  readonly cloud?: CloudName;
  /** Overrides the AAD token audience derived from the cloud. */
  readonly audience?: string;
}
