/**
 * The sandbox registry's admin password for `npm start` and the test host (pure, no VS Code).
 * Only when `ACR_LOCKS_SANDBOX` is set (the runner sets it to the sandbox's JSON description),
 * only for a registry whose login server is the sandbox's (its endpoint's host:port or one of
 * its registries' login servers), in `password` mode, with the sandbox's admin user name, and
 * only when no password is stored. Nothing else ever reads this variable.
 */
import { type RegistryConfig } from '../config';
import { type SandboxEnvInfo } from '../sandboxEnv';

export { readSandboxEnv, SANDBOX_ENV, type SandboxEnvInfo } from '../sandboxEnv';

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
