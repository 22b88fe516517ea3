/**
 * src/azure discovery in plain Node (no vscode module) against the sandbox's Resource Manager,
 * with the real SDKs: tenants → subscriptions → registries, per-subscription results, skipped
 * entries, request counts, the sign-in cases and the next-link guards. The Microsoft session is
 * the only double: a token source handing out the sandbox tenants' tokens.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { AzureDiscovery, type DiscoveryOptions, type RegistryListener } from '../../../src/azure/discovery';
import { AZURE_CLOUD, environmentFrom } from '../../../src/azure/environment';
import { type AzureError } from '../../../src/azure/errors';
import { type AzureSubscription, type RegistryPage } from '../../../src/azure/model';
import { type RegistryLogger } from '../../../src/registry/log';
import { start, type Sandbox } from '../index';
import { REGISTRIES_LIST, sessionDouble, tunnelOptions, useArmSandbox } from './armTestUtil';

/** The Microsoft-session double: each sandbox tenant's token; the home tenant's for `undefined`. */
function recordingLog(): RegistryLogger & { lines: string[] } {
  const lines: string[] = [];
  const add = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

/** Public cloud (management.azure.com) through the sandbox's CONNECT proxy. */
function viaProxy(sandbox: Sandbox, extra: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  return {
    environment: AZURE_CLOUD,
    tokens: sessionDouble(sandbox),
    clientOptions: tunnelOptions(sandbox),
    ...extra,
  };
}

interface Outcome {
  pages: Map<string, RegistryPage[]>;
  done: Map<string, string[]>;
  errors: Map<string, AzureError>;
}

function collector(): RegistryListener & Outcome {
  const pages = new Map<string, RegistryPage[]>();
  const done = new Map<string, string[]>();
  const errors = new Map<string, AzureError>();
  return {
    pages,
    done,
    errors,
    onPage: (s, page) => pages.set(s.displayName, [...(pages.get(s.displayName) ?? []), page]),
    onDone: (s, listing) => done.set(s.displayName, listing.registries.map((r) => r.loginServer)),
    onError: (s, error) => errors.set(s.displayName, error),
  };
}

describe('Azure discovery (src/azure) against the sandbox Resource Manager', () => {
  let sandbox: Sandbox;
  useArmSandbox((started) => (sandbox = started));

  it('lists tenant → subscriptions → every registry of every readable subscription, across pages', async () => {
    const log = recordingLog();
    const discovery = new AzureDiscovery(viaProxy(sandbox, { log }));
    const tenants = await discovery.listTenants();
    assert.deepEqual(tenants.map((t) => t.displayName), ['Contoso (sandbox)']);
    const [listing] = await discovery.listAllSubscriptions(tenants);
    assert.ok(listing?.ok);
    assert.deepEqual(listing.subscriptions.map((s) => s.displayName), ['Contoso Production', 'Fabrikam Development', 'Northwind (no access)']);

    const outcome = collector();
    await discovery.loadRegistries(listing.subscriptions, outcome);
    assert.deepEqual(Object.fromEntries(outcome.done), {
      'Contoso Production': ['sandbox.azurecr.io', 'contosoprod.azurecr.io', 'contosoarchive.azurecr.io'],
      'Fabrikam Development': ['fabrikamdev.azurecr.io'],
    });
    const expected = sandbox.arm.subscriptions.flatMap((s) => s.registries).sort();
    assert.deepEqual([...outcome.done.values()].flat().sort(), expected, 'exactly what the sandbox says ARM lists');
    // Each page reached the listener as it arrived.
    assert.deepEqual(outcome.pages.get('Contoso Production')?.map((p) => [p.registries.length, p.more]), [[2, true], [1, false]]);
    assert.deepEqual(outcome.pages.get('Fabrikam Development')?.[0]?.skipped, [], 'every registry of the demo layout has a login server');
    // The unreadable subscription is its own error; the others loaded.
    const denied = outcome.errors.get('Northwind (no access)');
    assert.equal(denied?.kind, 'forbidden');
    assert.equal(denied?.details.code, 'AuthorizationFailed');
    assert.equal(outcome.errors.size, 1);

    // One listing request per subscription page, nothing per registry.
    const lists = sandbox.stats.filter({ method: 'GET' }).filter((r) => REGISTRIES_LIST.test(r.path));
    assert.equal(lists.length, 2 + 1 + 1);
    assert.equal(sandbox.stats.count(), 1 + 1 + 4, 'tenants, subscriptions, four registry pages');
    const fabrikam = outcome.pages.get('Fabrikam Development')?.[0]?.registries[0];
    assert.deepEqual(fabrikam && { ...fabrikam, id: undefined, subscriptionId: undefined, tenantId: undefined }, {
      id: undefined,
      name: 'fabrikamdev',
      subscriptionId: undefined,
      tenantId: undefined,
      resourceGroup: 'rg-fabrikamdev',
      loginServer: 'fabrikamdev.azurecr.io',
      location: 'westus2',
      sku: 'Basic',
      adminUserEnabled: true,
      anonymousPullEnabled: false,
      roleMode: 'abac',
    });
  });

  it('reaches the same Resource Manager through the custom-cloud setting (the sandbox endpoint)', async () => {
    const custom = environmentFrom('custom', { resourceManagerEndpointUrl: `${sandbox.arm.endpoint}/`, managementEndpointUrl: 'https://management.core.windows.net/' });
    assert.ok(custom.ok);
    const discovery = new AzureDiscovery({ environment: custom.environment, tokens: sessionDouble(sandbox), clientOptions: { tlsOptions: { ca: readFileSync(sandbox.caFile) }, retryOptions: { maxRetries: 0 } } });
    const [listing] = await discovery.listAllSubscriptions(await discovery.listTenants());
    assert.ok(listing?.ok);
    const production = listing.subscriptions.find((s) => s.displayName === 'Contoso Production');
    assert.ok(production);
    const pages: number[] = [];
    const result = await discovery.listRegistries(production, (page) => pages.push(page.registries.length));
    assert.deepEqual(pages, [2, 1]);
    assert.equal(result.registries.length, 3);
  });

  it('signed out: a sign-in error before any request', async () => {
    const discovery = new AzureDiscovery(viaProxy(sandbox, { tokens: { getToken: () => Promise.resolve(undefined) } }));
    await assert.rejects(discovery.listTenants(), (error: AzureError) => error.kind === 'signInRequired');
    assert.equal(sandbox.stats.count(), 0);
  });

  it('a token ARM refuses (expired, revoked) is a sign-in error', async () => {
    const discovery = new AzureDiscovery(viaProxy(sandbox, { tokens: { getToken: () => Promise.resolve({ token: 'expired-token', expiresOnTimestamp: 0 }) } }));
    await assert.rejects(discovery.listTenants(), (error: AzureError) => error.kind === 'signInRequired' && error.details.code === 'InvalidAuthenticationToken');
  });

  it('lists subscriptions at most `concurrency` at a time', async () => {
    const inner = createDefaultHttpClient();
    let inFlight = 0;
    let most = 0;
    const counting: HttpClient = {
      async sendRequest(request) {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          return await inner.sendRequest(request);
        } finally {
          inFlight--;
        }
      },
    };
    const options = viaProxy(sandbox, { concurrency: 2 });
    const discovery = new AzureDiscovery({ ...options, clientOptions: { ...options.clientOptions, httpClient: counting } });
    const [listing] = await discovery.listAllSubscriptions(await discovery.listTenants());
    assert.ok(listing?.ok);
    const outcome = collector();
    await discovery.loadRegistries(listing.subscriptions, outcome);
    assert.equal(outcome.done.size + outcome.errors.size, 3);
    assert.ok(most <= 2, `at most two requests at once, saw ${most}`);
  });

  it('stops a cancelled load: no subscription is started after the signal', async () => {
    const discovery = new AzureDiscovery(viaProxy(sandbox));
    const subscriptions: AzureSubscription[] = sandbox.arm.subscriptions.map((s) => ({ ...s, state: 'Enabled' }));
    const controller = new AbortController();
    controller.abort();
    const outcome = collector();
    await discovery.loadRegistries(subscriptions, outcome, controller.signal);
    assert.equal(outcome.done.size + outcome.errors.size, 0);
    assert.equal(sandbox.stats.count(), 0);
  });
});

