/**
 * The sandbox's Resource Manager answers as Azure does where Microsoft's REST API specs for
 * Microsoft.ContainerRegistry (azure-rest-api-specs, Registry/stable/2025-11-01 examples) and
 * az's recordings (azure-cli acr tests/latest/recordings) show it: older api-versions, listing by
 * resource group, networkRuleBypassAllowedForTasks, a Creating registry's login server, one page
 * for a small subscription, systemData times with +00:00 (sources in README.md).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { createContainerRegistryManagement } from '@azure/arm-containerregistry/api';
import { get as getRegistry, list as listRegistries, listByResourceGroup } from '@azure/arm-containerregistry/api/registries';
import { start, type Sandbox } from '../index';
import { aadCredential } from '../testUtil';
import { tunnelOptions } from './armTestUtil';

type Reply = { status: number; body: string };

function get(sandbox: Sandbox, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.endpoint}${path}`, { headers: { Authorization: `Bearer ${sandbox.aadToken}` }, ca: readFileSync(sandbox.caFile), agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end();
  });
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
  assert.ok(found, displayName);
  return found.subscriptionId;
}

interface ListBody {
  value: { name: string; systemData: Record<string, string>; properties: Record<string, unknown> }[];
  nextLink?: string;
}

describe('sandbox Resource Manager follows Azure (specs and az recordings)', () => {
  let sandbox: Sandbox;
  let production: string;
  before(async () => {
    sandbox = await start();
    production = subscriptionId(sandbox, 'Contoso Production');
  });
  after(async () => {
    await sandbox.stop();
  });

  it('answers older valid api-versions (as az and other SDKs send); only an unknown one is 400 InvalidApiVersionParameter', async () => {
    for (const version of ['2019-05-01', '2021-09-01', '2022-02-01-preview', '2022-12-01', '2023-07-01', '2023-11-01-preview', '2025-03-01-preview', '2025-06-01-preview', '2025-11-01']) {
      const reply = await get(sandbox, `/subscriptions/${production}/providers/Microsoft.ContainerRegistry/registries?api-version=${version}`);
      assert.equal(reply.status, 200, `${version}: ${reply.body}`);
    }
    for (const version of ['2015-01-01', '2019-11-01', '2020-01-01', '2022-12-01']) {
      assert.equal((await get(sandbox, `/subscriptions?api-version=${version}`)).status, 200, version);
    }
    const unknown = await get(sandbox, `/subscriptions/${production}/providers/Microsoft.ContainerRegistry/registries?api-version=2099-01-01`);
    assert.equal(unknown.status, 400);
    const body = JSON.parse(unknown.body) as { error: { code: string; message: string } };
    assert.deepEqual(Object.keys(body.error), ['code', 'message']);
    assert.equal(body.error.code, 'InvalidApiVersionParameter');
    assert.match(body.error.message, /^The api-version '2099-01-01' is invalid\. The supported versions are '.*2023-07-01.*'\.$/);
    assert.equal((await get(sandbox, '/subscriptions?api-version=1999-01-01')).status, 400);
  });

  it('lists registries by resource group (case-insensitive), with the SDK and raw; an unknown group is 404 ResourceGroupNotFound', async () => {
    const context = createContainerRegistryManagement(aadCredential(sandbox), production, tunnelOptions(sandbox));
    const inGroup = await all(listByResourceGroup(context, 'rg-contosoprod'));
    assert.deepEqual(inGroup.map((r) => [r.name, r.loginServer]), [['contosoprod', 'contosoprod.azurecr.io']]);
    const upper = await get(sandbox, `/subscriptions/${production}/resourceGroups/RG-ContosoProd/providers/Microsoft.ContainerRegistry/registries?api-version=2023-07-01`);
    assert.equal(upper.status, 200, upper.body);
    assert.deepEqual((JSON.parse(upper.body) as ListBody).value.map((r) => r.name), ['contosoprod']);
    const one = await getRegistry(context, 'RG-SANDBOX', 'sandbox');
    assert.equal(one.loginServer, 'sandbox.azurecr.io');
    const missing = await get(sandbox, `/subscriptions/${production}/resourceGroups/rg-nothing/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`);
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(missing.body), { error: { code: 'ResourceGroupNotFound', message: "Resource group 'rg-nothing' could not be found." } });
    const denied = await get(sandbox, `/subscriptions/${subscriptionId(sandbox, 'Northwind (no access)')}/resourceGroups/rg-northwindprod/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`);
    assert.equal(denied.status, 403);
    assert.match(denied.body, /over scope '\/subscriptions\/[^/]+\/resourceGroups\/rg-northwindprod'/);
  });

  it('registries carry networkRuleBypassAllowedForTasks (false) beside networkRuleBypassOptions', async () => {
    const context = createContainerRegistryManagement(aadCredential(sandbox), production, tunnelOptions(sandbox));
    const registries = await all(listRegistries(context));
    assert.ok(registries.length > 0);
    for (const r of registries) {
      assert.equal(r.networkRuleBypassOptions, 'AzureServices');
      assert.equal(r.networkRuleBypassAllowedForTasks, false, r.name);
    }
  });

  it('a small subscription is one page without nextLink by default', async () => {
    const reply = await get(sandbox, `/subscriptions/${production}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`);
    const body = JSON.parse(reply.body) as ListBody;
    assert.deepEqual(body.value.map((r) => r.name), ['sandbox', 'contosoprod', 'contosoarchive']);
    assert.equal(body.nextLink, undefined);
    assert.equal('nextLink' in body, false);
  });

  it('systemData times have +00:00 offsets and seven fractional digits; creationDate keeps Z', async () => {
    const reply = await get(sandbox, `/subscriptions/${production}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`);
    for (const registry of (JSON.parse(reply.body) as ListBody).value) {
      assert.match(registry.systemData.createdAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
      assert.match(registry.systemData.lastModifiedAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
      assert.match(String(registry.properties.creationDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    }
  });
});

describe('sandbox Resource Manager: explicit layouts', () => {
  it('a registry being created already has its login server (and creationDate), as az recorded', async () => {
    const sandbox = await start({ registries: ['ready1'], arm: { subscriptions: [{ displayName: 'S', registries: [{ name: 'ready1' }, { name: 'newone', provisioningState: 'Creating' }] }] } });
    try {
      const context = createContainerRegistryManagement(aadCredential(sandbox), subscriptionId(sandbox, 'S'), tunnelOptions(sandbox));
      const registries = await all(listRegistries(context));
      assert.deepEqual(registries.map((r) => [r.name, r.loginServer, r.provisioningState]), [
        ['ready1', 'ready1.azurecr.io', 'Succeeded'],
        ['newone', 'newone.azurecr.io', 'Creating'],
      ]);
      assert.ok(registries[1]?.creationDate instanceof Date);
      assert.deepEqual(sandbox.arm.subscriptions[0]?.registries, ['ready1.azurecr.io', 'newone.azurecr.io'], 'the info lists what ARM lists');
    } finally {
      await sandbox.stop();
    }
  });

  it('small pages stay available as an option (armPageSize, or the layout pageSize)', async () => {
    const sandbox = await start({ armPageSize: 2 });
    try {
      const context = createContainerRegistryManagement(aadCredential(sandbox), subscriptionId(sandbox, 'Contoso Production'), tunnelOptions(sandbox));
      assert.deepEqual((await all(listRegistries(context).byPage())).map((p) => p.length), [2, 1]);
      const byGroup = await get(sandbox, `/subscriptions/${subscriptionId(sandbox, 'Contoso Production')}/resourceGroups/rg-sandbox/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`);
      assert.equal((JSON.parse(byGroup.body) as ListBody).nextLink, undefined, 'one registry in the group: one page');
    } finally {
      await sandbox.stop();
    }
    const paged = await start({ registries: ['a1', 'b2', 'c3'], arm: { pageSize: 1, subscriptions: [{ displayName: 'S', registries: [{ name: 'a1', resourceGroup: 'shared' }, { name: 'b2', resourceGroup: 'Shared' }, { name: 'c3' }] }] } });
    try {
      const context = createContainerRegistryManagement(aadCredential(paged), subscriptionId(paged, 'S'), tunnelOptions(paged));
      const pages = await all(listByResourceGroup(context, 'SHARED').byPage());
      assert.deepEqual(pages.map((p) => p.map((r) => r.name)), [['a1'], ['b2']]);
      const first = await get(paged, `/subscriptions/${subscriptionId(paged, 'S')}/resourceGroups/shared/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`);
      assert.match((JSON.parse(first.body) as ListBody).nextLink ?? '', /\/resourceGroups\/shared\/providers\/Microsoft\.ContainerRegistry\/registries\?api-version=2025-11-01&%24skiptoken=/);
    } finally {
      await paged.stop();
    }
  });
});
