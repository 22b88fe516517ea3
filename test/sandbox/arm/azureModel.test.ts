/**
 * The Azure section's model (src/azure/azureModel.ts) with the tree's own ExplorerModel below the
 * discovered registries, in plain Node against the sandbox: ARM requests counted at the sandbox —
 * one listing request per subscription page, no per-registry ARM call, before or after a registry
 * is expanded — the filter, the tenant level and the signed-out sign-in node.
 */
import * as assert from 'node:assert/strict';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { type AzureChild, AzureModel, type AzureNode } from '../../../src/azure/azureModel';
import { AzureDiscovery } from '../../../src/azure/discovery';
import { AZURE_CLOUD } from '../../../src/azure/environment';
import { parseFilter, type SubscriptionFilter } from '../../../src/azure/filter';
import { silentLogger } from '../../../src/registry/log';
import { RegistryClient } from '../../../src/registry/registryClient';
import { ExplorerModel } from '../../../src/tree/model';
import { type RegistryNode } from '../../../src/tree/nodes';
import { start, type Sandbox } from '../index';
import { aadCredential } from '../testUtil';
import { REGISTRIES_LIST, sessionDouble, tunnelOptions, useArmSandbox } from './armTestUtil';

type SubscriptionNode = Extract<AzureNode, { kind: 'azureSubscription' }>;

function azureModel(sandbox: Sandbox, options: { filter?: () => SubscriptionFilter; signedIn?: boolean } = {}): AzureModel {
  const clientOptions = tunnelOptions(sandbox);
  return new AzureModel({
    discovery: () => new AzureDiscovery({ environment: AZURE_CLOUD, tokens: sessionDouble(sandbox, options.signedIn ?? true), clientOptions }),
    filter: options.filter ?? (() => parseFilter(undefined)),
    log: silentLogger,
  });
}

/** Every page of a subscription's registries, waiting on the model's change events. */
async function settledChildren(model: AzureModel, node: SubscriptionNode): Promise<AzureChild[]> {
  await model.children(node);
  for (;;) {
    let listener: { dispose(): void } | undefined;
    const changed = new Promise<void>((resolve) => (listener = model.onDidChange(() => resolve())));
    if (model.stateOf(node.subscription)?.done) {
      listener?.dispose();
      return model.children(node);
    }
    await changed;
    listener?.dispose();
  }
}

const ONE_REGISTRY = /^\/subscriptions\/[^/]+\/resourceGroups\//i;

function armCounts(sandbox: Sandbox): { lists: number; perRegistry: number; all: number } {
  const records = sandbox.stats.records.filter((r) => r.registry === undefined && /^\/(subscriptions|tenants)/.test(r.path));
  return { lists: records.filter((r) => REGISTRIES_LIST.test(r.path)).length, perRegistry: records.filter((r) => ONE_REGISTRY.test(r.path)).length, all: records.length };
}

