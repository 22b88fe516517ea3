/**
 * The settings discovery reads: the cloud (the Microsoft authentication extension's
 * `microsoft-sovereign-cloud.*`) and the subscription filter, stored like the Azure extensions do:
 * Azure Resources' `azureResourceGroups.selectedSubscriptions` when that extension is installed
 * (so both show the same subscriptions), else `acrLocks.azure.selectedSubscriptions`, in the same
 * `tenantId/subscriptionId` format, in the user settings (survives restarts).
 */
import * as vscode from 'vscode';
import { type EnvironmentResult, environmentFrom } from '../environment';
import { type SubscriptionFilter, parseFilter } from '../filter';
import { trustedValue } from '../../workspaceTrust';

const AZURE_RESOURCES = { section: 'azureResourceGroups', key: 'selectedSubscriptions' } as const;
const OWN = { section: 'acrLocks', key: 'azure.selectedSubscriptions' } as const;

export function readEnvironment(): EnvironmentResult {
  const config = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
  // A workspace chooses no cloud and no endpoint until it is trusted (Restricted Mode; workspaceTrust.ts).
  const trusted = vscode.workspace.isTrusted;
  return environmentFrom(trustedValue(config.inspect<unknown>('environment'), trusted), trustedValue(config.inspect<unknown>('customEnvironment'), trusted));
}

/** Azure Resources' setting when some extension contributes it, else ours. */
function filterSetting(): { section: string; key: string } {
  const inspected = vscode.workspace.getConfiguration(AZURE_RESOURCES.section).inspect<unknown>(AZURE_RESOURCES.key);
  return inspected?.defaultValue !== undefined ? AZURE_RESOURCES : OWN;
}

export function readFilter(): SubscriptionFilter {
  const { section, key } = filterSetting();
  return parseFilter(vscode.workspace.getConfiguration(section).get<unknown>(key));
}

export async function writeFilter(value: readonly string[]): Promise<void> {
  const { section, key } = filterSetting();
  await vscode.workspace.getConfiguration(section).update(key, value.length > 0 ? [...value] : undefined, vscode.ConfigurationTarget.Global);
}

/** True when a change touches the cloud or the subscription filter. */
export function affectsDiscovery(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    event.affectsConfiguration('microsoft-sovereign-cloud') ||
    event.affectsConfiguration(`${AZURE_RESOURCES.section}.${AZURE_RESOURCES.key}`) ||
    event.affectsConfiguration(`${OWN.section}.${OWN.key}`)
  );
}
