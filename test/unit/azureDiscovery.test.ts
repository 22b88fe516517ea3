// src/azure's pure parts in plain mocha: ARM entries → registries, cloud settings, the subscription
// filter, SKU limits and role guidance, the next-link guard, error kinds, bounded parallelism.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RestError } from '@azure/core-rest-pipeline';
import { forEachBounded } from '../../src/azure/bounded';
import { AZURE_CLOUD, environmentFrom } from '../../src/azure/environment';
import { toAzureError } from '../../src/azure/errors';
import { filterValue, isShown, parseFilter } from '../../src/azure/filter';
import { type AzureSubscription } from '../../src/azure/model';
import { walkPages } from '../../src/azure/pages';
import { logSafe, skippedMessage, toRegistryEntry } from '../../src/azure/registryEntry';
import { rolesFor, throttleLimits } from '../../src/azure/registryFacts';

const SUB: AzureSubscription = { subscriptionId: '11111111-2222-4333-8444-555555555555', tenantId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', displayName: 'Prod', state: 'Enabled' };

function resource(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `/subscriptions/${SUB.subscriptionId}/resourceGroups/rg-one/providers/Microsoft.ContainerRegistry/registries/myregistry`,
    name: 'myregistry',
    location: 'eastus',
    sku: { name: 'Premium', tier: 'Premium' },
    loginServer: 'myregistry.azurecr.io',
    provisioningState: 'Succeeded',
    adminUserEnabled: false,
    anonymousPullEnabled: true,
    roleAssignmentMode: 'AbacRepositoryPermissions',
    ...overrides,
  };
}

/** Pages as the SDK's byPage() yields them: arrays carrying `continuationToken`. */
async function* pagesOf(...pages: [string[], string | undefined][]): AsyncGenerator<string[] & { continuationToken?: string }> {
  for (const [items, link] of pages) {
    yield Object.assign([...items], { continuationToken: link });
  }
}

suite('Azure: ARM registry entries', () => {
  test('a registry resource becomes a discovered registry with what the tooltip needs', () => {
    const entry = toRegistryEntry(resource(), SUB);
    assert.ok(entry.ok);
    assert.deepEqual(entry.registry, {
      id: `/subscriptions/${SUB.subscriptionId}/resourceGroups/rg-one/providers/Microsoft.ContainerRegistry/registries/myregistry`,
      name: 'myregistry',
      subscriptionId: SUB.subscriptionId,
      tenantId: SUB.tenantId,
      resourceGroup: 'rg-one',
      loginServer: 'myregistry.azurecr.io',
      location: 'eastus',
      sku: 'Premium',
      adminUserEnabled: false,
      anonymousPullEnabled: true,
      roleMode: 'abac',
    });
  });

  test('a registry being created or deleted is skipped although Azure already gives its login server; an updating one is listed', () => {
    const creating = toRegistryEntry(resource({ provisioningState: 'Creating' }), SUB);
    assert.deepEqual(creating, { ok: false, skipped: { name: 'myregistry', reason: 'notReady', provisioningState: 'Creating' } });
    assert.ok(!creating.ok);
    assert.match(skippedMessage(creating.skipped, SUB), /not ready \(provisioning state Creating\)/);
    assert.equal(toRegistryEntry(resource({ provisioningState: 'Deleting' }), SUB).ok, false);
    assert.equal(toRegistryEntry(resource({ provisioningState: 'Updating' }), SUB).ok, true);
    assert.equal(toRegistryEntry(resource({ provisioningState: 'Succeeded' }), SUB).ok, true);
  });

  test('no login server (still being created) is skipped with its provisioning state', () => {
    const entry = toRegistryEntry(resource({ loginServer: undefined, provisioningState: 'Creating' }), SUB);
    assert.deepEqual(entry, { ok: false, skipped: { name: 'myregistry', reason: 'noLoginServer', provisioningState: 'Creating' } });
    assert.ok(!entry.ok);
    assert.equal(skippedMessage(entry.skipped, SUB), `Azure: skipped registry 'myregistry' of subscription 'Prod' (${SUB.subscriptionId}): ARM lists no login server (provisioning state Creating).`);
  });

  test('a login server with a scheme, path, port or bad host is skipped, never connected to', () => {
    for (const loginServer of ['https://myregistry.azurecr.io', 'myregistry.azurecr.io/x', 'myregistry.azurecr.io:8443', 'bad host', 42, '']) {
      const entry = toRegistryEntry(resource({ loginServer }), SUB);
      assert.ok(!entry.ok, String(loginServer));
      assert.equal(entry.skipped.reason, loginServer === '' ? 'noLoginServer' : 'badLoginServer', String(loginServer));
    }
  });

  test('entries without name or id, or not objects, are malformed', () => {
    assert.equal(toRegistryEntry(resource({ name: undefined }), SUB).ok, false);
    assert.equal(toRegistryEntry(resource({ id: 7 }), SUB).ok, false);
    const entry = toRegistryEntry('text', SUB);
    assert.ok(!entry.ok);
    assert.equal(entry.skipped.reason, 'malformed');
  });

  test('unknown or missing values stay unknown, not defaults', () => {
    const entry = toRegistryEntry(resource({ sku: 'Premium', adminUserEnabled: 'yes', roleAssignmentMode: 'Something', location: undefined }), SUB);
    assert.ok(entry.ok);
    assert.equal(entry.registry.sku, undefined);
    assert.equal(entry.registry.adminUserEnabled, undefined);
    assert.equal(entry.registry.roleMode, undefined);
    assert.equal(entry.registry.location, undefined);
    const legacy = toRegistryEntry(resource({ roleAssignmentMode: 'LegacyRegistryPermissions' }), SUB);
    assert.ok(legacy.ok);
    assert.equal(legacy.registry.roleMode, 'rbac');
  });

  test('ARM text in log lines loses control characters and is bounded', () => {
    assert.equal(logSafe('evil\nINFO forged line'), 'evil INFO forged line');
    assert.equal(logSafe('x'.repeat(300)).length, 101);
  });
});