describe('Azure discovery and a registry entry without a login server (non-Azure edge)', () => {
  it('skips the entry, with a logged reason', async () => {
    // Azure lists a login server even while creating; the sandbox's edge entry (loginServer: false) tests the guard.
    const sandbox = await start({ registries: ['fabrikamdev'], arm: { subscriptions: [{ displayName: 'Fabrikam Development', registries: [{ name: 'fabrikamdev' }, { name: 'fabrikamnew', loginServer: false, provisioningState: 'Creating' }] }] } });
    try {
      const log = recordingLog();
      const discovery = new AzureDiscovery(viaProxy(sandbox, { log }));
      const [listing] = await discovery.listAllSubscriptions(await discovery.listTenants());
      assert.ok(listing?.ok);
      const outcome = collector();
      await discovery.loadRegistries(listing.subscriptions, outcome);
      assert.deepEqual(Object.fromEntries(outcome.done), { 'Fabrikam Development': ['fabrikamdev.azurecr.io'] });
      assert.deepEqual(outcome.pages.get('Fabrikam Development')?.[0]?.skipped, [{ name: 'fabrikamnew', reason: 'noLoginServer', provisioningState: 'Creating' }]);
      assert.ok(log.lines.some((l) => /^info Azure: skipped registry 'fabrikamnew' of subscription 'Fabrikam Development' .*no login server \(provisioning state Creating\)/.test(l)), log.lines.join('\n'));
    } finally {
      await sandbox.stop();
    }
  });
});

