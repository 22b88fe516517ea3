/**
 * The Azure section's model: sign-in node when signed out; tenant (only when there are several) →
 * subscription → registry. Each level is listed once and cached until `refresh`; registries load per
 * shown subscription in parallel (bounded) as soon as the subscriptions are known, and a
 * subscription's children are ready with its first page. Registry nodes are the tree's own
 * RegistryNode (auth `microsoft`), so everything below them is the configured registries' code.
 * No vscode import: it runs under plain mocha.
 */
import { type RegistryLogger } from '../registry/log';
import { Emitter } from '../util/emitter';
import { type RegistryNode } from '../tree/nodes';
import { type AzureDiscovery, type TenantSubscriptions } from './discovery';
import { AzureError, toAzureError } from './errors';
import { type SubscriptionFilter, isShown } from './filter';
import { type AzureSubscription, type AzureTenant, type DiscoveredRegistry } from './model';
import { AZURE_KINDS } from '../tree/contextValue';
import { appendAll } from '../util/arrays';

export interface AzureSignInNode {
  readonly kind: 'azureSignIn';
}

export interface AzureTenantNode {
  readonly kind: 'azureTenant';
  readonly tenant: AzureTenant;
}

export interface AzureSubscriptionNode {
  readonly kind: 'azureSubscription';
  readonly subscription: AzureSubscription;
  readonly parent: AzureTenantNode | undefined;
}

export type AzureInfoId = 'noTenants' | 'noSubscriptions' | 'allFiltered' | 'noRegistries' | 'loadingMore' | 'environment';

export interface AzureInfoNode {
  readonly kind: 'azureInfo';
  readonly id: AzureInfoId;
  readonly parent: AzureNode | undefined;
}

export interface AzureErrorNode {
  readonly kind: 'azureError';
  readonly error: AzureError;
  readonly parent: AzureNode | undefined;
}

export type AzureNode = AzureSignInNode | AzureTenantNode | AzureSubscriptionNode | AzureInfoNode | AzureErrorNode;
export type AzureChild = AzureNode | RegistryNode;

const AZURE_KIND_SET: ReadonlySet<string> = new Set(AZURE_KINDS);

export function isAzureNode(value: unknown): value is AzureNode {
  return typeof value === 'object' && value !== null && 'kind' in value && typeof value.kind === 'string' && AZURE_KIND_SET.has(value.kind);
}

export interface SubscriptionState {
  readonly registries: RegistryNode[];
  done: boolean;
  error: AzureError | undefined;
  /** Resolves with the first page (or the end, or the error). */
  readonly firstPage: Promise<void>;
}

type TenantsState = { readonly ok: true; readonly tenants: readonly AzureTenant[] } | { readonly ok: false; readonly error: AzureError };

export interface AzureModelOptions {
  /** undefined when the cloud settings are unusable (an info node says so). */
  readonly discovery: () => AzureDiscovery | undefined;
  readonly filter: () => SubscriptionFilter;
  readonly log: RegistryLogger;
}

export class AzureModel {
  private readonly changed = new Emitter<AzureChild | undefined>();
  readonly onDidChange = this.changed.event;

  private tenantsState: Promise<TenantsState> | undefined;
  private readonly tenantNodes = new Map<string, AzureTenantNode>();
  private readonly subscriptionLists = new Map<string, Promise<TenantSubscriptions>>();
  private readonly subscriptionNodes = new Map<string, AzureSubscriptionNode>();
  private readonly states = new Map<string, SubscriptionState>();
  /** Discovered registries by login server: stable nodes, so their cached listings survive redraws. */
  private readonly registryNodes = new Map<string, RegistryNode>();
  private readonly facts = new Map<RegistryNode, DiscoveredRegistry>();
  private abort = new AbortController();