suite('Azure: cloud settings', () => {
  test('public, China and US Government clouds, as microsoft-sovereign-cloud.environment says', () => {
    assert.deepEqual(environmentFrom(undefined, undefined), { ok: true, environment: AZURE_CLOUD });
    const china = environmentFrom('ChinaCloud', undefined);
    assert.ok(china.ok);
    assert.equal(china.environment.resourceManagerEndpoint, 'https://management.chinacloudapi.cn');
    assert.equal(china.environment.authProviderId, 'microsoft-sovereign-cloud');
    const gov = environmentFrom('USGovernment', undefined);
    assert.ok(gov.ok);
    assert.equal(gov.environment.armScope, 'https://management.core.usgovcloudapi.net/.default');
  });

  test('a custom environment needs an https Resource Manager URL', () => {
    const custom = environmentFrom('custom', { resourceManagerEndpointUrl: 'https://arm.contoso.test/', managementEndpointUrl: 'https://management.contoso.test/' });
    assert.deepEqual(custom, {
      ok: true,
      environment: { name: 'custom', resourceManagerEndpoint: 'https://arm.contoso.test', armScope: 'https://management.contoso.test/.default', authProviderId: 'microsoft-sovereign-cloud' },
    });
    assert.deepEqual(environmentFrom('custom', undefined), { ok: false, problem: 'customMissing' });
    assert.deepEqual(environmentFrom('custom', { resourceManagerEndpointUrl: 'http://arm.contoso.test' }), { ok: false, problem: 'customInvalid' });
    assert.deepEqual(environmentFrom('custom', { resourceManagerEndpointUrl: 'https://user:pw@arm.contoso.test' }), { ok: false, problem: 'customInvalid' });
  });
});

suite('Azure: subscription filter (tenant/subscription, as Azure Resources stores it)', () => {
  const other: AzureSubscription = { ...SUB, subscriptionId: '99999999-2222-4333-8444-555555555555' };

  test('empty or missing shows everything; entries select tenant/subscription pairs, case-insensitively', () => {
    assert.ok(isShown(parseFilter(undefined), SUB));
    assert.ok(isShown(parseFilter([]), SUB));
    const filter = parseFilter([`${SUB.tenantId.toUpperCase()}/${SUB.subscriptionId.toUpperCase()}`]);
    assert.ok(isShown(filter, SUB));
    assert.ok(!isShown(filter, other));
  });

  test('malformed entries are ignored', () => {
    const filter = parseFilter([42, 'nope', `${SUB.subscriptionId}`, `a/b/c`, `${SUB.tenantId}/${SUB.subscriptionId}`]);
    assert.equal(filter.selected.size, 1);
  });

  test('storing a selection: every subscription chosen stores no filter', () => {
    assert.deepEqual(filterValue([SUB], [SUB, other]), [`${SUB.tenantId}/${SUB.subscriptionId}`]);
    assert.deepEqual(filterValue([SUB, other], [SUB, other]), []);
  });
});

