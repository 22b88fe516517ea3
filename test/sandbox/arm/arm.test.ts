/**
 * The sandbox's Resource Manager with the real SDK clients, unchanged: @azure/arm-resources-subscriptions
 * (tenants, subscriptions) and @azure/arm-containerregistry (registries.list) reach it as
 * management.azure.com through the CONNECT proxy, or at the sandbox endpoint (custom cloud).
 * Every registry ARM lists signs in with the sandbox's AAD token through /oauth2/exchange.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { type TokenCredential } from '@azure/core-auth';
import { ContainerRegistryClient } from '@azure/container-registry';
import { createSubscription } from '@azure/arm-resources-subscriptions/api';
import { list as listTenants } from '@azure/arm-resources-subscriptions/api/tenants';
import { list as listSubscriptions } from '@azure/arm-resources-subscriptions/api/subscriptions';
import { createContainerRegistryManagement } from '@azure/arm-containerregistry/api';
import { list as listRegistries } from '@azure/arm-containerregistry/api/registries';
import { type Registry } from '@azure/arm-containerregistry';
import { start, type Sandbox } from '../index';
import { aadCredential } from '../testUtil';
import { tunnelOptions, useArmSandbox } from './armTestUtil';

function token(value: string): TokenCredential {
  return { getToken: () => Promise.resolve({ token: value, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}

function subscriptionId(sandbox: Sandbox, displayName: string): string {
  const found = sandbox.arm.subscriptions.find((s) => s.displayName === displayName);
  assert.ok(found, `subscription ${displayName}`);
  return found.subscriptionId;
}

function raw(sandbox: Sandbox, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.endpoint}${path}`, { headers, ca: readFileSync(sandbox.caFile), agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sandbox Resource Manager (real ARM SDK clients)', () => {
  let sandbox: Sandbox;
  useArmSandbox((started) => (sandbox = started));

  it('lists its tenant and subscriptions as management.azure.com through the proxy', async () => {
    const context = createSubscription(aadCredential(sandbox), tunnelOptions(sandbox));
    const tenants = await all(listTenants(context));
    assert.deepEqual(
      tenants.map((t) => [t.tenantId, t.displayName]),
      sandbox.arm.tenants.map((t) => [t.tenantId, t.displayName]),
    );
    const subscriptions = await all(listSubscriptions(context));
    assert.deepEqual(
      subscriptions.map((s) => s.displayName),
      ['Contoso Production', 'Fabrikam Development', 'Northwind (no access)'],
    );
    assert.ok(subscriptions.every((s) => s.state === 'Enabled' && s.tenantId === sandbox.arm.tenants[0]?.tenantId));
    assert.deepEqual(
      sandbox.stats.records.map((r) => `${r.method} ${r.path}${r.query} ${r.status}`),
      ['GET /tenants?api-version=2022-12-01 200', 'GET /subscriptions?api-version=2022-12-01 200'],
    );
  });

  it('pages registries by nextLink: one list request per page, with the resource JSON the SDK reads', async () => {
    const id = subscriptionId(sandbox, 'Contoso Production');
    const context = createContainerRegistryManagement(aadCredential(sandbox), id, tunnelOptions(sandbox));
    const pages = await all(listRegistries(context).byPage());
    assert.deepEqual(pages.map((p) => p.length), [2, 1]);
    const registries = pages.flat();
    assert.deepEqual(registries.map((r) => r.loginServer), ['sandbox.azurecr.io', 'contosoprod.azurecr.io', 'contosoarchive.azurecr.io']);
    const first = registries[0] as Registry;
    assert.equal(first.id, `/subscriptions/${id}/resourceGroups/rg-sandbox/providers/Microsoft.ContainerRegistry/registries/sandbox`);
    assert.equal(first.name, 'sandbox');
    assert.deepEqual(first.sku, { name: 'Premium', tier: 'Premium' });
    assert.equal(first.location, 'eastus');
    assert.equal(first.adminUserEnabled, true);
    assert.equal(first.anonymousPullEnabled, false);
    assert.equal(first.roleAssignmentMode, 'LegacyRegistryPermissions');
    assert.equal(first.provisioningState, 'Succeeded');
    const lists = sandbox.stats.filter({ path: `/subscriptions/${id}/providers/Microsoft.ContainerRegistry/registries` });
    assert.equal(lists.length, 2);
    assert.ok(lists.every((r) => r.status === 200 && r.query.includes('api-version=2025-11-01')));
    assert.match(lists[1]?.query ?? '', /&%24skiptoken=/);
    assert.equal(sandbox.stats.count(), 2, 'nothing but the two pages');
  });

  it('lists the ABAC-mode registry; an entry without loginServer (non-Azure edge) only when a layout asks for it', async () => {
    const context = createContainerRegistryManagement(aadCredential(sandbox), subscriptionId(sandbox, 'Fabrikam Development'), tunnelOptions(sandbox));
    const registries = await all(listRegistries(context));
    assert.deepEqual(registries.map((r) => [r.name, r.loginServer, r.provisioningState]), [['fabrikamdev', 'fabrikamdev.azurecr.io', 'Succeeded']]);
    assert.equal(registries[0]?.roleAssignmentMode, 'AbacRepositoryPermissions');
    assert.equal(registries[0]?.sku.name, 'Basic');
    const edge = await start({ registries: ['fabrikamdev'], arm: { subscriptions: [{ displayName: 'Fabrikam Development', registries: [{ name: 'fabrikamdev' }, { name: 'fabrikamnew', loginServer: false, provisioningState: 'Creating' }] }] } });
    try {
      const edgeContext = createContainerRegistryManagement(aadCredential(edge), subscriptionId(edge, 'Fabrikam Development'), tunnelOptions(edge));
      assert.deepEqual((await all(listRegistries(edgeContext))).map((r) => [r.name, r.loginServer, r.provisioningState]), [
        ['fabrikamdev', 'fabrikamdev.azurecr.io', 'Succeeded'],
        ['fabrikamnew', undefined, 'Creating'],
      ]);
      assert.deepEqual(edge.arm.subscriptions[0]?.registries, ['fabrikamdev.azurecr.io'], 'the edge entry has no login server to list');
    } finally {
      await edge.stop();
    }
  });

  it('answers a subscription the account cannot read with 403 AuthorizationFailed', async () => {
    const id = subscriptionId(sandbox, 'Northwind (no access)');
    const context = createContainerRegistryManagement(aadCredential(sandbox), id, tunnelOptions(sandbox));
    await assert.rejects(all(listRegistries(context)), (error: Error & { statusCode?: number; code?: string }) => {
      assert.equal(error.statusCode, 403);
      assert.equal(error.code, 'AuthorizationFailed');
      return true;
    });
    const reply = await raw(sandbox, `/subscriptions/${id}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`, { Authorization: `Bearer ${sandbox.aadToken}` });
    assert.equal(reply.status, 403);
    const body = JSON.parse(reply.body) as { error: { code: string; message: string } };
    assert.deepEqual(Object.keys(body.error), ['code', 'message']);
    assert.match(body.error.message, /does not have authorization to perform action 'Microsoft\.ContainerRegistry\/registries\/read' over scope '\/subscriptions\//);
  });

  it('is the same service at the sandbox endpoint (custom cloud), with next links on that host', async () => {
    const id = subscriptionId(sandbox, 'Contoso Production');
    const context = createContainerRegistryManagement(aadCredential(sandbox), id, {
      endpoint: sandbox.arm.endpoint,
      tlsOptions: { ca: readFileSync(sandbox.caFile) },
      retryOptions: { maxRetries: 0 },
    });
    const registries = await all(listRegistries(context));
    assert.equal(registries.length, 3);
    const reply = await raw(sandbox, `/subscriptions/${id}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`, { Authorization: `Bearer ${sandbox.aadToken}` });
    const body = JSON.parse(reply.body) as { nextLink?: string };
    assert.ok(body.nextLink?.startsWith(`${sandbox.endpoint}/subscriptions/${id}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01&%24skiptoken=`), body.nextLink);
  });

  it('every registry ARM lists is served and signs in with the AAD token through /oauth2/exchange', async () => {
    const listed = sandbox.arm.subscriptions.flatMap((s) => s.registries);
    assert.deepEqual(listed, ['sandbox.azurecr.io', 'contosoprod.azurecr.io', 'contosoarchive.azurecr.io', 'fabrikamdev.azurecr.io']);
    assert.deepEqual(listed, sandbox.registries.map((r) => r.loginServer));
    for (const loginServer of listed) {
      const client = new ContainerRegistryClient(`https://${loginServer}`, aadCredential(sandbox), { ...tunnelOptions(sandbox), audience: 'https://management.azure.com' });
      const names = await all(client.listRepositoryNames());
      assert.ok(names.includes('hello-world'), `${loginServer}: ${names.join(',')}`);
      const registry = loginServer.split('.')[0];
      assert.equal(sandbox.stats.count({ registry, path: '/oauth2/exchange', status: 200 }), 1, loginServer);
    }
  });

  it('answers 401 like ARM: missing, invalid or other-tenant bearer tokens', async () => {
    const missing = await raw(sandbox, '/subscriptions?api-version=2022-12-01');
    assert.equal(missing.status, 401);
    assert.equal((JSON.parse(missing.body) as { error: { code: string } }).error.code, 'AuthenticationFailed');
    assert.match(String(missing.headers['www-authenticate']), /^Bearer authorization_uri="https:\/\/login\.microsoftonline\.com\/common", error="invalid_token"/);
    const invalid = await raw(sandbox, '/subscriptions?api-version=2022-12-01', { Authorization: 'Bearer not-a-token' });
    assert.deepEqual(JSON.parse(invalid.body), { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } });
    assert.equal(invalid.headers['content-type'], 'application/json; charset=utf-8');
    const noVersion = await raw(sandbox, '/subscriptions', { Authorization: `Bearer ${sandbox.aadToken}` });
    assert.equal(noVersion.status, 400);
    assert.equal((JSON.parse(noVersion.body) as { error: { code: string } }).error.code, 'MissingApiVersionParameter');
    assert.equal(sandbox.stats.count({ pathPrefix: '/subscriptions' }), 3, 'ARM requests are in the stats');
  });
});

describe('sandbox Resource Manager with a custom layout', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await start({
      registries: ['alpha1', 'bravo2', 'charlie3'],
      arm: {
        tenants: [{ displayName: 'Home' }, { displayName: 'Partner' }],
        pageSize: 1,
        subscriptions: [
          { displayName: 'Home A', registries: [{ name: 'alpha1' }, { name: 'bravo2' }] },
          { displayName: 'Partner B', tenant: 1, registries: [{ name: 'charlie3', sku: 'Premium' }] },
        ],
      },
    });
  });
  after(async () => {
    await sandbox.stop();
  });

  it('lists every tenant, and each tenant token sees only its own subscriptions', async () => {
    const [home, partner] = sandbox.arm.tenants;
    assert.ok(home && partner);
    assert.equal(home.token, sandbox.aadToken);
    const homeContext = createSubscription(token(home.token), tunnelOptions(sandbox));
    assert.deepEqual((await all(listTenants(homeContext))).map((t) => t.displayName), ['Home', 'Partner']);
    assert.deepEqual((await all(listSubscriptions(homeContext))).map((s) => s.displayName), ['Home A']);
    const partnerContext = createSubscription(token(partner.token), tunnelOptions(sandbox));
    assert.deepEqual((await all(listSubscriptions(partnerContext))).map((s) => s.displayName), ['Partner B']);
  });

  it('refuses a token of another tenant for a subscription (401 InvalidAuthenticationTokenTenant)', async () => {
    const partnerSubscription = subscriptionId(sandbox, 'Partner B');
    const context = createContainerRegistryManagement(aadCredential(sandbox), partnerSubscription, tunnelOptions(sandbox));
    await assert.rejects(all(listRegistries(context)), (error: Error & { statusCode?: number; code?: string }) => error.statusCode === 401 && error.code === 'InvalidAuthenticationTokenTenant');
  });

  it('pages by the layout page size', async () => {
    sandbox.stats.reset();
    const context = createContainerRegistryManagement(aadCredential(sandbox), subscriptionId(sandbox, 'Home A'), tunnelOptions(sandbox));
    assert.deepEqual((await all(listRegistries(context).byPage())).map((page) => page.map((r) => r.name)), [['alpha1'], ['bravo2']]);
    assert.equal(sandbox.stats.count({ pathPrefix: '/subscriptions/' }), 2);
  });

  it('rejects a layout naming a registry the sandbox does not serve', async () => {
    await assert.rejects(start({ registries: ['alpha1'], arm: { subscriptions: [{ displayName: 'X', registries: [{ name: 'missing1' }] }] } }), /does not serve it/);
  });
});
