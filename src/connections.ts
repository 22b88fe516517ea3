/**
 * Registry connections in one place: one RegistryClient per registry description (login server,
 * sign-in mode, user name, cloud/audience), authenticated as the description says and kept warm
 * until `reset`. Built once per activation in extension.ts and handed to the tree and the
 * commands; a command-line tool or the Azure discovery builds its own with its own AuthSource.
 * No VS Code here: authentication comes in through `AuthSource`.
 */
import type { HttpClient } from '@azure/core-rest-pipeline';
import { type AuthMode } from './config';
import { RegistryError } from './registry/errors';
import { type RegistryLogger, silentLogger } from './registry/log';
import { audienceFor, type CloudName } from './registry/loginServer';
import { type RequestObserver } from './registry/policies';
import { type RegistryAuth, RegistryClient } from './registry/registryClient';
import { type TransportLimits } from './registry/transportLimits';
import { restrictedModeError } from './workspaceTrust';

/** A registry to connect to: from the settings, the Azure discovery or a command line. */
export interface RegistryDescription {
  readonly loginServer: string;
  readonly auth: AuthMode;
  /** For `password`: the admin user name or token name. */
  readonly username?: string;
  /** Overrides the cloud derived from the login-server suffix. */
  readonly cloud?: CloudName;
  /** Overrides the AAD token audience derived from the cloud. */
  readonly audience?: string;
}

export type AuthResult = { readonly ok: true; readonly auth: RegistryAuth } | { readonly ok: false; readonly missing: 'password' };

/** How a description becomes credentials (src/auth's AuthFactory in the extension). */
export interface AuthSource {
  authFor(registry: RegistryDescription): Promise<AuthResult>;
}

export interface ConnectionsOptions {
  readonly auth: AuthSource;
  readonly logger?: RegistryLogger;
  readonly observer?: RequestObserver;
  /** The HTTP client of every registry client (contract: RegistryClientOptions.httpClient). */
  readonly httpClient?: HttpClient;
  /**
   * Whether the user confirmed sending the Azure sign-in token to this login server although it
   * is not an ACR domain (`untrustedDomain`); read when a client is created (reset it after a change).
   */
  readonly isTrusted?: (loginServer: string) => boolean;
  /** Timeouts and body cap of every request (the extension's settings); read when a client is created (clear() after a change). */
  readonly limits?: () => TransportLimits;
  /** Restricted Mode (workspaceTrust.ts): false = no client, no sign-in, no request. Asked on every call. */
  readonly isWorkspaceTrusted?: () => boolean;
}

/** A password-mode registry without a stored password: no request is made. */
export function missingPasswordError(registry: RegistryDescription): RegistryError {
  return new RegistryError('credentialsRejected', `No password is stored for ${registry.username ?? ''}@${registry.loginServer}.`);
}

/** Descriptions that reach the registry the same way share one client. */
export function connectionKey(registry: RegistryDescription): string {
  return JSON.stringify([registry.loginServer, registry.auth, registry.username ?? '', audienceFor(registry)]);
}

export class Connections {
  private readonly clients = new Map<string, Promise<RegistryClient>>();

  constructor(private readonly options: ConnectionsOptions) {}

  /** The (cached) client of a registry; rejects with a RegistryError when credentials are missing. */
  clientFor(registry: RegistryDescription): Promise<RegistryClient> {
    if (this.options.isWorkspaceTrusted?.() === false) {
      return Promise.reject(restrictedModeError());
    }
    const key = connectionKey(registry);
    const existing = this.clients.get(key);
    if (existing) {
      return existing;
    }
    const created = this.options.auth.authFor(registry).then((result) => {
      if (!result.ok) {
        throw missingPasswordError(registry);
      }
      return new RegistryClient({
        loginServer: registry.loginServer,
        auth: result.auth,
        audience: audienceFor(registry),
        trustedCustomDomain: this.options.isTrusted?.(registry.loginServer) === true,
        logger: this.options.logger ?? silentLogger,
        observer: this.options.observer,
        ...(this.options.httpClient ? { httpClient: this.options.httpClient } : {}),
        ...(this.options.limits ? { limits: this.options.limits() } : {}),
      });
    });
    // A failed connection (no password yet, …) is tried again next time.
    created.catch(() => {
      if (this.clients.get(key) === created) {
        this.clients.delete(key);
      }
    });
    this.clients.set(key, created);
    return created;
  }

  /** Drops the cached client (new credentials, new session): the next call connects again. */
  reset(registry: RegistryDescription): void {
    this.clients.delete(connectionKey(registry));
  }

  clear(): void {
    this.clients.clear();
  }
}
