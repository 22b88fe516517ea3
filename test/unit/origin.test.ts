import * as assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest, type PipelineRequest } from '@azure/core-rest-pipeline';
import { RegistryError, toRegistryError } from '../../src/registry/errors';
import { toAttributes } from '../../src/registry/mapping';
import { assertSameOrigin, sameOriginPolicy } from '../../src/registry/origin';

const endpoint = 'https://r1234.azurecr.io';

function refused(fn: () => unknown): RegistryError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof RegistryError);
    return error;
  }
  throw new Error('expected a refusal');
}

suite('same origin', () => {
  test('relative links and the same origin pass; another host, port, scheme or a scheme-relative link do not', () => {
    assertSameOrigin(endpoint, '/acr/v1/x/_tags?last=a&n=1', 'link');
    assertSameOrigin(endpoint, 'https://r1234.azurecr.io/acr/v1/x/_tags', 'link');
    assertSameOrigin(endpoint, 'https://R1234.AzureCR.io:443/acr/v1/x', 'link');
    for (const [link, host] of [
      ['https://evil.example/acr/v1/x', 'evil.example'],
      ['//evil.example:8443/acr/v1/x', 'evil.example:8443'],
      ['https://r1234.azurecr.io:8443/acr/v1/x', 'r1234.azurecr.io:8443'],
      ['http://r1234.azurecr.io/acr/v1/x', 'r1234.azurecr.io'],
      ['https://r1234.azurecr.io.evil.example/x', 'r1234.azurecr.io.evil.example'],
    ]) {
      const error = refused(() => assertSameOrigin(endpoint, link ?? '', 'link'));
      assert.equal(error.kind, 'crossOrigin', link);
      assert.equal(error.details.host, host, link);
    }
  });

  test('the wire policy sends nothing to another origin and refuses a redirect there', async () => {
    const sent: PipelineRequest[] = [];
    const policy = sameOriginPolicy(endpoint, 'wire');
    const reply = (status: number, headers: Record<string, string>) => (request: PipelineRequest) => {
      sent.push(request);
      return Promise.resolve({ request, status, headers: createHttpHeaders(headers) });
    };
    await assert.rejects(policy.sendRequest(createPipelineRequest({ url: 'https://evil.example/oauth2/token', method: 'POST' }), reply(200, {})), /evil\.example/);
    assert.equal(sent.length, 0);
    const redirected = policy.sendRequest(createPipelineRequest({ url: `${endpoint}/acr/v1/x` }), reply(307, { location: 'https://evil.example/acr/v1/x' }));
    await assert.rejects(redirected, (e: RegistryError) => e.kind === 'crossOrigin' && e.details.host === 'evil.example');
    const same = await policy.sendRequest(createPipelineRequest({ url: `${endpoint}/acr/v1/x` }), reply(307, { location: '/acr/v1/y' }));
    assert.equal(same.status, 307, 'a same-origin redirect is left to the SDK');
  });
});

suite('unreadable answers', () => {
  test('missing changeable attributes are badResponse, never "enabled"', () => {
    assert.deepEqual(toAttributes({ canWrite: false, canDelete: true, canRead: true, canList: false }), {
      writeEnabled: false,
      deleteEnabled: true,
      readEnabled: true,
      listEnabled: false,
    });
    for (const flags of [{}, { canWrite: true, canDelete: true, canRead: true }]) {
      const error = refused(() => toAttributes(flags, 'tag v1'));
      assert.equal(error.kind, 'badResponse');
      assert.match(error.message, /tag v1/);
    }
  });

  test("the SDK's JSON parse failure is badResponse, and its message (which quotes the body) is not kept", () => {
    const body = '{"access_token":"secret-token-value","refresh';
    const error = toRegistryError({ name: 'RestError', code: 'PARSE_ERROR', statusCode: 200, message: `Error "SyntaxError" occurred while parsing the response body - ${body}.`, response: { headers: createHttpHeaders({}), bodyAsText: body } });
    assert.equal(error.kind, 'badResponse');
    assert.doesNotMatch(error.message, /secret-token-value/);
    assert.equal(toRegistryError({ name: 'RestError', statusCode: 200, message: 'Error occurred in deserializing the responseBody' }).kind, 'badResponse');
  });
});
