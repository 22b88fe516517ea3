/**
 * One registry, reached only through `@azure/container-registry` (its paging and token flow).
 * Retries are ours, not the SDK's (its retry policy is off): each call retries transient failures
 * by itself (retry.ts, CALL_RETRY), or makes one attempt when its caller retries (`retry: false`:
 * a bulk run, a listing), so every attempt anyone counts is one request on the wire. The SDK keeps just the last ACR access token per client, so a client that
 * alternates scopes pays 401 → token → retry on every switch; this class therefore keeps one
 * SDK client per purpose (catalog, read/write of one repository), each staying warm.
 */
import type * as Sdk from '@azure/container-registry';
import type { ContainerRegistryClient, ContainerRegistryClientOptions } from '@azure/container-registry';
import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { type LockChange } from './models';
import { RegistryError, toRegistryError } from './errors';
import { type RegistryLogger, silentLogger } from './log';
import { ACR_AUDIENCE, endpointOf, isAcrDomain } from './loginServer';
import { toManifestInfo, toRepositoryInfo, toSdkChange, toTagInfo } from './mapping';
import { type ListOptions, type LockTarget, type ManifestInfo, type Page, type RepositoryInfo, type TagInfo } from './models';
import {
  type PasswordCredentials,
  PasswordTokenCache,
  passwordGrantPolicy,
  type RequestObserver,
  requestLogPolicy,
} from './policies';
import { assertSameOrigin, sameOriginPolicy } from './origin';
import { retryAfterCapPolicy } from './retryAfter';
import { CALL_RETRY, retryTransient, type ServerWait, SharedPause } from './retry';
import { pacedHttpClient } from './pacing';
import { DEFAULT_TRANSPORT_LIMITS, limitedHttpClient, type TransportLimits } from './transportLimits';

export type RegistryAuth =
  | { readonly kind: 'token'; readonly credential: TokenCredential }
  | { readonly kind: 'password'; readonly credentials: PasswordCredentials }
  | { readonly kind: 'anonymous' };

export interface RegistryClientOptions {
  readonly loginServer: string;
  readonly auth: RegistryAuth;
  /** AAD audience (token auth only); defaults to ACR's own (`ACR_AUDIENCE`), which works in every cloud. */
  readonly audience?: string;
  /**
   * Token auth only: the user confirmed that this login server, which is not an ACR domain
   * (`*.azurecr.io/.cn/.us`), may get their Azure AD token. Without it, every call fails with
   * `untrustedDomain` before any request.
   */
  readonly trustedCustomDomain?: boolean;
  /** The HTTP client of every SDK client (default: the SDK's Node client); paced to the registry's limits either way. */
  readonly httpClient?: HttpClient;
  readonly logger?: RegistryLogger;
  readonly observer?: RequestObserver;
  /** Timeouts and the body cap of every request (transportLimits.ts); defaults: 30 s, 60 s, 16 MB. */
  readonly limits?: TransportLimits;
  /** Each wait of the client's own retries, as it starts (the command-line tool prints it). */
  readonly onWait?: (wait: ServerWait) => void;
}

export interface CallOptions {
  readonly abortSignal?: AbortSignal;
  /**
   * false: one attempt, the caller retries (a bulk run, a listing: retry.ts's retryTransient with
   * its own pause and stop). Default: the call retries transient failures itself (CALL_RETRY).
   */
  readonly retry?: boolean;
}

type Purpose = 'catalog' | `read:${string}` | `write:${string}`;

const MAX_CLIENTS = 24;
/** Placeholder reference for artifacts used only to list tags (the SDK ignores it there). */
const LISTING_REFERENCE = 'latest';

/** The SDK's page arrays carry `continuationToken` at run time; its typings only say so for some pages. */
function continuationOf(page: object): string | undefined {
  return 'continuationToken' in page && typeof page.continuationToken === 'string' ? page.continuationToken : undefined;
}

/**
 * The first page of a `byPage()` iterator: exactly one list request. Continuation links, the
 * one followed and the one returned, must stay on the registry's origin; a page must not link
 * to itself.
 */
async function firstPage<T, R>(
  pages: AsyncIterableIterator<T[]>,
  map: (item: T) => R,
  endpoint: string,
  requested: string | undefined,
): Promise<Page<R>> {
  const registryOrigin = new URL(endpoint).origin;
  if (requested !== undefined) {
    assertSameOrigin(registryOrigin, requested, 'next-page link');
  }
  const first = await pages.next();
  if (first.done) {
    return { items: [] };
  }
  const continuationToken = continuationOf(first.value);
  if (continuationToken !== undefined) {
    assertSameOrigin(registryOrigin, continuationToken, 'next-page link');
    if (continuationToken === requested) {
      throw new RegistryError('badResponse', 'The registry linked a page of a listing to itself; the listing was stopped.', {
        code: 'PAGE_LOOP',
      });
    }
  }
  return { items: first.value.map(map), continuationToken };
}