describe('Azure section model with the explorer model, against the sandbox', () => {
  let sandbox: Sandbox;
  useArmSandbox((started) => (sandbox = started));

  it('one ARM listing request per subscription page; none per registry, before or after expanding one', async () => {
    const model = azureModel(sandbox);
    const root = await model.children();
    const subscriptions = root.filter((n): n is SubscriptionNode => n.kind === 'azureSubscription');
    assert.deepEqual(subscriptions.map((s) => s.subscription.displayName), ['Contoso Production', 'Fabrikam Development', 'Northwind (no access)']);
    const registries: RegistryNode[] = [];
    for (const subscription of subscriptions) {
      registries.push(...(await settledChildren(model, subscription)).filter((n): n is RegistryNode => n.kind === 'registry'));
    }
    assert.deepEqual(registries.map((r) => r.config.loginServer), sandbox.arm.subscriptions.flatMap((s) => s.registries));
    assert.deepEqual(armCounts(sandbox), { lists: 2 + 1 + 1, perRegistry: 0, all: 1 + 1 + 4 });

    // Expanding a discovered registry goes to the registry (ACR), not to ARM.
    const inner = createDefaultHttpClient();
    const { agent } = tunnelOptions(sandbox);
    const tunnelled: HttpClient = { sendRequest: (request) => inner.sendRequest(Object.assign(request, { agent })) };
    const explorer = new ExplorerModel(
      (node) => Promise.resolve(new RegistryClient({ loginServer: node.config.loginServer, auth: { kind: 'token', credential: aadCredential(sandbox) }, httpClient: tunnelled })),
      { pageSize: () => 100, sortOrder: () => 'name' },
      silentLogger,
    );
    const archive = registries.find((r) => r.config.loginServer === 'contosoarchive.azurecr.io');
    assert.ok(archive);
    assert.deepEqual(archive.config, { loginServer: 'contosoarchive.azurecr.io', auth: 'microsoft' });
    const repositories = await explorer.children(archive);
    assert.deepEqual(repositories.flatMap((n) => (n.kind === 'repository' ? [n.name] : [])), ['hello-world', 'locked-repo', 'multiarch', 'team/app']);
    assert.equal(sandbox.stats.count({ registry: 'contosoarchive', path: '/oauth2/exchange', status: 200 }), 1, 'signed in with the AAD token through /oauth2/exchange');
    assert.deepEqual(armCounts(sandbox), { lists: 4, perRegistry: 0, all: 6 }, 'no further ARM request');
    // Facts for the tooltip come from the listing.
    assert.equal(model.factsOf(archive)?.sku, 'Basic');
    // Redrawing the section lists nothing again.
    await model.children();
    await model.children(subscriptions[0]);
    assert.equal(armCounts(sandbox).all, 6);
    model.dispose();
    explorer.dispose();
  });

  it('the filter hides subscriptions, and only shown ones list their registries', async () => {
    const production = sandbox.arm.subscriptions.find((s) => s.displayName === 'Contoso Production');
    assert.ok(production);
    let filter = parseFilter([`${production.tenantId}/${production.subscriptionId}`]);
    const model = azureModel(sandbox, { filter: () => filter });
    const shown = (await model.children()).filter((n): n is SubscriptionNode => n.kind === 'azureSubscription');
    assert.deepEqual(shown.map((s) => s.subscription.displayName), ['Contoso Production']);
    await settledChildren(model, shown[0] as SubscriptionNode);
    assert.equal(armCounts(sandbox).lists, 2, 'two pages of the one shown subscription');
    filter = parseFilter(undefined);
    model.filterChanged();
    assert.equal((await model.children()).length, 3, 'restored');
    model.dispose();
  });

  it('signed out: the sign-in node, and no request', async () => {
    const model = azureModel(sandbox, { signedIn: false });
    assert.deepEqual((await model.children()).map((n) => n.kind), ['azureSignIn']);
    assert.equal(sandbox.stats.count(), 0);
    model.dispose();
  });
});

describe('Azure section model with several tenants', () => {
  it('shows a tenant level, each tenant listing its own subscriptions', async () => {
    const sandbox = await start({
      registries: ['alpha1', 'bravo2'],
      arm: {
        tenants: [{ displayName: 'Home' }, { displayName: 'Partner' }],
        subscriptions: [
          { displayName: 'Home A', registries: [{ name: 'alpha1' }] },
          { displayName: 'Partner B', tenant: 1, registries: [{ name: 'bravo2' }] },
        ],
      },
    });
    try {
      const model = azureModel(sandbox);
      const tenants = await model.children();
      assert.deepEqual(tenants.map((n) => (n.kind === 'azureTenant' ? n.tenant.displayName : n.kind)), ['Home', 'Partner']);
      const partner = tenants[1];
      assert.ok(partner && partner.kind === 'azureTenant');
      const below = await model.children(partner);
      assert.deepEqual(below.map((n) => (n.kind === 'azureSubscription' ? n.subscription.displayName : n.kind)), ['Partner B']);
      const registries = await settledChildren(model, below[0] as SubscriptionNode);
      assert.deepEqual(registries.map((n) => (n.kind === 'registry' ? n.config.loginServer : n.kind)), ['bravo2.azurecr.io']);
      model.dispose();
    } finally {
      await sandbox.stop();
    }
  });
});
