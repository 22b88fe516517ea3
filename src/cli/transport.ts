/**
 * The command-line tool's HTTP transport: undici's fetch (bundled into dist/cli.js; no runtime
 * dependency) through the fetch HttpClient, with one keep-alive dispatcher for the whole run.
 * - connect timeout exact (undici `connect.timeout`); the idle timeout and the body cap come
 *   from transportLimits.ts (undici's header and body timeouts are only backstops);
 * - HTTPS_PROXY / NO_PROXY (either case) through undici's EnvHttpProxyAgent, which keeps each
 *   CONNECT tunnel open for the next request where the proxy allows it, instead of the SDK's
 *   proxy agent (one tunnel per request);
 * - certificates: Node's default store, so NODE_EXTRA_CA_CERTS applies.
 */
import type { HttpClient } from '@azure/core-rest-pipeline';
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { createFetchHttpClient, type FetchFunction } from '../registry/fetchHttpClient';
import { type TransportLimits } from '../registry/transportLimits';

function hasProxy(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => (env[name] ?? '') !== '');
}

export function cliDispatcher(limits: TransportLimits, env: NodeJS.ProcessEnv): Dispatcher {
  const options = {
    connect: { timeout: limits.connectTimeoutMs },
    // Backstops a little later than transportLimits.ts's own timers, whose errors say what happened.
    headersTimeout: limits.connectTimeoutMs + limits.idleTimeoutMs + 5_000,
    bodyTimeout: limits.idleTimeoutMs + 5_000,
    keepAliveTimeout: 30_000,
  };
  return hasProxy(env) ? withoutWarning('UNDICI-EHPA', () => new EnvHttpProxyAgent(options)) : new Agent(options);
}

/**
 * Runs `make` without the one process warning whose code is `code`: undici warns on standard
 * error that EnvHttpProxyAgent "is experimental" the first time one is made. That was chosen on
 * purpose (the version is pinned and bundled) and is noise in a pipeline's log; every other
 * warning still shows.
 */
function withoutWarning<T>(code: string, make: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    const first = rest[0];
    if (typeof first === 'object' && first !== null && (first as { code?: unknown }).code === code) {
      return;
    }
    (emit as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}

export function cliHttpClient(limits: TransportLimits, env: NodeJS.ProcessEnv): HttpClient {
  const dispatcher = cliDispatcher(limits, env);
  const fetchWith = ((url: string, init?: RequestInit) => undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as FetchFunction;
  return createFetchHttpClient(fetchWith);
}
