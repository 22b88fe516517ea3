/**
 * Login servers: validation, normalisation and the Azure cloud they belong to.
 * Pure logic, shared by settings validation, "Add Registry…" and client creation.
 */

export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' | 'custom';

export interface CloudInfo {
  readonly name: CloudName;
  /** AAD audience for ACR tokens (the SDK appends "/.default"). */
  readonly audience: string;
}

/**
 * ACR's own AAD audience: a token for it is good for container registries only, where an
 * Azure Resource Manager token (`https://management.azure.com`) could manage the whole
 * subscription. The SDK (1.1.2) defaults to it and documents it for every cloud; registries
 * with "authentication-as-arm" disabled accept nothing else.
 */
export const ACR_AUDIENCE = 'https://containerregistry.azure.net';

const CLOUDS: readonly { suffix: string; info: CloudInfo }[] = [
  { suffix: '.azurecr.io', info: { name: 'AzureCloud', audience: ACR_AUDIENCE } },
  { suffix: '.azurecr.cn', info: { name: 'AzureChinaCloud', audience: ACR_AUDIENCE } },
  { suffix: '.azurecr.us', info: { name: 'AzureUSGovernment', audience: ACR_AUDIENCE } },
];

export type LoginServerCheck =
  | { readonly ok: true; readonly loginServer: string }
  | {
      readonly ok: false;
      readonly reason: LoginServerProblem;
      /** The length that is wrong (registryNameLength, hostTooLong, labelTooLong). */
      readonly length?: number;
      /** A login server the input probably meant (singleLabel, badRegistryName). */
      readonly suggestion?: string;
    };

export type LoginServerProblem =
  | 'empty'
  | 'hasPath'
  | 'badScheme'
  | 'badHost'
  | 'badPort'
  /** An Azure registry name with characters other than letters and digits. */
  | 'badRegistryName'
  /** An Azure registry name shorter than 5 or longer than 50 characters. */
  | 'registryNameLength'
  /** One label without a port (`foo`): not a host anyone can reach; probably foo.azurecr.io. */
  | 'singleLabel'
  /** Longer than the 253 characters of a host name. */
  | 'hostTooLong'
  /** A label (between dots) longer than 63 characters. */
  | 'labelTooLong';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** ACR registry names: 5–50 letters and digits, optionally followed by a "-" hash (domain name label scope). */
const ACR_NAME = /^[a-z0-9]{5,50}(-[a-z0-9]{1,16})?$/;

/**
 * Accepts what people paste: `myregistry.azurecr.io`, `https://myregistry.azurecr.io/`,
 * `MyRegistry.AzureCR.io`, `registry.contoso.com`, `localhost:5443`. Returns the normalised
 * login server (lower case, no scheme, no trailing slash) or why it is not one.
 */
export function checkLoginServer(input: string): LoginServerCheck {
  let text = input.trim().toLowerCase();
  if (text === '') {
    return { ok: false, reason: 'empty' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(text);
  if (scheme) {
    if (scheme[1] !== 'https') {
      return { ok: false, reason: 'badScheme' };
    }
    text = text.slice(scheme[0].length);
  }
  text = text.replace(/\/+$/, '');
  if (text.includes('/') || text.includes('?') || text.includes('#')) {
    return { ok: false, reason: 'hasPath' };
  }
  const portMatch = /:(\d*)$/.exec(text);
  let host = text;
  if (portMatch) {
    const port = Number(portMatch[1]);
    if (portMatch[1] === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
      return { ok: false, reason: 'badPort' };
    }
    host = text.slice(0, portMatch.index);
  }
  const cloud = CLOUDS.find((c) => host.endsWith(c.suffix) && host.length > c.suffix.length);
  if (cloud) {
    // An Azure login server: the name in front of the suffix says what is wrong more precisely.
    const name = host.slice(0, -cloud.suffix.length);
    if (!ACR_NAME.test(name)) {
      const letters = name.replace(/[^a-z0-9]/g, '');
      if (/^[a-z0-9]+$/.test(name)) {
        return { ok: false, reason: 'registryNameLength', length: name.length };
      }
      return {
        ok: false,
        reason: 'badRegistryName',
        ...(letters.length >= 5 && letters.length <= 50 ? { suggestion: `${letters}${cloud.suffix}` } : {}),
      };
    }
    return { ok: true, loginServer: text };
  }
  if (IPV4.test(host)) {
    return { ok: true, loginServer: text };
  }
  if (host.length > 253) {
    return { ok: false, reason: 'hostTooLong', length: host.length };
  }
  const labels = host.split('.');
  const long = labels.find((label) => label.length > 63);
  if (long !== undefined) {
    return { ok: false, reason: 'labelTooLong', length: long.length };
  }
  if (!labels.every((label) => LABEL.test(label))) {
    return { ok: false, reason: 'badHost' };
  }
  if (labels.length === 1 && !portMatch && host !== 'localhost') {
    const letters = host.replace(/[^a-z0-9]/g, '');
    return { ok: false, reason: 'singleLabel', ...(letters !== '' ? { suggestion: `${letters}.azurecr.io` } : {}) };
  }
  return { ok: true, loginServer: text };
}

function hostOf(loginServer: string): string {
  return loginServer.trim().toLowerCase().replace(/:\d+$/, '');
}

function acrCloud(loginServer: string): { suffix: string; info: CloudInfo } | undefined {
  const host = hostOf(loginServer);
  return CLOUDS.find((c) => host.endsWith(c.suffix) && host.length > c.suffix.length);
}

export function cloudOf(loginServer: string): CloudInfo {
  return acrCloud(loginServer)?.info ?? { name: 'custom', audience: ACR_AUDIENCE };
}

/** The named cloud's info; 'custom' gets the same all-cloud ACR audience. */
export function cloudInfo(name: CloudName): CloudInfo {
  return CLOUDS.find((c) => c.info.name === name)?.info ?? { name: 'custom', audience: ACR_AUDIENCE };
}

/**
 * `*.azurecr.io`, `*.azurecr.cn` or `*.azurecr.us` (any port): the hosts an Azure AD token may
 * be sent to without asking. Any other login server needs the user's one-time confirmation
 * (`RegistryClientOptions.trustedCustomDomain`).
 */
export function isAcrDomain(loginServer: string): boolean {
  return acrCloud(loginServer) !== undefined;
}

/** What decides a registry's cloud and audience: the login server and optional overrides (settings). */
export interface CloudSettings {
  readonly loginServer: string;
  readonly cloud?: CloudName;
  readonly audience?: string;
}

/** The cloud: the override, else derived from the login-server suffix. */
export function cloudFor(settings: CloudSettings): CloudName {
  return settings.cloud ?? cloudOf(settings.loginServer).name;
}

/** AAD audience: the override, else ACR's own (least privilege, every cloud). */
export function audienceFor(settings: CloudSettings): string {
  return settings.audience ?? cloudInfo(cloudFor(settings)).audience;
}

export function endpointOf(loginServer: string): string {
  return `https://${loginServer}`;
}

/** The registry name az expects for `--name` (`myregistry` for `myregistry.azurecr.io`). */
export function registryNameOf(loginServer: string): string {
  const host = loginServer.replace(/:\d+$/, '');
  const cloud = CLOUDS.find((c) => host.endsWith(c.suffix));
  return cloud ? host.slice(0, -cloud.suffix.length) : loginServer;
}