/** A catalog entry must be a non-empty string; the SDK passes on whatever the registry sent. */
function repositoryName(name: unknown): string {
  if (typeof name !== 'string' || name === '') {
    throw new RegistryError('badResponse', "The registry's answer was not in the expected shape (a repository name that is not text); nothing was done with it.", {
      code: 'BAD_SHAPE',
    });
  }
  return name;
}

/** Loaded on first use, so activation does not pay for the SDK. */
async function loadSdk(): Promise<typeof Sdk> {
  return import('@azure/container-registry');
}

export class RegistryClient {
  readonly endpoint: string;
  private readonly clients = new Map<Purpose, ContainerRegistryClient>();
  private readonly passwordTokens = new PasswordTokenCache();
  /** Every SDK client of this registry (one identity) sends through one pacer (pacing.ts). */
  private paced: HttpClient | undefined;
  /** A wait the registry asked of one call delays every call of this client that retries by itself. */
  private readonly pause = new SharedPause();

  constructor(private readonly options: RegistryClientOptions) {
    this.endpoint = endpointOf(options.loginServer);
  }

  get loginServer(): string {
    return this.options.loginServer;
  }

  private async client(purpose: Purpose): Promise<ContainerRegistryClient> {
    const existing = this.clients.get(purpose);
    if (existing) {
      this.clients.delete(purpose);
      this.clients.set(purpose, existing);
      return existing;
    }
    const { auth, audience, observer, httpClient, loginServer } = this.options;
    if (auth.kind === 'token' && !isAcrDomain(loginServer) && this.options.trustedCustomDomain !== true) {
      throw new RegistryError(
        'untrustedDomain',
        `${loginServer} is not an Azure Container Registry domain; the Azure sign-in token is sent there only once you confirm it.`,
        { host: loginServer },
      );
    }
    const sdk = await loadSdk();
    const logger = this.options.logger ?? silentLogger;
    // Order (see origin.ts): front guard → SDK bearer/retry (off: maxRetries 0)/redirect → password grant → log → wait cap → wire guard.
    const additionalPolicies: ContainerRegistryClientOptions['additionalPolicies'] = [
      { position: 'perCall', policy: sameOriginPolicy(this.endpoint, 'front') },
    ];
    if (auth.kind === 'password') {
      additionalPolicies.push({
        position: 'perRetry',
        policy: passwordGrantPolicy(auth.credentials, this.passwordTokens, this.endpoint),
      });
    }
    additionalPolicies.push({ position: 'perRetry', policy: requestLogPolicy(logger, observer) });
    additionalPolicies.push({ position: 'perRetry', policy: retryAfterCapPolicy() });
    additionalPolicies.push({ position: 'perRetry', policy: sameOriginPolicy(this.endpoint, 'wire') });
    const clientOptions: ContainerRegistryClientOptions = {
      audience: audience ?? ACR_AUDIENCE,
      additionalPolicies,
      // One retry layer: ours (retry.ts). The SDK's would multiply every attempt we count by four.
      retryOptions: { maxRetries: 0 },
      // The SDK turns cross-origin redirects on; a registry call never needs one.
      redirectOptions: { allowCrossOriginRedirects: false },
      userAgentOptions: { userAgentPrefix: 'acr-image-locks' },
      httpClient: (this.paced ??= pacedHttpClient(limitedHttpClient(httpClient ?? createDefaultHttpClient(), this.options.limits ?? DEFAULT_TRANSPORT_LIMITS))),
    };
    const created =
      auth.kind === 'token'
        ? new sdk.ContainerRegistryClient(this.endpoint, auth.credential, clientOptions)
        : new sdk.ContainerRegistryClient(this.endpoint, clientOptions);
    this.clients.set(purpose, created);
    if (this.clients.size > MAX_CLIENTS) {
      const oldest = this.clients.keys().next();
      if (!oldest.done) {
        this.clients.delete(oldest.value);
      }
    }
    return created;
  }

  private async call<T>(options: CallOptions, work: () => Promise<T>): Promise<T> {
    const once = async (): Promise<T> => {
      try {
        return await work();
      } catch (error: unknown) {
        // The SDK reads answers without checking their shape: a number where a name belongs ends
        // in "x.toLowerCase is not a function". That is the registry's wrong answer, not a bug here.
        if (error instanceof TypeError) {
          throw new RegistryError('badResponse', "The registry's answer was not in the expected shape (a field had the wrong type); nothing was done with it.", {
            code: 'BAD_SHAPE',
          });
        }
        throw toRegistryError(error);
      }
    };
    if (options.retry === false) {
      return once();
    }
    return retryTransient(once, { ...CALL_RETRY, signal: options.abortSignal, pause: this.pause, ...(this.options.onWait ? { onWait: this.options.onWait } : {}) });
  }

