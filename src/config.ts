/** Types of the user's registry configuration (setting `acrLocks.registries`). */
import { type CloudName, type LoginServerProblem } from './registry/loginServer';
import { DEFAULT_CONNECT_TIMEOUT_SEC, DEFAULT_IDLE_TIMEOUT_SEC, DEFAULT_TRANSPORT_LIMITS, MAX_TIMEOUT_SEC, type TransportLimits } from './registry/transportLimits';

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

const CLOUD_NAMES: readonly CloudName[] = ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'custom'];

export const PAGE_SIZE_DEFAULT = 100;
export const PAGE_SIZE_MIN = 1;
export const PAGE_SIZE_MAX = 1000;

/** Why one entry of `acrLocks.registries` was skipped (shown in the log and as a tree message). */
export interface ConfigProblem {
  readonly index: number;
  readonly reason: 'notObject' | 'loginServer' | 'auth' | 'username' | 'cloud' | 'audience' | 'duplicate';
  /** For 'loginServer': what is wrong with it (and its details). */
  readonly loginServerProblem?: { readonly reason: LoginServerProblem; readonly length?: number; readonly suggestion?: string };
  /** The entry's login server as written (when it is a string), so the message can name the entry. */
  readonly loginServer?: string;
}

export interface ParsedRegistries {
  readonly registries: readonly RegistryConfig[];
  readonly problems: readonly ConfigProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the raw `acrLocks.registries` setting. Pure: takes what the configuration API
 * returned. The login server is normalised with `checkLoginServer`; auth defaults to
 * `microsoft`; `password` needs a user name; duplicates (same login server) keep the first.
 */
export function parseRegistries(
  value: unknown,
  check: (input: string) => { ok: boolean; loginServer?: string; reason?: LoginServerProblem; length?: number; suggestion?: string },
): ParsedRegistries {
  const registries: RegistryConfig[] = [];
  const problems: ConfigProblem[] = [];
  const entries = Array.isArray(value) ? value : [];
  entries.forEach((entry: unknown, index) => {
    const raw: unknown = typeof entry === 'string' ? { loginServer: entry } : entry;
    if (!isRecord(raw)) {
      problems.push({ index, reason: 'notObject' });
      return;
    }
    const written = typeof raw.loginServer === 'string' ? { loginServer: raw.loginServer } : {};
    const problem = (reason: ConfigProblem['reason']): void => {
      problems.push({ index, reason, ...written });
    };
    const checked = typeof raw.loginServer === 'string' ? check(raw.loginServer) : { ok: false };
    if (!checked.ok || checked.loginServer === undefined) {
      const detail =
        'reason' in checked && checked.reason !== undefined
          ? { loginServerProblem: { reason: checked.reason, ...(checked.length !== undefined ? { length: checked.length } : {}), ...(checked.suggestion ? { suggestion: checked.suggestion } : {}) } }
          : {};
      problems.push({ index, reason: 'loginServer', ...written, ...detail });
      return;
    }
    const auth = raw.auth === undefined ? 'microsoft' : raw.auth;
    if (typeof auth !== 'string' || !(AUTH_MODES as readonly string[]).includes(auth)) {
      problem('auth');
      return;
    }
    const username = typeof raw.username === 'string' && raw.username.trim() !== '' ? raw.username.trim() : undefined;
    if (auth === 'password' && username === undefined) {
      problem('username');
      return;
    }
    if (raw.cloud !== undefined && !(typeof raw.cloud === 'string' && (CLOUD_NAMES as readonly string[]).includes(raw.cloud))) {
      problem('cloud');
      return;
    }
    if (raw.audience !== undefined && !(typeof raw.audience === 'string' && /^https:\/\/\S+$/.test(raw.audience))) {
      problem('audience');
      return;
    }
    const loginServer = checked.loginServer;
    if (registries.some((r) => r.loginServer === loginServer)) {
      problem('duplicate');
      return;
    }
    registries.push({
      loginServer,
      auth: auth as AuthMode,
      ...(username !== undefined ? { username } : {}),
      ...(typeof raw.cloud === 'string' ? { cloud: raw.cloud as CloudName } : {}),
      ...(typeof raw.audience === 'string' ? { audience: raw.audience } : {}),
    });
  });
  return { registries, problems };
}

/** `acrLocks.pageSize`, clamped to 1–1000 (default 100). */
export function parsePageSize(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return PAGE_SIZE_DEFAULT;
  }
  return Math.min(PAGE_SIZE_MAX, Math.max(PAGE_SIZE_MIN, Math.round(value)));
}

/**
 * `acrLocks.connectTimeoutSeconds` / `acrLocks.idleTimeoutSeconds`: a whole number of seconds from
 * 1 to 3600; anything else (a fraction, text, 0, a negative or larger number) is the default.
 */
export function parseTimeoutSetting(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMEOUT_SEC ? value : fallback;
}

/** The transport limits of every registry request from the two timeout settings (raw values as read). */
export function transportLimitsFrom(settings: { readonly connectTimeoutSeconds?: unknown; readonly idleTimeoutSeconds?: unknown }): TransportLimits {
  return {
    ...DEFAULT_TRANSPORT_LIMITS,
    connectTimeoutMs: parseTimeoutSetting(settings.connectTimeoutSeconds, DEFAULT_CONNECT_TIMEOUT_SEC) * 1000,
    idleTimeoutMs: parseTimeoutSetting(settings.idleTimeoutSeconds, DEFAULT_IDLE_TIMEOUT_SEC) * 1000,
  };
}

/** The plain JSON a RegistryConfig is stored as in settings (no undefined members). */
export function toSetting(config: RegistryConfig): Record<string, string> {
  const out: Record<string, string> = { loginServer: config.loginServer, auth: config.auth };
  if (config.username !== undefined) {
    out.username = config.username;
  }
  if (config.cloud !== undefined) {
    out.cloud = config.cloud;
  }
  if (config.audience !== undefined) {
    out.audience = config.audience;
  }
  return out;
}
