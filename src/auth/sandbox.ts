/**
 * The sandbox registry's admin password for `npm start` and the test host (pure, no VS Code).
 * Only when `ACR_LOCKS_SANDBOX` is set (the runner sets it to the sandbox's JSON description),
 * only for a registry whose login server is the sandbox's (its endpoint's host:port or one of
 * its registries' login servers), in `password` mode, with the sandbox's admin user name, and
 * only when no password is stored. Nothing else ever reads this variable.
 */
import { type RegistryConfig } from '../config';

export const SANDBOX_ENV = 'ACR_LOCKS_SANDBOX';

export interface SandboxEnvInfo {
  readonly endpoint: string;
  readonly registries: readonly { readonly name: string; readonly loginServer: string }[];
  readonly users: readonly { readonly username: string; readonly password: string; readonly actions: readonly string[] }[];
  readonly aadToken: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function readSandboxEnv(env: NodeJS.ProcessEnv = process.env): SandboxEnvInfo | undefined {
  const raw = env[SANDBOX_ENV];
  if (!raw) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed) || typeof parsed.endpoint !== 'string') {
      return undefined;
    }
    const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);
    return {
      endpoint: parsed.endpoint,
      registries: list(parsed.registries).map((r) => ({ name: String(r.name), loginServer: String(r.loginServer) })),
      users: list(parsed.users).map((u) => ({
        username: String(u.username),
        password: String(u.password),
        actions: Array.isArray(u.actions) ? u.actions.map(String) : [],
      })),
      aadToken: typeof parsed.aadToken === 'string' ? parsed.aadToken : '',
    };
  } catch {
    return undefined;
  }
}

/** `localhost:5443` for `https://localhost:5443`. */
export function sandboxHost(info: SandboxEnvInfo): string {
  return new URL(info.endpoint).host;
}

/** The admin user of the registry a login server reaches (the endpoint serves the first registry). */
export function sandboxAdmin(info: SandboxEnvInfo, loginServer: string): { username: string; password: string } | undefined {
  const registry =
    loginServer === sandboxHost(info) ? info.registries[0] : info.registries.find((r) => r.loginServer === loginServer);
  if (!registry) {
    return undefined;
  }
  const admin = info.users.find((u) => u.username === registry.name) ?? info.users.find((u) => u.username === 'admin');
  return admin ? { username: admin.username, password: admin.password } : undefined;
}

export function sandboxPassword(config: RegistryConfig, info: SandboxEnvInfo | undefined): string | undefined {
  if (!info || config.auth !== 'password') {
    return undefined;
  }
  const admin = sandboxAdmin(info, config.loginServer);
  return admin && admin.username === config.username ? admin.password : undefined;
}
