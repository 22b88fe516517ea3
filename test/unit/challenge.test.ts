import * as assert from 'node:assert/strict';
import { jwtExpiry, parseChallenge, parseScopes, predictScope } from '../../src/registry/challenge';

suite('challenge', () => {
  test('parses bearer challenges only', () => {
    assert.deepEqual(
      parseChallenge('Bearer realm="https://r.azurecr.io/oauth2/token",service="r.azurecr.io",scope="repository:a:pull",error="insufficient_scope"'),
      { service: 'r.azurecr.io', scope: 'repository:a:pull', error: 'insufficient_scope' },
    );
    assert.equal(parseChallenge('Basic realm="x"'), undefined);
    assert.equal(parseChallenge(undefined), undefined);
  });
  test('parses scopes with slashes and several actions', () => {
    assert.deepEqual(parseScopes('repository:team/app:metadata_read,metadata_write registry:catalog:*'), [
      { type: 'repository', name: 'team/app', actions: ['metadata_read', 'metadata_write'] },
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ]);
    assert.deepEqual(parseScopes(undefined), []);
  });
  test('predicts the scope of ACR and OCI requests', () => {
    const base = 'https://r.azurecr.io';
    assert.equal(predictScope('GET', `${base}/acr/v1/_catalog`), 'registry:catalog:*');
    assert.equal(predictScope('PATCH', `${base}/acr/v1/team%2Fapp/_tags/v1`), 'repository:team/app:metadata_write');
    assert.equal(predictScope('GET', `${base}/acr/v1/team/app/_tags`), 'repository:team/app:metadata_read');
    assert.equal(predictScope('DELETE', `${base}/v2/app/manifests/sha256:1`), 'repository:app:delete');
    assert.equal(predictScope('GET', `${base}/v2/app/manifests/v1`), 'repository:app:pull');
    assert.equal(predictScope('PUT', `${base}/v2/app/manifests/v1`), 'repository:app:pull,push');
    assert.equal(predictScope('GET', `${base}/oauth2/token`), undefined);
  });
  test('reads a JWT exp', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 1234 })).toString('base64');
    assert.equal(jwtExpiry(`h.${payload}.s`), 1234);
    assert.equal(jwtExpiry('opaque'), undefined);
  });
});
