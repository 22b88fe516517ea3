/**
 * Lists what the signed-in account can reach: tenants → subscriptions → container registries.
 * Each call is one level, so the tree loads lazily. Registries load per subscription in parallel
 * (bounded); each page is handed over as it arrives; a failing subscription is its own error
 * result while the others load; entries without a usable login server are skipped and logged.
 * No vscode import: the session and the transport come in through ArmTokenSource and ArmClientOptions.
 */
import { type RegistryLogger, silentLogger } from '../registry/log';
import { type ArmClientOptions, type ArmTokenSource, clientOptions, loadArmSdk, tenantCredential } from './arm';
import { forEachBounded } from './bounded';
import { type AzureEnvironment } from './environment';
import { AzureError, toAzureError } from './errors';
import { type AzureSubscription, type AzureTenant, type DiscoveredRegistry, type RegistryPage, type SkippedRegistry } from './model';
import { walkPages } from './pages';
import { logSafe, skippedMessage, toRegistryEntry } from './registryEntry';
import { appendAll } from '../util/arrays';

export interface DiscoveryOptions {
  readonly environment: AzureEnvironment;
  readonly tokens: ArmTokenSource;
  readonly clientOptions?: ArmClientOptions;
  readonly log?: RegistryLogger;
  /** Subscriptions (and tenants) listed at the same time; default 4. */
  readonly concurrency?: number;
  /** Pages per listing before it is stopped as runaway; default 50. */
  readonly maxPages?: number;
}

export type TenantSubscriptions =
  | { readonly tenant: AzureTenant; readonly ok: true; readonly subscriptions: readonly AzureSubscription[] }
  | { readonly tenant: AzureTenant; readonly ok: false; readonly error: AzureError };

export interface RegistryListing {
  readonly registries: readonly DiscoveredRegistry[];
  readonly skipped: readonly SkippedRegistry[];
}

export interface RegistryListener {
  /** A page of one subscription's registries (the first one as soon as it arrives). */
  onPage(subscription: AzureSubscription, page: RegistryPage): void;
  onDone(subscription: AzureSubscription, listing: RegistryListing): void;
  onError(subscription: AzureSubscription, error: AzureError): void;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 1024 ? value : undefined;
}

export class AzureDiscovery {
  private readonly log: RegistryLogger;
  private readonly concurrency: number;
  private readonly maxPages: number;
  private readonly origin: string;

  constructor(private readonly options: DiscoveryOptions) {
    this.log = options.log ?? silentLogger;
    this.concurrency = options.concurrency ?? 4;
    this.maxPages = options.maxPages ?? 50;
    this.origin = new URL(options.environment.resourceManagerEndpoint).origin;
  }

  private async requireToken(tenantId: string | undefined): Promise<void> {
    if (!(await this.options.tokens.getToken(tenantId))) {
      throw new AzureError('signInRequired', tenantId ? `no Microsoft session for tenant ${tenantId}` : 'no Microsoft session');
    }
  }

  private async subscriptionContext(tenantId: string | undefined) {
    const { subscriptions } = await loadArmSdk();
    return subscriptions.createSubscription(tenantCredential(this.options.tokens, tenantId), clientOptions(this.options.environment, this.options.clientOptions));
  }

  /** The account's tenants (one request). Throws AzureError. */
  async listTenants(signal?: AbortSignal): Promise<AzureTenant[]> {
    try {
      await this.requireToken(undefined);
      const sdk = await loadArmSdk();
      const context = await this.subscriptionContext(undefined);
      const tenants: AzureTenant[] = [];
      await walkPages(
        sdk.tenants.list(context, { abortSignal: signal }).byPage(),
        (items) => {
          for (const item of items) {
            const tenantId = text(item.tenantId);
            if (tenantId && GUID.test(tenantId) && !tenants.some((t) => t.tenantId === tenantId)) {
              tenants.push({ tenantId, displayName: text(item.displayName), defaultDomain: text(item.defaultDomain) });
            }
          }
        },
        { origin: this.origin, maxPages: this.maxPages, signal },
      );
      return tenants;
    } catch (error) {
      throw toAzureError(error);
    }
  }

