/**
 * The Azure section's nodes as TreeItems, and what a discovered registry adds to its configured
 * twin's item: SKU and location in the description; the ARM facts, throttle limits and the roles
 * that grant viewing and changing locks in the tooltip.
 */
import * as vscode from 'vscode';
import { type RegistryError } from '../../registry/errors';
import { type MessageNode } from '../../tree/nodes';
import { type AzureNode, type SubscriptionState } from '../azureModel';
import { type AzureError } from '../errors';
import { type DiscoveredRegistry, type RoleMode } from '../model';
import { rolesFor, throttleLimits } from '../registryFacts';
import { azureContextValue } from '../../tree/contextValue';

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function errorText(error: AzureError): string {
  switch (error.kind) {
    case 'signInRequired':
      return vscode.l10n.t('Azure did not accept the Microsoft sign-in. Sign in again.');
    case 'forbidden':
      return vscode.l10n.t('No permission to list this subscription’s registries ({0}). Ask for the Reader role on the subscription.', error.details.code ?? '403');
    case 'notFound':
      return vscode.l10n.t('Azure does not know this subscription any more. Refresh the Azure section.');
    case 'throttled':
      return vscode.l10n.t('Azure Resource Manager is throttling requests. Wait a minute, then refresh.');
    case 'unreachable':
      return vscode.l10n.t('Cannot reach Azure Resource Manager: check your network or proxy, then refresh.');
    case 'certificate':
      return vscode.l10n.t('The certificate of Azure Resource Manager is not trusted: check your proxy or certificate settings.');
    case 'server':
      return vscode.l10n.t('Azure Resource Manager failed ({0}). Refresh to try again.', String(error.details.status ?? ''));
    case 'badResponse':
    case 'crossOrigin':
      return vscode.l10n.t('Azure Resource Manager sent an answer that cannot be used; nothing was shown from it. See the log.');
    case 'cancelled':
      return vscode.l10n.t('Listing was cancelled. Refresh to list again.');
    case 'unknown':
      return vscode.l10n.t('Listing failed. See the log, then refresh.');
  }
}

function infoText(id: Extract<AzureNode, { kind: 'azureInfo' }>['id']): string {
  switch (id) {
    case 'noTenants':
      return vscode.l10n.t('This account has no Azure directory.');
    case 'noSubscriptions':
      return vscode.l10n.t('No subscriptions.');
    case 'allFiltered':
      return vscode.l10n.t('Every subscription is hidden by the subscription filter.');
    case 'noRegistries':
      return vscode.l10n.t('No container registries.');
    case 'loadingMore':
      return vscode.l10n.t('Loading more registries…');
    case 'environment':
      return vscode.l10n.t('The custom cloud in “microsoft-sovereign-cloud.customEnvironment” needs an https Resource Manager address.');
  }
}

function subscriptionDescription(state: SubscriptionState | undefined): string {
  if (!state || (!state.done && state.registries.length === 0)) {
    return vscode.l10n.t('loading…');
  }
  if (state.error) {
    return state.error.kind === 'forbidden' ? vscode.l10n.t('no access') : vscode.l10n.t('failed');
  }
  const n = state.registries.length;
  const text = n === 1 ? vscode.l10n.t('1 registry') : vscode.l10n.t('{0} registries', String(n));
  return state.done ? text : `${text}…`;
}