describe('Azure discovery against a misbehaving Resource Manager', () => {
  const hostile = async (mode: 'otherOriginNextLink' | 'repeatedNextLink' | 'malformedList'): Promise<{ error: AzureError; lists: number }> => {
    const sandbox = await start({ arm: { hostile: mode, pageSize: 2, subscriptions: [{ displayName: 'Contoso Production', registries: [{ name: 'sandbox' }, { name: 'contosoprod' }, { name: 'contosoarchive' }] }] } });
    try {
      const discovery = new AzureDiscovery(viaProxy(sandbox));
      const [subscription] = await discovery.listSubscriptions({ tenantId: sandbox.arm.tenants[0]?.tenantId ?? '', displayName: undefined, defaultDomain: undefined });
      assert.ok(subscription);
      sandbox.stats.reset();
      const error = await discovery.listRegistries(subscription, () => undefined).then(
        () => assert.fail('expected the listing to fail'),
        (e: AzureError) => e,
      );
      return { error, lists: sandbox.stats.count() };
    } finally {
      await sandbox.stop();
    }
  };

  it('refuses a next link to another origin without following it (the token stays on ARM)', async () => {
    const { error, lists } = await hostile('otherOriginNextLink');
    assert.equal(error.kind, 'crossOrigin');
    assert.equal(lists, 1, 'only the first page was requested');
  });

  it('ends a next-link loop with an error after a bounded number of requests', async () => {
    const { error, lists } = await hostile('repeatedNextLink');
    assert.equal(error.kind, 'badResponse');
    assert.equal(lists, 2);
  });

  it('a listing without a value array is a bad response, not an empty subscription', async () => {
    const { error } = await hostile('malformedList');
    assert.equal(error.kind, 'badResponse');
  });
});
