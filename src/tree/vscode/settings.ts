/** Reads the explorer's settings (`acrLocks.*`); validation itself is pure (src/config.ts). */
import * as vscode from 'vscode';
import { parsePageSize, parseRegistries, transportLimitsFrom, type ParsedRegistries, type RegistryConfig, toSetting } from '../../config';
import { checkLoginServer } from '../../registry/loginServer';
import { type SortOrder } from '../../registry/models';
import { type TransportLimits } from '../../registry/transportLimits';

export const SECTION = 'acrLocks';

export function readRegistries(): ParsedRegistries {
  return parseRegistries(vscode.workspace.getConfiguration(SECTION).get<unknown>('registries'), checkLoginServer);
}

export function readPageSize(): number {
  return parsePageSize(vscode.workspace.getConfiguration(SECTION).get<unknown>('pageSize'));
}

/** `acrLocks.connectTimeoutSeconds` and `acrLocks.idleTimeoutSeconds` (1–3600 s; defaults 30 and 60). */
export function readTransportLimits(): TransportLimits {
  const config = vscode.workspace.getConfiguration(SECTION);
  return transportLimitsFrom({ connectTimeoutSeconds: config.get<unknown>('connectTimeoutSeconds'), idleTimeoutSeconds: config.get<unknown>('idleTimeoutSeconds') });
}

export function readSortOrder(): SortOrder {
  return vscode.workspace.getConfiguration(SECTION).get<unknown>('sortOrder') === 'lastUpdated' ? 'lastUpdated' : 'name';
}

export async function writeSortOrder(order: SortOrder): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('sortOrder', order, vscode.ConfigurationTarget.Global);
}

/** Writes the list back to user settings (the registries setting is machine-wide, not per workspace). */
export async function writeRegistries(registries: readonly RegistryConfig[]): Promise<void> {
  await vscode.workspace
    .getConfiguration(SECTION)
    .update('registries', registries.map(toSetting), vscode.ConfigurationTarget.Global);
}
