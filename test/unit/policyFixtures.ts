// Shared by the policy engine and plan tests: policies built through the real parser, listings as data.
import * as assert from 'node:assert/strict';
import { type LockAttributes, UNLOCKED } from '../../src/locks/attributes';
import { parsePolicy, type PolicyManifest, type PolicyTag, type RegistryPolicy } from '../../src/policy';

export const NOW = new Date('2025-06-01T12:00:00Z');
export const DAY = 86_400_000;

export function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * DAY);
}

export const LOCKED: LockAttributes = { ...UNLOCKED, writeEnabled: false, deleteEnabled: false };

export function tag(name: string, digest: string, ageDays = 30, attributes: LockAttributes = UNLOCKED): PolicyTag {
  return { name, digest, lastUpdatedOn: daysAgo(ageDays), attributes };
}

export function manifest(digest: string, tags: readonly string[], ageDays = 30, attributes: LockAttributes = UNLOCKED): PolicyManifest {
  return { digest, tags, lastUpdatedOn: daysAgo(ageDays), attributes };
}

/** A registry policy with these rules, through parsePolicy (so every test also runs the parser). */
export function registryWith(rules: readonly Record<string, unknown>[]): RegistryPolicy {
  const parsed = parsePolicy(JSON.stringify({ registries: [{ loginServer: 'r.azurecr.io', rules }] }));
  assert.deepEqual(
    parsed.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const registry = parsed.policy?.registries[0];
  assert.ok(registry);
  return registry;
}
