// The network path inside the real extension host, with VS Code's default `http.*` settings:
// registry requests sent through the fetch HttpClient over the host's global `fetch` reuse
// pooled TLS connections, and the user's `http.proxy` is honoured.
import * as assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { type HttpClient } from '@azure/core-rest-pipeline';
import * as vscode from 'vscode';
import { createFetchHttpClient } from '../../src/registry/fetchHttpClient';
import { type RegistryAuth, RegistryClient } from '../../src/registry/registryClient';
import { readSandboxInfo } from '../runner/sandboxInfo';
import { type Sandbox, start } from '../sandbox/index';

const REQUESTS = 30;

function aad(sandbox: Sandbox): RegistryAuth {
  return { kind: 'token', credential: { getToken: () => Promise.resolve({ token: sandbox.aadToken, expiresOnTimestamp: Date.now() + 3600_000 }) } };
}

/** The first registry's admin user (password auth, as a `password` registry of the extension). */
function adminAuth(sandbox: Sandbox): RegistryAuth {
  const admin = sandbox.users.find((u) => u.username === sandbox.registries[0]?.name);
  assert.ok(admin, 'the sandbox has an admin user');
  return { kind: 'password', credentials: { username: admin.username, getPassword: () => Promise.resolve(admin.password) } };
}

function directClient(sandbox: Sandbox, httpClient: HttpClient | undefined): RegistryClient {
  return new RegistryClient({ loginServer: new URL(sandbox.endpoint).host, auth: adminAuth(sandbox), ...(httpClient ? { httpClient } : {}) });
}

async function readRepository(client: RegistryClient, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await client.getRepository('hello-world');
  }
}

suite('Network: fetch HttpClient in the extension host (stock http.* settings)', () => {
  let sandbox: Sandbox | undefined;

  suiteSetup(async function () {
    const info = readSandboxInfo();
    if (!info?.caFile) {
      this.skip();
    }
    // The runner's processes trust the CA in this folder (SSL_CERT_FILE), so a sandbox started here with it is trusted too.
    sandbox = await start({ seed: 'demo', caDir: dirname(info.caFile), log: () => undefined });
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.stop();
  });

  function running(): Sandbox {
    assert.ok(sandbox, 'the suite sandbox is running');
    return sandbox;
  }

  test('http.* settings are VS Code defaults in this host', () => {
    const http = vscode.workspace.getConfiguration('http');
    for (const key of ['systemCertificates', 'proxy', 'proxySupport', 'proxyStrictSSL', 'fetchAdditionalSupport']) {
      const inspected = http.inspect(key);
      assert.equal(inspected?.globalValue, undefined, `http.${key} is set in user settings`);
      assert.equal(inspected?.workspaceValue, undefined, `http.${key} is set in workspace settings`);
    }
  });

  test('requests go through the fetch client: many requests over pooled TLS connections', async () => {
    const box = running();
    const viaFetch = directClient(box, createFetchHttpClient(globalThis.fetch));
    box.stats.reset();
    await readRepository(viaFetch, REQUESTS);
    const fetchRequests = box.stats.records.length;
    const fetchConnections = box.stats.connections;

    // The same calls through the SDK's default client (Node https, patched by VS Code), for comparison.
    const viaHttps = directClient(box, undefined);
    box.stats.reset();
    await readRepository(viaHttps, REQUESTS);
    console.log(`NETWORK-CONNECTIONS ${JSON.stringify({ fetch: { requests: fetchRequests, connections: fetchConnections }, https: { requests: box.stats.records.length, connections: box.stats.connections } })}`);

    assert.ok(fetchRequests >= REQUESTS, `${fetchRequests} requests`);
    assert.ok(fetchConnections <= 2, `fetch: ${fetchRequests} requests over ${fetchConnections} TLS connections (pooled: at most 2)`);
  });

  test('http.proxy is honoured: a *.azurecr.io login server is reached only through the CONNECT proxy', async () => {
    const box = running();
    const registry = box.registries[0];
    assert.ok(registry);
    await vscode.workspace.getConfiguration('http').update('proxy', box.proxy, vscode.ConfigurationTarget.Global);
    try {
      const client = new RegistryClient({ loginServer: registry.loginServer, auth: aad(box), httpClient: createFetchHttpClient(globalThis.fetch) });
      box.stats.reset();
      const names = (await client.listRepositories({ pageSize: 100 })).items;
      assert.ok(names.includes('hello-world'), names.join(', '));
      const viaProxy = box.stats.count({ host: registry.loginServer });
      assert.ok(viaProxy >= 2 && viaProxy === box.stats.records.length, `${viaProxy} of ${box.stats.records.length} requests arrived for ${registry.loginServer}`);
      assert.ok(box.stats.connections >= 1);
    } finally {
      await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