suite('Azure: SKU limits and roles', () => {
  test('throttle limits per SKU (per minute, registry and identity)', () => {
    assert.deepEqual(throttleLimits('Premium'), { sku: 'Premium', reads: 20_000, writes: 4_000, deletes: 4_000, identityReads: 10_000, identityWrites: 2_000, identityDeletes: 2_000 });
    assert.equal(throttleLimits('standard')?.writes, 2_000);
    assert.equal(throttleLimits('Basic')?.identityDeletes, 500);
    assert.equal(throttleLimits('Classic'), undefined);
    assert.equal(throttleLimits(undefined), undefined);
  });

  test('ABAC mode: Repository Reader views, Writer or Contributor change', () => {
    assert.deepEqual(rolesFor('abac', 'view').roles, ['Container Registry Repository Reader', 'Container Registry Repository Writer', 'Container Registry Repository Contributor']);
    assert.deepEqual(rolesFor('abac', 'change'), { mode: 'abac', roles: ['Container Registry Repository Writer', 'Container Registry Repository Contributor'], orMetadataPermission: false });
  });

  test('standard RBAC mode: Owner or Contributor, or a role with the metadata permission; unknown mode names both', () => {
    assert.deepEqual(rolesFor('rbac', 'change'), { mode: 'rbac', roles: ['Owner', 'Contributor'], orMetadataPermission: true });
    const unknown = rolesFor(undefined, 'change');
    assert.equal(unknown.mode, 'unknown');
    assert.ok(unknown.roles.includes('Owner') && unknown.roles.includes('Container Registry Repository Writer'));
  });
});

suite('Azure: next-link guard', () => {
  const origin = 'https://management.azure.com';

  test('hands over each page as it comes, with whether more follow', async () => {
    const seen: [readonly string[], boolean][] = [];
    await walkPages(pagesOf([['a', 'b'], `${origin}/next?x=1`], [['c'], undefined]), (items, more) => seen.push([[...items], more]), { origin, maxPages: 5 });
    assert.deepEqual(seen, [[['a', 'b'], true], [['c'], false]]);
  });

  test('a next link to another origin is refused before it is followed', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<string[] & { continuationToken?: string }> {
      pulled++;
      yield Object.assign(['a'], { continuationToken: 'https://elsewhere.example/next' });
      pulled++;
      yield Object.assign(['b'], { continuationToken: undefined });
    }
    await assert.rejects(walkPages(counted(), () => undefined, { origin, maxPages: 5 }), { kind: 'crossOrigin' });
    assert.equal(pulled, 1);
  });

  test('a repeated link or too many pages ends the listing with a bad response', async () => {
    await assert.rejects(walkPages(pagesOf([['a'], `${origin}/n`], [['b'], `${origin}/n`], [['c'], undefined]), () => undefined, { origin, maxPages: 9 }), { kind: 'badResponse' });
    await assert.rejects(walkPages(pagesOf([['a'], `${origin}/1`], [['b'], `${origin}/2`], [['c'], `${origin}/3`]), () => undefined, { origin, maxPages: 2 }), { kind: 'badResponse' });
  });

  test('a cancelled walk stops before the next page', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await assert.rejects(
      walkPages(pagesOf([['a'], `${origin}/1`], [['b'], undefined]), (items) => (seen.push(...items), controller.abort()), { origin, maxPages: 5, signal: controller.signal }),
      { kind: 'cancelled' },
    );
    assert.deepEqual(seen, ['a']);
  });
});

suite('Azure: error kinds', () => {
  test('ARM answers map to kinds; only identifier-like codes are kept', () => {
    assert.equal(toAzureError(new RestError('x', { statusCode: 403, code: 'AuthorizationFailed' })).kind, 'forbidden');
    assert.equal(toAzureError(new RestError('x', { statusCode: 401, code: 'InvalidAuthenticationToken' })).kind, 'signInRequired');
    assert.equal(toAzureError(new RestError('x', { statusCode: 400, code: 'ExpiredAuthenticationToken' })).kind, 'signInRequired');
    assert.equal(toAzureError(new RestError('x', { statusCode: 404, code: 'SubscriptionNotFound' })).kind, 'notFound');
    assert.equal(toAzureError(new RestError('x', { statusCode: 429 })).kind, 'throttled');
    assert.equal(toAzureError(new RestError('x', { statusCode: 503 })).kind, 'server');
    assert.equal(toAzureError(new RestError('x', { statusCode: 302 })).kind, 'badResponse');
    assert.equal(toAzureError(new RestError('x', { statusCode: 403, code: 'bad code <script>' })).details.code, undefined);
    assert.equal(toAzureError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind, 'unreachable');
    assert.equal(toAzureError(Object.assign(new Error('aborted'), { name: 'AbortError' })).kind, 'cancelled');
  });
});

suite('Azure: bounded parallelism', () => {
  test('never more than the limit at once, every item once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => setImmediate(resolve));
      done.push(n);
      running--;
    });
    assert.equal(most, 3);
    assert.deepEqual(done.sort(), [1, 2, 3, 4, 5, 6, 7]);
  });
});

suite('Azure: layering', () => {
  test('the listing logic (src/azure outside src/azure/vscode) never imports vscode', () => {
    const dir = join(__dirname, '..', '..', '..', 'src', 'azure');
    const files = readdirSync(dir).filter((name) => name.endsWith('.ts') && statSync(join(dir, name)).isFile());
    assert.ok(files.length > 5);
    for (const name of files) {
      assert.doesNotMatch(readFileSync(join(dir, name), 'utf8'), /from 'vscode'|require\('vscode'\)/, name);
    }
  });
});
