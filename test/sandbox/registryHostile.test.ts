/**
 * The registry layer (src/registry, plain Node) against a hostile sandbox: credentials stay on
 * the registry's origin, paging and waits are bounded and cancellable, unreadable answers are
 * errors. Every leak check has a twin in hostile.test.ts showing the bare SDK does leak there.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { type RegistryError } from '../../src/registry/errors';
import { ACR_AUDIENCE } from '../../src/registry/loginServer';
import { listAllPages } from '../../src/registry/pages';
import { type RegistryAuth, RegistryClient } from '../../src/registry/registryClient';
import { start, type Sandbox } from './index';
import { HUGE_RETRY_AFTER_SEC } from './hostile';
import { admin } from './testUtil';
import { failure as fails, named } from '../support/failure';
import { until } from '../support/poll';

/** The SDK's own Node client, trusting the sandbox CA (which also signed the evil origin). */
function trustingHttpClient(sandbox: Sandbox): HttpClient {
  const inner = createDefaultHttpClient();
  const tlsSettings = { ca: readFileSync(sandbox.caFile, 'utf8') };
  return {
    sendRequest(request) {
      request.tlsSettings = tlsSettings;
      return inner.sendRequest(request);
    },
  };
}

/** Stands in for the Microsoft sign-in (which cannot exist here): the sandbox accepts its AAD token. */
function recordingCredential(sandbox: Sandbox): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken(scope) {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      return Promise.resolve({ token: sandbox.aadToken, expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  };
}

type Mode = 'token' | 'password' | 'anonymous';

function authFor(sandbox: Sandbox, mode: Mode): RegistryAuth {
  switch (mode) {
    case 'token':
      return { kind: 'token', credential: recordingCredential(sandbox) };
    case 'password': {
      const user = admin(sandbox);
      return { kind: 'password', credentials: { username: user.username, getPassword: () => Promise.resolve(user.password) } };
    }
    case 'anonymous':
      return { kind: 'anonymous' };
  }
}

function clientFor(sandbox: Sandbox, auth: RegistryAuth, trustedCustomDomain = true): RegistryClient {
  return new RegistryClient({
    loginServer: new URL(sandbox.endpoint).host,
    auth,
    trustedCustomDomain,
    httpClient: trustingHttpClient(sandbox),
  });
}

const failure = (promise: Promise<unknown>): Promise<RegistryError> => fails<RegistryError>(promise, named('RegistryError'));

function credentialsSeenBy(sandbox: Sandbox, password: string): string[] {
  return sandbox.evil.requests
    .filter((r) => r.headers.authorization !== undefined || r.body.includes(password) || r.body.includes(sandbox.aadToken))
    .map((r) => `${r.method} ${r.path}`);
}

describe('registry layer against a hostile registry', () => {
  let sandbox: Sandbox;
  afterEach(async () => {
    await sandbox.stop();
  });

  for (const mode of ['token', 'password', 'anonymous'] as const) {
    describe(`${mode} mode: credentials never leave the registry's origin`, () => {
      let client: RegistryClient;
      beforeEach(async () => {
        sandbox = await start({ seed: 'demo', anonymousPull: mode === 'anonymous' });
        client = clientFor(sandbox, authFor(sandbox, mode));
        // A warm client: it holds an access token it would send up front.
        assert.equal((await client.getRepository('hello-world')).name, 'hello-world');
      });

      it('a cross-origin redirect is refused (crossOrigin, naming the host); nothing reaches the other host', async () => {
        sandbox.control.setHostile('crossOriginRedirect');
        const evilHost = new URL(sandbox.evil.origin).host;
        const calls: (() => Promise<unknown>)[] = [
          () => client.getRepository('hello-world'),
          () => client.getTag('hello-world', 'latest'),
          () => client.listTags('hello-world', { pageSize: 2, order: 'name' }),
        ];
        if (mode !== 'anonymous') {
          calls.push(() => client.updateTag('hello-world', 'latest', { writeEnabled: false }));
        }
        for (const call of calls) {
          const error = await failure(call());
          assert.equal(error.kind, 'crossOrigin', error.message);
          assert.equal(error.details.host, evilHost);
          assert.match(error.message, new RegExp(evilHost.replace(/\./g, '\\.')));
        }
        assert.equal(sandbox.evil.requests.length, 0, `evil saw ${sandbox.evil.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
        assert.deepEqual(credentialsSeenBy(sandbox, admin(sandbox).password), []);
        assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes.writeEnabled, true);
      });

      it('an absolute next link to another host is refused; nothing reaches it, even when passed back as a token', async () => {
        sandbox.control.setHostile('absoluteNextLink');
        const error = await failure(client.listTags('hello-world', { pageSize: 1, order: 'name' }));
        assert.equal(error.kind, 'crossOrigin');
        assert.equal(error.details.host, new URL(sandbox.evil.origin).host);
        const listing = await failure(listAllPages((token) => client.listTags('hello-world', { pageSize: 1, order: 'name', continuationToken: token }), { maxPages: 10 }));
        assert.equal(listing.kind, 'crossOrigin');
        // Load more with a token that points elsewhere (however it was obtained): refused before anything is sent.
        const direct = await failure(client.listTags('hello-world', { pageSize: 1, order: 'name', continuationToken: `${sandbox.evil.origin}/acr/v1/hello-world/_tags?last=latest&n=1` }));
        assert.equal(direct.kind, 'crossOrigin');
        const schemeRelative = await failure(client.listRepositories({ pageSize: 1, continuationToken: `//${new URL(sandbox.evil.origin).host}/acr/v1/_catalog?last=a` }));
        assert.equal(schemeRelative.kind, 'crossOrigin');
        assert.equal(sandbox.evil.requests.length, 0, `evil saw ${sandbox.evil.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
      });
    });
  }

  describe('Azure AD token', () => {
    it("is requested for ACR's own audience, and used", async () => {
      sandbox = await start({ seed: 'demo' });
      const credential = recordingCredential(sandbox);
      await clientFor(sandbox, { kind: 'token', credential }).getRepository('hello-world');
      assert.deepEqual([...new Set(credential.scopes)], [`${ACR_AUDIENCE}/.default`]);
      assert.equal(sandbox.stats.count({ path: '/oauth2/exchange', status: 200 }), 1);
    });

    it('goes to a login server outside *.azurecr.io/.cn/.us only when confirmed: otherwise untrustedDomain, nothing sent', async () => {
      sandbox = await start({ seed: 'demo' });
      const credential = recordingCredential(sandbox);
      const error = await failure(clientFor(sandbox, { kind: 'token', credential }, false).getRepository('hello-world'));
      assert.equal(error.kind, 'untrustedDomain');
      assert.equal(error.details.host, new URL(sandbox.endpoint).host);
      assert.deepEqual(credential.scopes, [], 'no token was even asked for');
      assert.equal(sandbox.stats.count(), 0, 'no request reached the registry');
      const password = clientFor(sandbox, authFor(sandbox, 'password'), false);
      assert.equal((await password.getRepository('hello-world')).name, 'hello-world', 'passwords are for the registry they were entered for');
    });
  });

  describe('paging', () => {
    let client: RegistryClient;
    beforeEach(async () => {
      sandbox = await start({ seed: 'demo' });
      client = clientFor(sandbox, authFor(sandbox, 'password'));
    });
    const listed = (): number => sandbox.stats.count({ method: 'GET', path: '/acr/v1/hello-world/_tags', status: 200 });

    it('a Link loop ends the listing with badResponse after two list requests', async () => {
      sandbox.control.setHostile('nextLinkLoop');
      const error = await failure(listAllPages((token) => client.listTags('hello-world', { pageSize: 1, order: 'name', continuationToken: token }), { maxPages: 1000 }));
      assert.equal(error.kind, 'badResponse');
      assert.match(error.message, /linked/);
      assert.equal(listed(), 2);
    });

    it('more pages than the listing can hold end it with badResponse, after exactly maxPages requests', async () => {
      const error = await failure(listAllPages((token) => client.listTags('hello-world', { pageSize: 1, order: 'name', continuationToken: token }), { maxPages: 2 }));
      assert.equal(error.kind, 'badResponse');
      assert.match(error.message, /more than 2 pages/);
      assert.equal(listed(), 2);
      const all = await listAllPages((token) => client.listTags('hello-world', { pageSize: 1, order: 'name', continuationToken: token }), { maxPages: 4 });
      assert.deepEqual(all.map((t) => t.name), ['latest', 'v1', 'v2', 'v3']);
    });

    it('a listing is cancellable between pages and in flight', async () => {
      const controller = new AbortController();
      const error = await failure(
        listAllPages(
          async (token) => {
            const page = await client.listTags('hello-world', { pageSize: 1, order: 'name', continuationToken: token, abortSignal: controller.signal });
            controller.abort();
            return page;
          },
          { signal: controller.signal, maxPages: 10 },
        ),
      );
      assert.equal(error.kind, 'cancelled');
      assert.equal(listed(), 1);
      const inFlight = await failure(client.listTags('hello-world', { pageSize: 1, order: 'name', abortSignal: AbortSignal.abort() }));
      assert.equal(inFlight.kind, 'cancelled');
      assert.equal(listed(), 1, 'an aborted signal sends nothing');
    });
  });

  describe('Retry-After', () => {
    it('a 100000 s Retry-After is not slept on: one request, throttled, retryAfterMs = 100000000', async () => {
      sandbox = await start({ seed: 'demo' });
      const client = clientFor(sandbox, authFor(sandbox, 'password'));
      await client.getTag('hello-world', 'latest');
      sandbox.control.setHostile('hugeRetryAfter');
      const error = await failure(client.getTag('hello-world', 'latest'));
      assert.equal(error.kind, 'throttled');
      assert.equal(error.details.status, 429);
      assert.equal(error.details.retryAfterMs, HUGE_RETRY_AFTER_SEC * 1000);
      assert.equal(sandbox.stats.count({ path: '/acr/v1/hello-world/_tags/latest', status: 429 }), 1, 'the SDK did not retry (and so did not wait)');
      const cancelled = await failure(client.getTag('hello-world', 'latest', { abortSignal: AbortSignal.abort() }));
      assert.equal(cancelled.kind, 'cancelled');
      assert.equal(sandbox.stats.count({ path: '/acr/v1/hello-world/_tags/latest', status: 429 }), 1);
    });

    it("a wait the client does sleep on (60 s, ACR's window) is cancellable", async () => {
      sandbox = await start({ seed: 'demo', writeLimitPerMin: 1 });
      const client = clientFor(sandbox, authFor(sandbox, 'password'));
      // A read first, so the client knows the token service and the one allowed write is the PATCH itself.
      await client.getTag('hello-world', 'latest');
      await client.updateTag('hello-world', 'latest', { readEnabled: true });
      assert.equal(sandbox.stats.count({ status: 429 }), 0);
      const controller = new AbortController();
      const pending = failure(client.updateTag('hello-world', 'latest', { readEnabled: true }, { abortSignal: controller.signal }));
      await until(() => sandbox.stats.count({ method: 'PATCH', status: 429 }) > 0, 'the PATCH answered 429', { intervalMs: 10 });
      const throttled = sandbox.stats.filter({ method: 'PATCH', status: 429 });
      controller.abort();
      const error = await pending;
      assert.equal(error.kind, 'cancelled');
      assert.equal(throttled.length, 1);
      assert.equal(sandbox.stats.count({ method: 'PATCH', status: 429 }), 1, 'no retry after the cancel');
    });
  });

  describe('unreadable answers are badResponse, never "all enabled"', () => {
    let client: RegistryClient;
    let digest: string;
    beforeEach(async () => {
      sandbox = await start({ seed: 'demo' });
      client = clientFor(sandbox, authFor(sandbox, 'password'));
      digest = sandbox.control.getTag('sandbox', 'hello-world', 'v1')?.digest ?? '';
    });
    const calls = (): Record<string, () => Promise<unknown>> => ({
      getRepository: () => client.getRepository('hello-world'),
      getTag: () => client.getTag('hello-world', 'v1'),
      getManifest: () => client.getManifest('hello-world', digest),
      listTags: () => client.listTags('hello-world', { pageSize: 10, order: 'name' }),
      listManifests: () => client.listManifests('hello-world', { pageSize: 10, order: 'name' }),
      updateRepository: () => client.updateRepository('hello-world', { readEnabled: true }),
      updateTag: () => client.updateTag('hello-world', 'v1', { readEnabled: true }),
      updateManifest: () => client.updateManifest('hello-world', digest, { readEnabled: true }),
    });

    for (const hostile of ['omitAttributes', 'malformedJson'] as const) {
      it(`${hostile}: get, list and update fail with badResponse`, async () => {
        sandbox.control.setHostile(hostile);
        for (const [name, call] of Object.entries(calls())) {
          const error = await failure(call());
          assert.equal(error.kind, 'badResponse', `${name}: ${error.kind} ${error.message}`);
          assert.doesNotMatch(error.message, /changeableAttributes":|"digest":/, `${name}: the body is not quoted`);
        }
      });
    }

    it('ignorePatch: an update returns what the registry answered (unchanged), not what was asked', async () => {
      sandbox.control.setHostile('ignorePatch');
      const answered = await client.updateTag('hello-world', 'latest', { writeEnabled: false });
      assert.equal(answered.attributes.writeEnabled, true);
    });
  });
});