  /** The subscriptions of one tenant, with that tenant's token, sorted by name. Throws AzureError. */
  async listSubscriptions(tenant: AzureTenant, signal?: AbortSignal): Promise<AzureSubscription[]> {
    try {
      await this.requireToken(tenant.tenantId);
      const sdk = await loadArmSdk();
      const context = await this.subscriptionContext(tenant.tenantId);
      const found: AzureSubscription[] = [];
      await walkPages(
        sdk.subscriptionList.list(context, { abortSignal: signal }).byPage(),
        (items) => {
          for (const item of items) {
            const subscriptionId = text(item.subscriptionId);
            const tenantId = text(item.tenantId) ?? tenant.tenantId;
            // A token lists its own tenant's subscriptions; anything else is not this tenant's to show.
            if (!subscriptionId || !GUID.test(subscriptionId) || tenantId.toLowerCase() !== tenant.tenantId.toLowerCase()) {
              continue;
            }
            if (!found.some((s) => s.subscriptionId === subscriptionId)) {
              found.push({ subscriptionId, tenantId: tenant.tenantId, displayName: text(item.displayName) ?? subscriptionId, state: text(item.state) });
            }
          }
        },
        { origin: this.origin, maxPages: this.maxPages, signal },
      );
      return found.sort((a, b) => a.displayName.localeCompare(b.displayName));
    } catch (error) {
      throw toAzureError(error);
    }
  }

  /** Every tenant's subscriptions, tenants in parallel (bounded); a failing tenant is its own result. */
  async listAllSubscriptions(tenants: readonly AzureTenant[], signal?: AbortSignal): Promise<TenantSubscriptions[]> {
    const results = new Map<AzureTenant, TenantSubscriptions>();
    await forEachBounded(
      tenants,
      this.concurrency,
      async (tenant) => {
        try {
          results.set(tenant, { tenant, ok: true, subscriptions: await this.listSubscriptions(tenant, signal) });
        } catch (error) {
          const failure = toAzureError(error);
          this.log.warn(`Azure: listing the subscriptions of tenant ${tenant.tenantId} failed (${failure.kind}${failure.details.code ? `, ${failure.details.code}` : ''}).`);
          results.set(tenant, { tenant, ok: false, error: failure });
        }
      },
      signal,
    );
    return tenants.flatMap((t) => results.get(t) ?? []);
  }

  /** One subscription's registries, page by page (one ARM request each). Throws AzureError. */
  async listRegistries(subscription: AzureSubscription, onPage: (page: RegistryPage) => void, signal?: AbortSignal): Promise<RegistryListing> {
    try {
      await this.requireToken(subscription.tenantId);
      const sdk = await loadArmSdk();
      const context = sdk.registry.createContainerRegistryManagement(
        tenantCredential(this.options.tokens, subscription.tenantId),
        subscription.subscriptionId,
        clientOptions(this.options.environment, this.options.clientOptions),
      );
      const registries: DiscoveredRegistry[] = [];
      const skipped: SkippedRegistry[] = [];
      await walkPages(
        sdk.registries.list(context, { abortSignal: signal }).byPage(),
        (items, more) => {
          const page: { registries: DiscoveredRegistry[]; skipped: SkippedRegistry[]; more: boolean } = { registries: [], skipped: [], more };
          for (const item of items) {
            const entry = toRegistryEntry(item, subscription);
            if (!entry.ok) {
              this.log.info(skippedMessage(entry.skipped, subscription));
              page.skipped.push(entry.skipped);
            } else if (!registries.some((r) => r.loginServer === entry.registry.loginServer)) {
              page.registries.push(entry.registry);
              registries.push(entry.registry);
            }
          }
          appendAll(skipped, page.skipped);
          onPage(page);
        },
        { origin: this.origin, maxPages: this.maxPages, signal },
      );
      return { registries, skipped };
    } catch (error) {
      const failure = toAzureError(error);
      this.log.warn(
        `Azure: listing the registries of subscription '${logSafe(subscription.displayName)}' (${subscription.subscriptionId}) failed (${failure.kind}${failure.details.code ? `, ${failure.details.code}` : ''}).`,
      );
      throw failure;
    }
  }

  /** Registries of many subscriptions, at most `concurrency` at a time; every subscription ends in onDone or onError. */
  async loadRegistries(subscriptions: readonly AzureSubscription[], listener: RegistryListener, signal?: AbortSignal): Promise<void> {
    await forEachBounded(
      subscriptions,
      this.concurrency,
      async (subscription) => {
        try {
          const listing = await this.listRegistries(subscription, (page) => listener.onPage(subscription, page), signal);
          listener.onDone(subscription, listing);
        } catch (error) {
          listener.onError(subscription, toAzureError(error));
        }
      },
      signal,
    );
  }
}
