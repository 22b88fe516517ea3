/**
 * The fetch HttpClient in plain Node, against the sandbox registry (HTTPS, its own CA) and,
 * for what the sandbox never sends (redirects, repeated headers), a local HTTP server.
 * Node 20's fetch cannot take a CA per request, so the tests give it an undici dispatcher
 * that trusts the sandbox CA — the client under test only sees a `fetch` function.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ContainerRegistryClient, ContainerRegistryContentClient } from '@azure/container-registry';
import { createHttpHeaders, createPipelineRequest, isRestError, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { Agent } from 'undici';
import { createFetchHttpClient, type FetchFunction } from '../../src/registry/fetchHttpClient';
import { toRegistryError } from '../../src/registry/errors';
import { RegistryClient } from '../../src/registry/registryClient';
import { start, type Sandbox } from '../sandbox/index';

function trustingFetch(ca: Buffer): { fetch: FetchFunction; close: () => Promise<void> } {
  const dispatcher = new Agent({ connect: { ca } });
  const fetchWithCa: FetchFunction = (input, init) => fetch(input, { ...init, dispatcher });
  return { fetch: fetchWithCa, close: () => dispatcher.close() };
}

function aad(sandbox: Sandbox): { getToken: () => Promise<{ token: string; expiresOnTimestamp: number }> } {
  return { getToken: () => Promise.resolve({ token: sandbox.aadToken, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

/** A loopback port nobody listens on (fetch refuses "bad ports" such as 1 before connecting). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  assert.fail('expected the request to fail');
}

function get(url: string, extra: Partial<PipelineRequest> = {}): PipelineRequest {
  return Object.assign(createPipelineRequest({ url, method: 'GET' }), extra);
}

suite('fetch HttpClient (plain Node, sandbox registry)', () => {
  let sandbox: Sandbox;
  let client: HttpClient;
  let closeDispatcher: () => Promise<void>;

  suiteSetup(async () => {
    sandbox = await start({ seed: 'demo' });
    const trusting = trustingFetch(readFileSync(sandbox.caFile));
    client = createFetchHttpClient(trusting.fetch);
    closeDispatcher = trusting.close;
  });

  suiteTeardown(async () => {
    await closeDispatcher();
    await sandbox.stop();
  });

  setup(() => {
    sandbox.control.setFaults({ latencyMs: 0, faultRate: 0 });
    sandbox.control.setHostile(undefined);
    sandbox.stats.reset();
  });

  test('the SDK client works through it: token flow, listing, PATCH, over pooled TLS connections', async () => {
    const sdk = new ContainerRegistryClient(sandbox.endpoint, aad(sandbox), { httpClient: client });
    const names: string[] = [];
    for await (const name of sdk.listRepositoryNames()) {
      names.push(name);
    }
    assert.ok(names.includes('hello-world'));
    const artifact = sdk.getArtifact('hello-world', 'latest');
    for (let i = 0; i < 10; i++) {
      await artifact.updateTagProperties('latest', { canWrite: i % 2 === 0 });
    }
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes.writeEnabled, false);
    assert.equal(sandbox.stats.count({ method: 'PATCH', status: 200 }), 10);
    assert.ok(sandbox.stats.count({ path: '/oauth2/exchange', status: 200 }) >= 1, 'the AAD exchange went through the client');
    // undici's pool opens a second socket when the next request is dispatched before the first
    // socket is released; after that both are reused. Node https without keep-alive: one per request.
    const { connections, records } = sandbox.stats;
    assert.ok(records.length >= 14 && connections <= 2, `${records.length} requests over ${connections} TLS connections`);
  });

  test('blob upload and streamed download (streamResponseStatusCodes → a Node readableStreamBody)', async () => {
    const content = new ContainerRegistryContentClient(sandbox.endpoint, 'fetch-stream', aad(sandbox), { httpClient: client });
    const data = Buffer.alloc(256 * 1024, 7);
    const uploaded = await content.uploadBlob(Readable.from([data.subarray(0, 1000), data.subarray(1000)]));
    assert.equal(uploaded.digest, `sha256:${createHash('sha256').update(data).digest('hex')}`);
    const download = await content.downloadBlob(uploaded.digest);
    const chunks: Buffer[] = [];
    for await (const chunk of download.content) {
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    assert.deepEqual(Buffer.concat(chunks), data);
  });

  test('sends a form body (formData, urlencoded) to the token endpoint', async () => {
    const admin = sandbox.users[0];
    assert.ok(admin);
    const request = createPipelineRequest({
      url: `${sandbox.endpoint}/oauth2/token`,
      method: 'POST',
      headers: createHttpHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }),
    });
    request.formData = { grant_type: 'password', service: 'localhost', scope: 'repository:hello-world:pull', username: admin.username, password: admin.password };
    const response = await client.sendRequest(request);
    assert.equal(response.status, 200, response.bodyAsText ?? '');
    assert.match(response.bodyAsText ?? '', /access_token/);
  });

  test('a dropped connection is a RestError with code ECONNRESET: the SDK retries it', async () => {
    sandbox.control.setFaults({ faultRate: 1 });
    let reset: unknown;
    for (let i = 0; i < 20 && reset === undefined; i++) {
      try {
        const response = await client.sendRequest(get(`${sandbox.endpoint}/v2/`));
        assert.ok(response.status === 500 || response.status === 503);
      } catch (error: unknown) {
        reset = error;
      }
    }
    assert.ok(isRestError(reset), String(reset));
    assert.equal(reset.code, 'ECONNRESET');
    assert.equal(toRegistryError(reset).kind, 'unreachable');
    sandbox.control.setFaults({ faultRate: 0.3 });
    const sdk = new ContainerRegistryClient(sandbox.endpoint, aad(sandbox), { httpClient: client, retryOptions: { maxRetries: 10, retryDelayInMs: 1, maxRetryDelayInMs: 5 } });
    for (let i = 0; i < 10; i++) {
      await sdk.getRepository('hello-world').getProperties();
    }
    assert.ok(sandbox.stats.count({ fault: 'reset' }) > 0, 'resets happened and were retried');
  });

  test('the caller cancels: AbortError while waiting, and nothing is sent when already cancelled', async () => {
    sandbox.control.setFaults({ latencyMs: 3000 });
    const controller = new AbortController();
    const pending = client.sendRequest(get(`${sandbox.endpoint}/v2/`, { abortSignal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(pending);
    assert.ok(error instanceof Error && error.name === 'AbortError', String(error));
    assert.equal(toRegistryError(error).kind, 'cancelled');
    sandbox.stats.reset();
    const before = sandbox.stats.connections;
    const early = await rejectionOf(client.sendRequest(get(`${sandbox.endpoint}/v2/`, { abortSignal: AbortSignal.abort() })));
    assert.ok(early instanceof Error && early.name === 'AbortError');
    assert.equal(sandbox.stats.connections, before);
  });

  test('a request timeout is ETIMEDOUT (retryable), not a cancellation', async () => {
    sandbox.control.setFaults({ latencyMs: 3000 });
    const error = await rejectionOf(client.sendRequest(get(`${sandbox.endpoint}/v2/`, { timeout: 100 })));
    assert.ok(isRestError(error), String(error));
    assert.equal(error.code, 'ETIMEDOUT');
    assert.equal(toRegistryError(error).kind, 'unreachable');
  });

  test('an untrusted certificate is a certificate error; a closed port is unreachable', async () => {
    const plain = createFetchHttpClient(globalThis.fetch);
    const untrusted = await rejectionOf(plain.sendRequest(get(`${sandbox.endpoint}/v2/`)));
    assert.ok(isRestError(untrusted));
    assert.equal(toRegistryError(untrusted).kind, 'certificate', `${untrusted.code}: ${untrusted.message}`);
    const closed = await rejectionOf(client.sendRequest(get(`https://127.0.0.1:${await closedPort()}/v2/`)));
    assert.ok(isRestError(closed));
    assert.equal(closed.code, 'ECONNREFUSED');
    assert.equal(toRegistryError(closed).kind, 'unreachable');
  });

  test('a redirect to another origin reaches the SDK redirect policy and the origin guard: nothing is sent there', async () => {
    const admin = sandbox.users[0];
    assert.ok(admin);
    const registry = new RegistryClient({
      loginServer: new URL(sandbox.endpoint).host,
      auth: { kind: 'password', credentials: { username: admin.username, getPassword: () => Promise.resolve(admin.password) } },
      httpClient: client,
    });
    sandbox.control.setHostile('crossOriginRedirect');
    const error = await rejectionOf(registry.getRepository('hello-world'));
    assert.equal(toRegistryError(error).kind, 'crossOrigin', String(error));
    assert.equal(sandbox.evil.requests.length, 0);
  });

  test('refuses what fetch cannot honour instead of dropping it', async () => {
    const withTls = get(`${sandbox.endpoint}/v2/`, { tlsSettings: { ca: 'x' } });
    assert.match(String(await rejectionOf(client.sendRequest(withTls))), /TLS settings/);
    const insecure = get('http://127.0.0.1:1/');
    assert.match(String(await rejectionOf(client.sendRequest(insecure))), /allowInsecureConnection/);
    assert.equal(sandbox.stats.records.length, 0);
  });
});

suite('fetch HttpClient (plain Node, local HTTP server)', () => {
  let server: Server;
  let origin: string;
  const seen: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

  suiteSetup(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url === '/redirect') {
          res.writeHead(307, { Location: '/elsewhere' });
          res.end();
          return;
        }
        res.setHeader('X-Many', ['a', 'b']);
        res.writeHead(req.url?.startsWith('/missing') ? 404 : 200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ echoed: body.length }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  suiteTeardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  setup(() => (seen.length = 0));

  const client = createFetchHttpClient(globalThis.fetch);

  test('does not follow redirects: the SDK redirect policy sees the 3xx', async () => {
    const response = await client.sendRequest(get(`${origin}/redirect`, { allowInsecureConnection: true }));
    assert.equal(response.status, 307);
    assert.equal(response.headers.get('location'), '/elsewhere');
    assert.deepEqual(seen.map((s) => s.url), ['/redirect']);
  });

  test('sends the pipeline headers and body, returns status, headers and text; reports progress', async () => {
    const request = createPipelineRequest({
      url: `${origin}/missing?x=1`,
      method: 'PATCH',
      headers: createHttpHeaders({ 'Content-Type': 'application/json', 'x-ms-client-request-id': 'abc', Connection: 'keep-alive' }),
      body: JSON.stringify({ writeEnabled: false }),
      allowInsecureConnection: true,
    });
    const uploads: number[] = [];
    const downloads: number[] = [];
    request.onUploadProgress = (p) => uploads.push(p.loadedBytes);
    request.onDownloadProgress = (p) => downloads.push(p.loadedBytes);
    const response = await client.sendRequest(request);
    assert.equal(response.status, 404);
    assert.equal(response.bodyAsText, '{"echoed":22}');
    assert.equal(response.headers.get('x-many'), 'a, b');
    assert.equal(response.headers.get('content-type'), 'application/json');
    const sent = seen[0];
    assert.ok(sent);
    assert.equal(sent.method, 'PATCH');
    assert.equal(sent.url, '/missing?x=1');
    assert.equal(sent.headers['x-ms-client-request-id'], 'abc');
    assert.equal(sent.body, '{"writeEnabled":false}');
    assert.deepEqual(uploads, [22]);
    assert.equal(downloads.at(-1), 13);
  });

  test('a Node stream body is sent as a stream (chunked unless a length is given)', async () => {
    const request = createPipelineRequest({ url: `${origin}/upload`, method: 'PUT', allowInsecureConnection: true });
    request.body = () => Readable.from([Buffer.from('abc'), Buffer.from('def')]);
    const uploads: number[] = [];
    request.onUploadProgress = (p) => uploads.push(p.loadedBytes);
    const response = await client.sendRequest(request);
    assert.equal(response.bodyAsText, '{"echoed":6}');
    assert.equal(seen[0]?.body, 'abcdef');
    assert.equal(seen[0]?.headers['transfer-encoding'], 'chunked');
    assert.equal(uploads.at(-1), 6);
  });

  test('HEAD returns headers without a body', async () => {
    const response = await client.sendRequest(Object.assign(createPipelineRequest({ url: `${origin}/`, method: 'HEAD' }), { allowInsecureConnection: true }));
    assert.equal(response.status, 200);
    assert.equal(response.bodyAsText, undefined);
  });
});