  constructor(private readonly options: AzureModelOptions) {}

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
  }

  /** What ARM says about a discovered registry (undefined for configured ones). */
  factsOf(node: RegistryNode): DiscoveredRegistry | undefined {
    return this.facts.get(node);
  }

  /** Lists the tenants, subscriptions and registries again (the registries' own listings are the explorer's: Refresh Azure Section drops those too). */
  refresh(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.tenantsState = undefined;
    this.subscriptionLists.clear();
    this.states.clear();
    this.changed.fire(undefined);
  }

  /** The subscription filter changed: redraw; newly shown subscriptions load their registries. */
  filterChanged(): void {
    this.changed.fire(undefined);
  }

  async children(node?: AzureNode): Promise<AzureChild[]> {
    try {
      if (!node) {
        return await this.rootChildren();
      }
      switch (node.kind) {
        case 'azureTenant':
          return await this.tenantChildren(node.tenant, node);
        case 'azureSubscription':
          return await this.subscriptionChildren(node);
        default:
          return [];
      }
    } catch (thrown) {
      return [{ kind: 'azureError', error: toAzureError(thrown), parent: node }];
    }
  }

  /** The registries discovered so far (the nodes the Azure view shows). */
  discoveredRegistries(): RegistryNode[] {
    return [...this.registryNodes.values()];
  }

  /**
   * Lists the registries of every subscription the account reaches (as expanding each would; the
   * filter is not applied) and resolves once each has its first page or failed. Nothing is listed
   * when no one is signed in: this never asks to sign in.
   */
  async discoverAll(): Promise<RegistryNode[]> {
    const { subscriptions } = await this.allSubscriptions();
    this.load(subscriptions);
    await Promise.all(subscriptions.map((s) => this.states.get(s.subscriptionId)?.firstPage));
    return this.discoveredRegistries();
  }

  /** Every subscription of every tenant (for the filter), filter not applied. */
  async allSubscriptions(): Promise<{ subscriptions: AzureSubscription[]; signedIn: boolean }> {
    const state = await this.tenants();
    if (!state.ok) {
      return { subscriptions: [], signedIn: state.error.kind !== 'signInRequired' };
    }
    const lists = await Promise.all(state.tenants.map((t) => this.subscriptions(t)));
    return { subscriptions: lists.flatMap((l) => (l.ok ? [...l.subscriptions] : [])), signedIn: true };
  }

  private tenants(): Promise<TenantsState> {
    if (!this.tenantsState) {
      const discovery = this.options.discovery();
      this.tenantsState = discovery
        ? discovery.listTenants(this.abort.signal).then(
            (tenants): TenantsState => ({ ok: true, tenants }),
            (error: unknown): TenantsState => ({ ok: false, error: toAzureError(error) }),
          )
        : Promise.resolve({ ok: false, error: new AzureError('badResponse', 'the cloud settings are not usable') });
    }
    return this.tenantsState;
  }

  private subscriptions(tenant: AzureTenant): Promise<TenantSubscriptions> {
    let list = this.subscriptionLists.get(tenant.tenantId);
    if (!list) {
      const discovery = this.options.discovery();
      list = discovery
        ? discovery.listAllSubscriptions([tenant], this.abort.signal).then((results) => results[0] ?? { tenant, ok: true, subscriptions: [] })
        : Promise.resolve({ tenant, ok: false, error: new AzureError('badResponse', 'the cloud settings are not usable') });
      this.subscriptionLists.set(tenant.tenantId, list);
    }
    return list;
  }

  private async rootChildren(): Promise<AzureChild[]> {
    if (!this.options.discovery()) {
      return [{ kind: 'azureInfo', id: 'environment', parent: undefined }];
    }
    const state = await this.tenants();
    if (!state.ok) {
      return state.error.kind === 'signInRequired' ? [{ kind: 'azureSignIn' }] : [{ kind: 'azureError', error: state.error, parent: undefined }];
    }
    if (state.tenants.length === 0) {
      return [{ kind: 'azureInfo', id: 'noTenants', parent: undefined }];
    }
    const only = state.tenants.length === 1 ? state.tenants[0] : undefined;
    if (only) {
      return this.tenantChildren(only, undefined);
    }
    return state.tenants.map((tenant) => this.tenantNode(tenant));
  }

  private tenantNode(tenant: AzureTenant): AzureTenantNode {
    let node = this.tenantNodes.get(tenant.tenantId);
    if (!node) {
      node = { kind: 'azureTenant', tenant };
      this.tenantNodes.set(tenant.tenantId, node);
    }
    return node;
  }

  private async tenantChildren(tenant: AzureTenant, parent: AzureTenantNode | undefined): Promise<AzureChild[]> {
    const list = await this.subscriptions(tenant);
    if (!list.ok) {
      return list.error.kind === 'signInRequired' && !parent ? [{ kind: 'azureSignIn' }] : [{ kind: 'azureError', error: list.error, parent }];
    }
    if (list.subscriptions.length === 0) {
      return [{ kind: 'azureInfo', id: 'noSubscriptions', parent }];
    }
    const filter = this.options.filter();
    const shown = list.subscriptions.filter((s) => isShown(filter, s));
    if (shown.length === 0) {
      return [{ kind: 'azureInfo', id: 'allFiltered', parent }];
    }
    this.load(shown);
    return shown.map((subscription) => this.subscriptionNode(subscription, parent));
  }

  private subscriptionNode(subscription: AzureSubscription, parent: AzureTenantNode | undefined): AzureSubscriptionNode {
    const key = `${subscription.tenantId}/${subscription.subscriptionId}`;
    let node = this.subscriptionNodes.get(key);
    if (!node || node.subscription.displayName !== subscription.displayName || node.parent !== parent) {
      node = { kind: 'azureSubscription', subscription, parent };
      this.subscriptionNodes.set(key, node);
    }
    return node;
  }

  /** Subscription state for the view (description: count, loading, failed). */
  stateOf(subscription: AzureSubscription): SubscriptionState | undefined {
    return this.states.get(subscription.subscriptionId);
  }

  /** Starts the registry listings of subscriptions not loading yet, all at once (bounded by the discovery). */
  private load(subscriptions: readonly AzureSubscription[]): void {
    const discovery = this.options.discovery();
    const fresh = subscriptions.filter((s) => !this.states.has(s.subscriptionId));
    if (!discovery || fresh.length === 0) {
      return;
    }
    const signal = this.abort.signal;
    const settle = new Map<string, () => void>();
    for (const subscription of fresh) {
      let resolve: () => void = () => undefined;
      const firstPage = new Promise<void>((r) => (resolve = r));
      settle.set(subscription.subscriptionId, resolve);
      this.states.set(subscription.subscriptionId, { registries: [], done: false, error: undefined, firstPage });
    }
    const update = (subscription: AzureSubscription, change: (state: SubscriptionState) => void): void => {
      const state = this.states.get(subscription.subscriptionId);
      if (!state || signal.aborted) {
        return;
      }
      change(state);
      settle.get(subscription.subscriptionId)?.();
      const node = [...this.subscriptionNodes.values()].find((n) => n.subscription.subscriptionId === subscription.subscriptionId);
      this.changed.fire(node);
    };
    void discovery.loadRegistries(
      fresh,
      {
        onPage: (subscription, page) => update(subscription, (state) => appendAll(state.registries, page.registries.map((r) => this.registryNode(r)))),
        onDone: (subscription) => update(subscription, (state) => (state.done = true)),
        onError: (subscription, error) =>
          update(subscription, (state) => {
            state.error = error;
            state.done = true;
          }),
      },
      signal,
    );
  }

  private registryNode(registry: DiscoveredRegistry): RegistryNode {
    let node = this.registryNodes.get(registry.loginServer);
    if (!node) {
      node = { kind: 'registry', config: { loginServer: registry.loginServer, auth: 'microsoft' } };
      this.registryNodes.set(registry.loginServer, node);
    }
    this.facts.set(node, registry);
    return node;
  }

  private async subscriptionChildren(node: AzureSubscriptionNode): Promise<AzureChild[]> {
    this.load([node.subscription]);
    const state = this.states.get(node.subscription.subscriptionId);
    if (!state) {
      return [];
    }
    await state.firstPage;
    const children: AzureChild[] = [...state.registries];
    if (state.error) {
      children.push({ kind: 'azureError', error: state.error, parent: node });
    } else if (!state.done) {
      children.push({ kind: 'azureInfo', id: 'loadingMore', parent: node });
    } else if (children.length === 0) {
      children.push({ kind: 'azureInfo', id: 'noRegistries', parent: node });
    }
    return children;
  }
}
