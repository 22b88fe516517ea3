/**
 * The sandbox's description for `npm start` and the test host, read from ACR_LOCKS_SANDBOX (set
 * only by the test runner and the demo; nothing else reads this variable), parsed in this one
 * place: its registries and users (auth/sandbox.ts: the admin password for the sandbox only) and
 * its Resource Manager (azure/sandbox.ts: the Microsoft-session double). Pure, no VS Code.
 */

export interface SandboxArm {
  readonly endpoint: string;
  readonly tenants: readonly { readonly tenantId: string; readonly token: string }[];
  /** The sandbox's AAD token (accepted by its /oauth2/exchange). */
  readonly aadToken: string;
}

export const SANDBOX_ENV = 'ACR_LOCKS_SANDBOX';

export interface SandboxEnvInfo {
  readonly endpoint: string;
  readonly registries: readonly { readonly name: string; readonly loginServer: string }[];
  readonly users: readonly { readonly username: string; readonly password: string; readonly actions: readonly string[] }[];
  readonly aadToken: string;
  /** The sandbox's Resource Manager, when it has one (an https endpoint and an AAD token). */
  readonly arm?: SandboxArm;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function armOf(value: unknown, aadToken: string): SandboxArm | undefined {
  if (!isRecord(value) || typeof value.endpoint !== 'string' || !value.endpoint.startsWith('https://') || aadToken === '') {
    return undefined;
  }
  const tenants = (Array.isArray(value.tenants) ? value.tenants : []).flatMap((t: unknown) =>
    isRecord(t) && typeof t.tenantId === 'string' && typeof t.token === 'string' ? [{ tenantId: t.tenantId, token: t.token }] : [],
  );
  return { endpoint: value.endpoint.replace(/\/+$/, ''), tenants, aadToken };
}

/** The one parse of ACR_LOCKS_SANDBOX; undefined when it is unset or not the runner's JSON. */
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
    const aadToken = typeof parsed.aadToken === 'string' ? parsed.aadToken : '';
    const arm = armOf(parsed.arm, aadToken);
    return {
      endpoint: parsed.endpoint,
      registries: list(parsed.registries).map((r) => ({ name: String(r.name), loginServer: String(r.loginServer) })),
      users: list(parsed.users).map((u) => ({
        username: String(u.username),
        password: String(u.password),
        actions: Array.isArray(u.actions) ? u.actions.map(String) : [],
      })),
      aadToken,
      ...(arm ? { arm } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The sandbox's Resource Manager (the Azure view's test double uses it). */
export function readSandboxArm(env: NodeJS.ProcessEnv = process.env): SandboxArm | undefined {
  return readSandboxEnv(env)?.arm;
}
