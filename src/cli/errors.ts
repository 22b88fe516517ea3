/**
 * Plain-words text for failures in the command-line tool: what happened and what to do.
 * Never includes a token or a password (RegistryError messages carry neither).
 */
import { MAX_SERVER_WAIT_MS, toRegistryError } from '../registry/errors';
import { cutText, terminalText } from '../util/safeText';
import { CONNECT_TIMEOUT, IDLE_TIMEOUT } from '../registry/transportLimits';

/** Whole seconds, for the messages. */
function sec(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** 429/503 with or without retries made: what the registry asked for, and what was done. */
function throttledText(where: string, status: number | undefined, retryAfterMs: number | undefined, attempts: number | undefined): string {
  const code = status ?? 429;
  if (retryAfterMs !== undefined && retryAfterMs > MAX_SERVER_WAIT_MS) {
    return `${where}: the registry asked to wait ${sec(retryAfterMs)} s (${code}); not waiting more than ${sec(MAX_SERVER_WAIT_MS)} s. Try again later.`;
  }
  if (attempts !== undefined && attempts > 1) {
    return `${where} kept throttling (${code}) after ${attempts} attempts. Try again later or lower --concurrency.`;
  }
  return `${where} is throttling requests (${code}). Try again later or lower --concurrency.`;
}

/** `where` is the login server: a hint that suggests --username names it with --registry, as args.ts requires. */
function hint(kind: string, where: string, status: number | undefined, missing: string, host: string | undefined): string | undefined {
  switch (kind) {
    case 'unreachable':
      return `Cannot reach ${where}. Check the login server, the network, and HTTPS_PROXY / NO_PROXY.`;
    case 'certificate':
      return `The TLS certificate of ${where} is not trusted. If a private CA signs it, set NODE_EXTRA_CA_CERTS to that CA's PEM file.`;
    case 'signInRequired':
      return (
        `No Azure credential for ${where}. Sign in with \`az login\`, or set a service principal (AZURE_TENANT_ID, AZURE_CLIENT_ID, ` +
        `AZURE_CLIENT_SECRET) or workload identity; or use --registry ${where} --username NAME with the password in ACR_PASSWORD.`
      );
    case 'credentialsRejected':
      return `${where} rejected the credentials. Check --username and ACR_PASSWORD (or the Azure identity's access to the registry).`;
    case 'missingPermission':
      return missing
        ? `Missing permission on ${where}: ${missing}. Use an identity or token whose role or scope map grants it.`
        : `Missing permission on ${where}. Use an identity or token whose role or scope map grants it.`;
    case 'forbidden':
      return `${where} refused the request (403): a firewall or network rule, or a disabled admin user, may block it.`;
    case 'notFound':
      return `Not found on ${where} (404): the item may have been deleted meanwhile; plan again.`;
    case 'server':
      return `${where} failed (HTTP ${status ?? '5xx'}). Try again; if it persists, check Azure status.`;
    case 'untrustedDomain':
      return `${where} is not an Azure Container Registry domain, so no Azure token was sent to it. If it is your registry's custom domain, add --trust-custom-domain ${where}; or use --registry ${where} --username NAME with a registry user or token.`;
    case 'crossOrigin':
      return `${where} pointed to another server (${host ?? 'unknown'}); nothing was sent there and the run was stopped.`;
    case 'cancelled':
      return 'Cancelled.';
    default:
      return undefined;
  }
}

export function describeFailure(error: unknown, where: string): string {
  const registryError = toRegistryError(error);
  const missing = (registryError.details.missing ?? []).map((s) => `${s.type}:${s.name}:${s.actions.join(',')}`).join(' ');
  const timedOut = registryError.details.code === CONNECT_TIMEOUT || registryError.details.code === IDLE_TIMEOUT;
  const { status, retryAfterMs, attempts } = registryError.details;
  const overlong = retryAfterMs !== undefined && retryAfterMs > MAX_SERVER_WAIT_MS;
  const text = timedOut
    ? `${registryError.message} Check the network, or raise --connect-timeout / --idle-timeout.`
    : registryError.kind === 'throttled' || (registryError.kind === 'server' && overlong)
      ? throttledText(where, status, retryAfterMs, attempts)
      : hint(registryError.kind, where, status, missing, registryError.details.host);
  const base = text === undefined ? `${where}: ${registryError.message}` : registryError.kind === 'badResponse' ? `${where}: ${registryError.message}` : text;
  const correlation = registryError.details.correlationId === undefined ? '' : ` (correlation id ${registryError.details.correlationId})`;
  return terminalText(cutText(base + correlation, 600));
}
