// What the ARM tests share: the sandbox for a suite, a stand-in for the Microsoft sign-in session,
// and client options that reach management.azure.com through the sandbox's CONNECT proxy.
import { readFileSync } from 'node:fs';
import { type ArmClientOptions, type ArmTokenSource } from '../../../src/azure/arm';
import { start, type Sandbox } from '../index';
import { TunnelAgent } from './tunnel';

/** The path of one page of a subscription's registries. */
export const REGISTRIES_LIST = /^\/subscriptions\/[^/]+\/providers\/Microsoft\.ContainerRegistry\/registries$/;

/**
 * One demo sandbox for the suite (handed to `use`), its request counts reset before each test. ARM pages
 * hold 2 registries (set explicitly; Azure's default answers a small subscription in one page), so
 * "Contoso Production" comes in two pages and the tests see paging.
 */
export function useArmSandbox(use: (sandbox: Sandbox) => void): void {
  let sandbox: Sandbox | undefined;
  before(async () => {
    sandbox = await start({ armPageSize: 2 });
    use(sandbox);
  });
  after(async () => {
    await sandbox?.stop();
  });
  beforeEach(() => sandbox?.stats.reset());
}

/**
 * The sign-in session, which cannot exist here: each tenant's sandbox token (the home tenant's
 * for undefined), or none when not signed in.
 */
export function sessionDouble(sandbox: Sandbox, signedIn = true): ArmTokenSource {
  return {
    getToken: (tenantId) => {
      const tenant = tenantId === undefined ? sandbox.arm.tenants[0] : sandbox.arm.tenants.find((t) => t.tenantId === tenantId);
      return Promise.resolve(signedIn && tenant ? { token: tenant.token, expiresOnTimestamp: Date.now() + 3600_000 } : undefined);
    },
  };
}

/**
 * Through the sandbox's CONNECT proxy, trusting its CA, no retries. The SDK ignores `tlsOptions`
 * together with `proxyOptions`, so an agent tunnels and verifies with the CA.
 */
export function tunnelOptions(sandbox: Sandbox): ArmClientOptions & { agent: TunnelAgent } {
  return { agent: new TunnelAgent(sandbox.proxy, { ca: readFileSync(sandbox.caFile) }), retryOptions: { maxRetries: 0 } };
}