  /** One `_catalog` request per page; never more than the page asked for. */
  listRepositories(options: Omit<ListOptions, 'order'> & CallOptions): Promise<Page<string>> {
    return this.call(options, async () => {
      const client = await this.client('catalog');
      const pages = client
        .listRepositoryNames({ abortSignal: options.abortSignal })
        .byPage({ maxPageSize: options.pageSize, continuationToken: options.continuationToken });
      return firstPage(pages, repositoryName, this.endpoint, options.continuationToken);
    });
  }

  /** One `_tags` request per page; each tag already carries its changeable attributes. */
  listTags(repository: string, options: ListOptions & CallOptions): Promise<Page<TagInfo>> {
    return this.call(options, async () => {
      const client = await this.client(`read:${repository}`);
      const pages = client
        .getArtifact(repository, LISTING_REFERENCE)
        .listTagProperties({
          abortSignal: options.abortSignal,
          order: options.order === 'lastUpdated' ? 'LastUpdatedOnDescending' : undefined,
        })
        .byPage({ maxPageSize: options.pageSize, continuationToken: options.continuationToken });
      return firstPage(pages, toTagInfo, this.endpoint, options.continuationToken);
    });
  }

  listManifests(repository: string, options: ListOptions & CallOptions): Promise<Page<ManifestInfo>> {
    return this.call(options, async () => {
      const client = await this.client(`read:${repository}`);
      const pages = client
        .getRepository(repository)
        .listManifestProperties({
          abortSignal: options.abortSignal,
          order: options.order === 'lastUpdated' ? 'LastUpdatedOnDescending' : undefined,
        })
        .byPage({ maxPageSize: options.pageSize, continuationToken: options.continuationToken });
      return firstPage(pages, toManifestInfo, this.endpoint, options.continuationToken);
    });
  }

  getRepository(repository: string, options: CallOptions = {}): Promise<RepositoryInfo> {
    return this.call(options, async () => {
      const client = await this.client(`read:${repository}`);
      return toRepositoryInfo(await client.getRepository(repository).getProperties({ abortSignal: options.abortSignal }));
    });
  }

  getTag(repository: string, tag: string, options: CallOptions = {}): Promise<TagInfo> {
    return this.call(options, async () => {
      const client = await this.client(`read:${repository}`);
      return toTagInfo(await client.getArtifact(repository, tag).getTagProperties(tag, { abortSignal: options.abortSignal }));
    });
  }

  /** By digest: one request. By tag, the SDK first resolves the tag (two requests). */
  getManifest(repository: string, digestOrTag: string, options: CallOptions = {}): Promise<ManifestInfo> {
    return this.call(options, async () => {
      const client = await this.client(`read:${repository}`);
      return toManifestInfo(await client.getArtifact(repository, digestOrTag).getManifestProperties({ abortSignal: options.abortSignal }));
    });
  }

  /** Sends only the flags in `change`; returns what the registry answered, not what was assumed. */
  updateRepository(repository: string, change: LockChange, options: CallOptions = {}): Promise<RepositoryInfo> {
    return this.call(options, async () => {
      const client = await this.client(`write:${repository}`);
      const updated = await client.getRepository(repository).updateProperties({ ...toSdkChange(change), abortSignal: options.abortSignal });
      return toRepositoryInfo(updated);
    });
  }

  updateTag(repository: string, tag: string, change: LockChange, options: CallOptions = {}): Promise<TagInfo> {
    return this.call(options, async () => {
      const client = await this.client(`write:${repository}`);
      const updated = await client
        .getArtifact(repository, tag)
        .updateTagProperties(tag, { ...toSdkChange(change), abortSignal: options.abortSignal });
      return toTagInfo(updated);
    });
  }

  updateManifest(repository: string, digest: string, change: LockChange, options: CallOptions = {}): Promise<ManifestInfo> {
    return this.call(options, async () => {
      const client = await this.client(`write:${repository}`);
      const updated = await client
        .getArtifact(repository, digest)
        .updateManifestProperties({ ...toSdkChange(change), abortSignal: options.abortSignal });
      return toManifestInfo(updated);
    });
  }

  /** The current attributes of any target, read fresh from the registry. */
  async read(target: LockTarget, options: CallOptions = {}): Promise<RepositoryInfo | TagInfo | ManifestInfo> {
    switch (target.kind) {
      case 'repository':
        return this.getRepository(target.repository, options);
      case 'tag':
        return this.getTag(target.repository, target.tag, options);
      case 'manifest':
        return this.getManifest(target.repository, target.digest, options);
    }
  }

  async update(
    target: LockTarget,
    change: LockChange,
    options: CallOptions = {},
  ): Promise<RepositoryInfo | TagInfo | ManifestInfo> {
    switch (target.kind) {
      case 'repository':
        return this.updateRepository(target.repository, change, options);
      case 'tag':
        return this.updateTag(target.repository, target.tag, change, options);
      case 'manifest':
        return this.updateManifest(target.repository, target.digest, change, options);
    }
  }
}
