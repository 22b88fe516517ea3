import * as assert from 'node:assert/strict';
import {
  createHttpHeaders,
  createPipelineRequest,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from '@azure/core-rest-pipeline';
import { toRegistryError } from '../../src/registry/errors';
import { type RegistryLogger } from '../../src/registry/log';
import { PasswordTokenCache, passwordGrantPolicy, requestLogPolicy } from '../../src/registry/policies';

const PASSWORD = 's3cr3t-Passw0rd';
const origin = 'https://sandbox.example:5443';

function jwt(expSeconds: number): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp: expSeconds })}.sig`;
}

function response(request: PipelineRequest, status: number, headers: Record<string, string> = {}, body = ''): PipelineResponse {
  return { request, status, headers: createHttpHeaders(headers), bodyAsText: body };
}

/** A tiny registry: wants `Bearer <token>` for the scope of the path; issues tokens for the password. */
function fakeRegistry(grantedActions: string[]): { send: SendRequest; seen: PipelineRequest[]; bodies: string[]; token: string } {
  const seen: PipelineRequest[] = [];
  const bodies: string[] = [];
  const token = jwt(Math.floor(Date.now() / 1000) + 3600);
  const send: SendRequest = (request) => {
    seen.push(request);
    const url = new URL(request.url);
    if (url.pathname === '/oauth2/token') {
      const form = new URLSearchParams(String(request.body));
      bodies.push(String(request.body));
      if (form.get('password') !== PASSWORD) {
        return Promise.resolve(response(request, 401, {}, '{"errors":[{"code":"UNAUTHORIZED"}]}'));
      }
      return Promise.resolve(response(request, 200, {}, JSON.stringify({ access_token: token })));
    }
    const action = request.method === 'PATCH' ? 'metadata_write' : 'metadata_read';
    const scope = `repository:team/app:${action}`;
    const authorized = request.headers.get('authorization') === `Bearer ${token}` && grantedActions.includes(action);
    if (!authorized) {
      const error = request.headers.has('authorization') ? ',error="insufficient_scope"' : '';
      return Promise.resolve(
        response(request, 401, {
          'www-authenticate': `Bearer realm="${origin}/oauth2/token",service="sandbox.azurecr.io",scope="${scope}"${error}`,
        }),
      );
    }
    return Promise.resolve(response(request, 200, { 'x-ms-correlation-request-id': 'corr-1' }, '{}'));
  };
  return { send, seen, bodies, token };
}

function logRecorder(): { logger: RegistryLogger; lines: string[] } {
  const lines: string[] = [];
  const push = (line: string): void => {
    lines.push(line);
  };
  return { lines, logger: { debug: push, info: push, warn: push, error: push } };
}

function request(method: string, path: string): PipelineRequest {
  return createPipelineRequest({ url: `${origin}${path}`, method: method === 'PATCH' ? 'PATCH' : 'GET' });
}

suite('password grant policy', () => {
  const credentials = { username: 'sandbox', getPassword: () => Promise.resolve(PASSWORD) };

  test('answers the challenge with grant_type=password and retries once', async () => {
    const registry = fakeRegistry(['metadata_read']);
    const policy = passwordGrantPolicy(credentials, new PasswordTokenCache(), origin);
    const result = await policy.sendRequest(request('GET', '/acr/v1/team%2Fapp/_tags'), registry.send);
    assert.equal(result.status, 200);
    assert.deepEqual(
      registry.seen.map((r) => `${r.method} ${new URL(r.url).pathname}`),
      ['GET /acr/v1/team%2Fapp/_tags', 'POST /oauth2/token', 'GET /acr/v1/team%2Fapp/_tags'],
    );
    const form = new URLSearchParams(registry.bodies[0]);
    assert.equal(form.get('grant_type'), 'password');
    assert.equal(form.get('scope'), 'repository:team/app:metadata_read');
    assert.equal(form.get('service'), 'sandbox.azurecr.io');
    assert.equal(form.get('username'), 'sandbox');
  });

  test('a warm cache sends the token up front: one request per call', async () => {
    const registry = fakeRegistry(['metadata_read']);
    const policy = passwordGrantPolicy(credentials, new PasswordTokenCache(), origin);
    await policy.sendRequest(request('GET', '/acr/v1/team%2Fapp/_tags'), registry.send);
    registry.seen.length = 0;
    await policy.sendRequest(request('GET', '/acr/v1/team%2Fapp/_tags/v1'), registry.send);
    assert.equal(registry.seen.length, 1);
  });

  test('once the service is known, a new scope gets its token before the request (no 401 round trip)', async () => {
    const registry = fakeRegistry(['metadata_read', 'metadata_write']);
    const policy = passwordGrantPolicy(credentials, new PasswordTokenCache(), origin);
    await policy.sendRequest(request('GET', '/acr/v1/team%2Fapp/_tags'), registry.send);
    registry.seen.length = 0;
    const result = await policy.sendRequest(request('PATCH', '/acr/v1/team%2Fapp/_tags/v1'), registry.send);
    assert.equal(result.status, 200);
    assert.deepEqual(
      registry.seen.map((r) => `${r.method} ${new URL(r.url).pathname}`),
      ['POST /oauth2/token', 'PATCH /acr/v1/team%2Fapp/_tags/v1'],
    );
    assert.equal(new URLSearchParams(registry.bodies[1]).get('scope'), 'repository:team/app:metadata_write');
  });

  test('a token without the scope ends as a missing-permission error naming metadata_write', async () => {
    const registry = fakeRegistry(['metadata_read']);
    const policy = passwordGrantPolicy(credentials, new PasswordTokenCache(), origin);
    const result = await policy.sendRequest(request('PATCH', '/acr/v1/team%2Fapp/_tags/v1'), registry.send);
    assert.equal(result.status, 401);
    assert.equal(result.headers.get('www-authenticate'), undefined, 'the SDK bearer policy must not re-challenge');
    const error = toRegistryError({ name: 'RestError', statusCode: 401, message: 'Unauthorized', response: result });
    assert.equal(error.kind, 'missingPermission');
    assert.deepEqual(error.details.missing?.[0].actions, ['metadata_write']);
  });

  test("credentials go only to the registry's own origin: a request elsewhere passes untouched, its challenge unanswered", async () => {
    const registry = fakeRegistry(['metadata_read']);
    const cache = new PasswordTokenCache();
    const policy = passwordGrantPolicy(credentials, cache, origin);
    await policy.sendRequest(request('GET', '/acr/v1/team%2Fapp/_tags'), registry.send);
    registry.seen.length = 0;
    registry.bodies.length = 0;
    const elsewhere = createPipelineRequest({ url: 'https://evil.example/acr/v1/team%2Fapp/_tags', method: 'GET' });
    const result = await policy.sendRequest(elsewhere, registry.send);
    assert.equal(result.status, 401);
    assert.deepEqual(registry.seen.map((r) => `${new URL(r.url).host} ${r.headers.get('authorization') ?? 'no auth'}`), ['evil.example no auth']);
    assert.deepEqual(registry.bodies, [], 'no password grant was posted anywhere');
  });

  test('a wrong password is reported as rejected credentials, without the password', async () => {
    const registry = fakeRegistry(['metadata_read']);
    const policy = passwordGrantPolicy({ username: 'sandbox', getPassword: () => Promise.resolve('wrong') }, new PasswordTokenCache(), origin);
    await assert.rejects(policy.sendRequest(request('GET', '/acr/v1/team%2Fapp/_tags'), registry.send), (thrown: unknown) => {
      const error = toRegistryError(thrown);
      assert.equal(error.kind, 'credentialsRejected');
      assert.equal(error.message.includes('wrong'), false);
      return true;
    });
  });
});

suite('request log policy', () => {
  test('one debug line per wire request with method, path, status, duration and correlation id — never a secret', async () => {
    const registry = fakeRegistry(['metadata_read']);
    const { logger, lines } = logRecorder();
    const cache = new PasswordTokenCache();
    const log = requestLogPolicy(logger);
    const grant = passwordGrantPolicy({ username: 'sandbox', getPassword: () => Promise.resolve(PASSWORD) }, cache, origin);
    // Order as in the client: grant policy, then the log policy next to the wire.
    const wire: SendRequest = (r) => log.sendRequest(r, registry.send);
    await grant.sendRequest(request('GET', '/acr/v1/team%2Fapp/_tags?n=100&password=leak'), wire);
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^GET \/acr\/v1\/team%2Fapp\/_tags\?n=100&password=REDACTED 401 \d+ms correlation=-$/);
    assert.match(lines[1], /^POST \/oauth2\/token 200 \d+ms/);
    assert.match(lines[2], / 200 \d+ms correlation=corr-1$/);
    for (const line of lines) {
      assert.equal(line.includes(PASSWORD), false);
      assert.equal(line.includes('leak'), false);
      assert.equal(line.includes(registry.token), false, 'no access token in the log');
    }
  });
});
