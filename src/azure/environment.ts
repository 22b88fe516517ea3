/**
 * The Azure cloud discovery talks to, from the Microsoft authentication extension's settings
 * (`microsoft-sovereign-cloud.environment` and `.customEnvironment`, as the Azure extensions read
 * them). Pure: takes the raw setting values.
 */

export type AzureCloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'custom';

export interface AzureEnvironment {
  readonly name: AzureCloudName;
  /** ARM's base URL, no trailing slash (`https://management.azure.com`). */
  readonly resourceManagerEndpoint: string;
  /** The scope to ask the Microsoft session for (`https://management.core.windows.net/.default`). */
  readonly armScope: string;
  /** VS Code authentication provider: `microsoft` for the public cloud, else `microsoft-sovereign-cloud`. */
  readonly authProviderId: 'microsoft' | 'microsoft-sovereign-cloud';
}

export const AZURE_CLOUD: AzureEnvironment = {
  name: 'AzureCloud',
  resourceManagerEndpoint: 'https://management.azure.com',
  armScope: 'https://management.core.windows.net/.default',
  authProviderId: 'microsoft',
};

const CHINA: AzureEnvironment = {
  name: 'AzureChinaCloud',
  resourceManagerEndpoint: 'https://management.chinacloudapi.cn',
  armScope: 'https://management.core.chinacloudapi.cn/.default',
  authProviderId: 'microsoft-sovereign-cloud',
};

const US_GOVERNMENT: AzureEnvironment = {
  name: 'AzureUSGovernment',
  resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
  armScope: 'https://management.core.usgovcloudapi.net/.default',
  authProviderId: 'microsoft-sovereign-cloud',
};

export type EnvironmentResult = { readonly ok: true; readonly environment: AzureEnvironment } | { readonly ok: false; readonly problem: 'customMissing' | 'customInvalid' };

function httpsBase(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) {
      return undefined;
    }
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * `environment`: undefined / `AzureCloud` → public; `ChinaCloud`; `USGovernment`; `custom` → the
 * custom environment's `resourceManagerEndpointUrl` and `managementEndpointUrl` (https only).
 */
export function environmentFrom(environment: unknown, customEnvironment: unknown): EnvironmentResult {
  if (environment === 'ChinaCloud') {
    return { ok: true, environment: CHINA };
  }
  if (environment === 'USGovernment') {
    return { ok: true, environment: US_GOVERNMENT };
  }
  if (environment !== 'custom') {
    return { ok: true, environment: AZURE_CLOUD };
  }
  if (!customEnvironment || typeof customEnvironment !== 'object') {
    return { ok: false, problem: 'customMissing' };
  }
  const custom = customEnvironment as { resourceManagerEndpointUrl?: unknown; managementEndpointUrl?: unknown };
  const endpoint = httpsBase(custom.resourceManagerEndpointUrl);
  const management = httpsBase(custom.managementEndpointUrl) ?? endpoint;
  if (!endpoint || !management) {
    return { ok: false, problem: 'customInvalid' };
  }
  return { ok: true, environment: { name: 'custom', resourceManagerEndpoint: endpoint, armScope: `${management}/.default`, authProviderId: 'microsoft-sovereign-cloud' } };
}