export function azureItem(node: AzureNode, state: (node: Extract<AzureNode, { kind: 'azureSubscription' }>) => SubscriptionState | undefined): vscode.TreeItem {
  switch (node.kind) {
    case 'azureSignIn': {
      const item = new vscode.TreeItem(vscode.l10n.t('Sign in to Azure…'), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('sign-in');
      item.tooltip = vscode.l10n.t('Sign in with your Microsoft account to see the container registries of your subscriptions.');
      item.command = { command: 'acrLocks.azureSignIn', title: vscode.l10n.t('Sign in to Azure…') };
      item.contextValue = azureContextValue('azureSignIn');
      return item;
    }
    case 'azureTenant': {
      const item = new vscode.TreeItem(node.tenant.displayName ?? node.tenant.tenantId, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = node.tenant.defaultDomain;
      item.iconPath = new vscode.ThemeIcon('organization');
      item.tooltip = vscode.l10n.t('Directory (tenant) {0}', node.tenant.tenantId);
      item.contextValue = azureContextValue('azureTenant');
      return item;
    }
    case 'azureSubscription': {
      const item = new vscode.TreeItem(node.subscription.displayName, vscode.TreeItemCollapsibleState.Collapsed);
      const s = state(node);
      item.description = subscriptionDescription(s);
      item.iconPath = new vscode.ThemeIcon(s?.error ? 'warning' : 'key');
      item.tooltip = vscode.l10n.t('Subscription {0} ({1}), directory {2}', node.subscription.displayName, node.subscription.subscriptionId, node.subscription.tenantId);
      item.accessibilityInformation = { label: vscode.l10n.t('Subscription {0}, {1}', node.subscription.displayName, item.description) };
      item.contextValue = azureContextValue('azureSubscription');
      return item;
    }
    case 'azureInfo': {
      const item = new vscode.TreeItem(infoText(node.id), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.id === 'loadingMore' ? 'loading~spin' : 'info');
      if (node.id === 'allFiltered') {
        item.command = { command: 'acrLocks.filterSubscriptions', title: vscode.l10n.t('Filter Subscriptions…') };
      }
      item.contextValue = azureContextValue('azureInfo');
      return item;
    }
    case 'azureError': {
      const text = errorText(node.error);
      const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      const signIn = node.error.kind === 'signInRequired';
      item.command = signIn
        ? { command: 'acrLocks.azureSignIn', title: vscode.l10n.t('Sign In') }
        : { command: 'acrLocks.azureRefresh', title: vscode.l10n.t('Retry') };
      item.description = item.command.title;
      item.tooltip = `${text}\n\n${vscode.l10n.t('Click: {0}', item.command.title)}`;
      item.contextValue = azureContextValue('azureError');
      return item;
    }
  }
}

function modeName(mode: RoleMode | undefined): string {
  switch (mode) {
    case 'abac':
      return vscode.l10n.t('RBAC Registry + ABAC Repository Permissions');
    case 'rbac':
      return vscode.l10n.t('RBAC Registry Permissions');
    case undefined:
      return vscode.l10n.t('not reported');
  }
}

/** Which roles let the account view and change locks in this registry's mode (Microsoft's role names). */
export function roleAdvice(mode: RoleMode | undefined): { view: string; change: string } {
  const view = rolesFor(mode, 'view');
  const change = rolesFor(mode, 'change');
  const names = (roles: readonly string[]): string => roles.join(vscode.l10n.t(' or '));
  return {
    view: view.orMetadataPermission
      ? vscode.l10n.t('To view locks: {0}, or a role with the repository metadata read permission.', names(view.roles))
      : vscode.l10n.t('To view locks: {0}.', names(view.roles)),
    change: change.orMetadataPermission
      ? vscode.l10n.t('To change locks: {0}, or a role with the repository metadata write permission.', names(change.roles))
      : vscode.l10n.t('To change locks: {0}.', names(change.roles)),
  };
}

function enabled(value: boolean | undefined): string {
  return value === undefined ? vscode.l10n.t('not reported') : value ? vscode.l10n.t('enabled') : vscode.l10n.t('disabled');
}

/** A discovered registry's item: the configured-registry item with what ARM says. */
export function decorateRegistry(item: vscode.TreeItem, facts: DiscoveredRegistry, subscriptionName: string | undefined): vscode.TreeItem {
  item.description = [facts.sku, facts.location].filter(Boolean).join(' · ') || vscode.l10n.t('Microsoft account');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${facts.loginServer}**  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Subscription: {0}', subscriptionName ?? facts.subscriptionId)}  \n`);
  if (facts.resourceGroup) {
    md.appendMarkdown(`${vscode.l10n.t('Resource group: {0}', facts.resourceGroup)}  \n`);
  }
  md.appendMarkdown(`${vscode.l10n.t('Location: {0}', facts.location ?? vscode.l10n.t('not reported'))}  \n`);
  const limits = throttleLimits(facts.sku);
  md.appendMarkdown(`${vscode.l10n.t('SKU: {0}', facts.sku ?? vscode.l10n.t('not reported'))}  \n`);
  if (limits) {
    md.appendMarkdown(
      `${vscode.l10n.t(
        'Throttle limits per minute: {0} reads, {1} writes, {2} deletes (per identity {3} / {4} / {5})',
        count(limits.reads),
        count(limits.writes),
        count(limits.deletes),
        count(limits.identityReads),
        count(limits.identityWrites),
        count(limits.identityDeletes),
      )}  \n`,
    );
  }
  md.appendMarkdown(`${vscode.l10n.t('Admin user: {0}', enabled(facts.adminUserEnabled))}  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Anonymous pull: {0}', enabled(facts.anonymousPullEnabled))}  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Role assignment mode: {0}', modeName(facts.roleMode))}  \n\n`);
  const advice = roleAdvice(facts.roleMode);
  md.appendMarkdown(`${advice.view}  \n${advice.change}  \n\n`);
  md.appendMarkdown(vscode.l10n.t('Signed in with your Microsoft account (ACR token exchange).'));
  item.tooltip = md;
  item.accessibilityInformation = { label: vscode.l10n.t('Registry {0}, {1}', facts.loginServer, String(item.description)) };
  return item;
}

const PERMISSION_ERRORS = new Set<RegistryError['kind']>(['missingPermission', 'forbidden']);

/** An error under a discovered registry that refused a metadata read or write: add which roles grant it. */
export function decorateRegistryError(item: vscode.TreeItem, node: MessageNode, facts: DiscoveredRegistry): vscode.TreeItem {
  if (!node.error || !PERMISSION_ERRORS.has(node.error.kind)) {
    return item;
  }
  const advice = roleAdvice(facts.roleMode);
  item.tooltip = `${typeof item.tooltip === 'string' ? item.tooltip : String(item.label ?? '')}\n\n${advice.view}\n${advice.change}`;
  return item;
}
