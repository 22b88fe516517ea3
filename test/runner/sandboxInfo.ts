// The sandbox registry's description as passed to tests (JSON in env ACR_LOCKS_SANDBOX).
// Mirrors the serializable part of test/sandbox/index.ts `start()`'s result.

export interface SandboxRegistry { name: string; loginServer: string }
export interface SandboxUser { username: string; password: string; actions: string[] }

export interface SandboxInfo {
  endpoint: string;
  registries: SandboxRegistry[];
  caFile: string;
  proxy: string;
  users: SandboxUser[];
  aadToken: string;
  /** The sandbox's Resource Manager (test/sandbox/arm), passed through as the sandbox printed it. */
  arm?: unknown;
}

/** Name of the environment variable carrying the sandbox info JSON into the extension host. */
export const SANDBOX_ENV = 'ACR_LOCKS_SANDBOX';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Picks the serializable fields (drops `stop()` and anything unknown). */
export function toSandboxInfo(value: unknown): SandboxInfo {
  if (!isRecord(value) || typeof value.endpoint !== 'string') {
    throw new Error('sandbox info has no endpoint');
  }
  const registries = Array.isArray(value.registries) ? value.registries.filter(isRecord) : [];
  const users = Array.isArray(value.users) ? value.users.filter(isRecord) : [];
  return {
    endpoint: value.endpoint,
    registries: registries.map((r) => ({ name: String(r.name), loginServer: String(r.loginServer) })),
    caFile: typeof value.caFile === 'string' ? value.caFile : '',
    proxy: typeof value.proxy === 'string' ? value.proxy : '',
    users: users.map((u) => ({
      username: String(u.username),
      password: String(u.password),
      actions: Array.isArray(u.actions) ? u.actions.map(String) : [],
    })),
    aadToken: typeof value.aadToken === 'string' ? value.aadToken : '',
    ...(isRecord(value.arm) ? { arm: value.arm } : {}),
  };
}

/** Reads the sandbox info from the environment (undefined when no sandbox was started). */
export function readSandboxInfo(env: NodeJS.ProcessEnv = process.env): SandboxInfo | undefined {
  const raw = env[SANDBOX_ENV];
  return raw ? toSandboxInfo(JSON.parse(raw)) : undefined;
}

/**
 * The environment that lets the extension host reach the registries the sandbox's Resource Manager
 * lists (`<name>.azurecr.io`, only through the sandbox's CONNECT proxy, as behind a corporate proxy);
 * loopback addresses go direct.
 */
export function sandboxProxyEnv(info: SandboxInfo): Record<string, string> {
  return info.proxy ? { HTTPS_PROXY: info.proxy, https_proxy: info.proxy, NO_PROXY: 'localhost,127.0.0.1,::1', no_proxy: 'localhost,127.0.0.1,::1' } : {};
}

/** `localhost:PORT`: the login server under which the sandbox serves its first registry. */
export function sandboxLoginServer(info: SandboxInfo): string {
  return new URL(info.endpoint).host;
}

/** The first registry's admin: the user named like the registry, else `admin` (as src/auth/sandbox.ts). */
export function adminUser(info: SandboxInfo): SandboxUser | undefined {
  const registry = info.registries[0];
  return info.users.find((u) => u.username === registry?.name) ?? info.users.find((u) => u.username === 'admin');
}
