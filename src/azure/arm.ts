/**
 * ARM clients over the SDKs' modular functions (@azure/arm-resources-subscriptions for tenants and
 * subscriptions, @azure/arm-containerregistry for registries). One credential per tenant, from the
 * Microsoft session; redirects are never followed (a token must not follow one); the SDK modules
 * load on first use.
 */
import { type TokenCredential } from '@azure/core-auth';
import { type HttpClient, type PipelineOptions } from '@azure/core-rest-pipeline';
import type * as SubscriptionsApi from '@azure/arm-resources-subscriptions/api';
import type * as TenantsApi from '@azure/arm-resources-subscriptions/api/tenants';
import type * as SubscriptionListApi from '@azure/arm-resources-subscriptions/api/subscriptions';
import type * as RegistryApi from '@azure/arm-containerregistry/api';
import type * as RegistriesApi from '@azure/arm-containerregistry/api/registries';
import { AzureError } from './errors';
import { type AzureEnvironment } from './environment';

export interface ArmAccessToken {
  readonly token: string;
  /** When it expires (ms since epoch); 0 lets the SDK ask again before every request. */
  readonly expiresOnTimestamp: number;
}

/** The Microsoft session seam: a token for ARM in a tenant, never prompting. */
export interface ArmTokenSource {
  /** undefined tenant: the account's home tenant. undefined result: not signed in (for that tenant). */
  getToken(tenantId: string | undefined): Promise<ArmAccessToken | undefined>;
}

/** Transport options handed to every ARM client (VS Code's fetch HttpClient; the tests' CA and proxy agent). */
export type ArmClientOptions = Pick<PipelineOptions, 'agent' | 'tlsOptions' | 'retryOptions'> & { readonly httpClient?: HttpClient };

export interface ArmSdk {
  readonly subscriptions: typeof SubscriptionsApi;
  readonly tenants: typeof TenantsApi;
  readonly subscriptionList: typeof SubscriptionListApi;
  readonly registry: typeof RegistryApi;
  readonly registries: typeof RegistriesApi;
}

let sdk: Promise<ArmSdk> | undefined;

/** Loaded on first use, so activation does not pay for the ARM SDKs. */
export function loadArmSdk(): Promise<ArmSdk> {
  sdk ??= Promise.all([
    import('@azure/arm-resources-subscriptions/api'),
    import('@azure/arm-resources-subscriptions/api/tenants'),
    import('@azure/arm-resources-subscriptions/api/subscriptions'),
    import('@azure/arm-containerregistry/api'),
    import('@azure/arm-containerregistry/api/registries'),
  ]).then(([subscriptions, tenants, subscriptionList, registry, registries]) => ({ subscriptions, tenants, subscriptionList, registry, registries }));
  return sdk;
}

/** A credential for one tenant; a missing session is a sign-in error before anything is sent. */
export function tenantCredential(tokens: ArmTokenSource, tenantId: string | undefined): TokenCredential {
  return {
    async getToken() {
      const token = await tokens.getToken(tenantId);
      if (!token) {
        throw new AzureError('signInRequired', tenantId ? `no Microsoft session for tenant ${tenantId}` : 'no Microsoft session');
      }
      return { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp };
    },
  };
}

/** Options every ARM client gets: the cloud's endpoint and scope, no redirects, few retries. */
export function clientOptions(
  environment: AzureEnvironment,
  options: ArmClientOptions = {},
): PipelineOptions & { endpoint: string; credentials: { scopes: string[] }; httpClient?: HttpClient } {
  return {
    retryOptions: { maxRetries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 5_000 },
    ...options,
    endpoint: environment.resourceManagerEndpoint,
    credentials: { scopes: [environment.armScope] },
    redirectOptions: { maxRetries: 0 },
  };
}
