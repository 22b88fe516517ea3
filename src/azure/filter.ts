/**
 * The subscription filter, in the Azure extensions' format: a list of `tenantId/subscriptionId`
 * (Azure Resources' `azureResourceGroups.selectedSubscriptions`). An empty or missing list shows
 * every subscription. Pure.
 */
import { type AzureSubscription } from './model';

export interface SubscriptionFilter {
  /** No filter: every subscription is shown. */
  readonly all: boolean;
  readonly selected: ReadonlySet<string>;
}

const ID = /^[0-9a-fA-F-]{1,64}$/;

function key(tenantId: string, subscriptionId: string): string {
  return `${tenantId.toLowerCase()}/${subscriptionId.toLowerCase()}`;
}

/** Entries that are not `tenant/subscription` are ignored (the Azure extensions do the same). */
export function parseFilter(value: unknown): SubscriptionFilter {
  const entries = Array.isArray(value) ? value : [];
  const selected = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      continue;
    }
    const [tenantId, subscriptionId, ...rest] = entry.split('/');
    if (tenantId && subscriptionId && rest.length === 0 && ID.test(tenantId) && ID.test(subscriptionId)) {
      selected.add(key(tenantId, subscriptionId));
    }
  }
  return { all: selected.size === 0, selected };
}

export function isShown(filter: SubscriptionFilter, subscription: Pick<AzureSubscription, 'tenantId' | 'subscriptionId'>): boolean {
  return filter.all || filter.selected.has(key(subscription.tenantId, subscription.subscriptionId));
}

/** The setting value for a selection; selecting every subscription stores the empty list (no filter). */
export function filterValue(chosen: readonly Pick<AzureSubscription, 'tenantId' | 'subscriptionId'>[], all: readonly Pick<AzureSubscription, 'tenantId' | 'subscriptionId'>[]): string[] {
  const everything = all.every((s) => chosen.some((c) => key(c.tenantId, c.subscriptionId) === key(s.tenantId, s.subscriptionId)));
  return everything ? [] : chosen.map((s) => `${s.tenantId}/${s.subscriptionId}`);
}
