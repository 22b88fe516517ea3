import * as assert from 'node:assert/strict';
import { azAddress, azCommandIfAny, azTemplateCommand, azUpdateCommand } from '../../src/locks/azCommand';

suite('azUpdateCommand', () => {
  test('repository with the flags in order', () => {
    assert.equal(
      azUpdateCommand('myregistry.azurecr.io', { kind: 'repository', repository: 'myrepo' }, { deleteEnabled: false, writeEnabled: true }),
      'az acr repository update --name myregistry --repository myrepo --write-enabled true --delete-enabled false',
    );
  });
  test('tag and digest images', () => {
    assert.equal(
      azUpdateCommand('myregistry.azurecr.io', { kind: 'tag', repository: 'myrepo/myimage', tag: 'tag' }, { writeEnabled: false }),
      'az acr repository update --name myregistry --image myrepo/myimage:tag --write-enabled false',
    );
    assert.equal(
      azUpdateCommand('reg.azurecr.cn', { kind: 'manifest', repository: 'r', digest: 'sha256:abc' }, { readEnabled: false, listEnabled: true }),
      'az acr repository update --name reg --image r@sha256:abc --read-enabled false --list-enabled true',
    );
  });
  test('keeps a non-Azure login server whole and quotes odd words', () => {
    assert.equal(
      azUpdateCommand('localhost:5000', { kind: 'tag', repository: 'a b', tag: "it's" }, {}),
      `az acr repository update --name localhost:5000 --image 'a b:it'\\''s'`,
    );
  });
});

suite('azAddress: which registries az can address (Debian az 2.45 semantics)', () => {
  const tag = { kind: 'tag', repository: 'hello-world', tag: 'v1' } as const;

  test('*.azurecr.io, with or without a port: the registry name (az drops the suffix and the port)', () => {
    assert.deepEqual(azAddress('myregistry.azurecr.io'), { ok: true, name: 'myregistry', cloud: 'AzureCloud' });
    assert.deepEqual(azAddress('myregistry.azurecr.io:443'), { ok: true, name: 'myregistry', cloud: 'AzureCloud' });
    assert.equal(
      azCommandIfAny('myregistry.azurecr.io:8443', tag, { writeEnabled: false }),
      'az acr repository update --name myregistry --image hello-world:v1 --write-enabled false',
    );
  });

  test('China and US Government: the name, with the cloud az must be set to', () => {
    assert.deepEqual(azAddress('reg01.azurecr.cn'), { ok: true, name: 'reg01', cloud: 'AzureChinaCloud' });
    assert.deepEqual(azAddress('reg01.azurecr.us'), { ok: true, name: 'reg01', cloud: 'AzureUSGovernment' });
  });

  test('localhost:PORT and custom domains: none (az would try <login server>.azurecr.io); a template instead', () => {
    for (const loginServer of ['localhost:34415', 'registry.contoso.com', 'registry.contoso.com:5443', '127.0.0.1:5000']) {
      assert.deepEqual(azAddress(loginServer), { ok: false, reason: 'notAzureLoginServer' }, loginServer);
      assert.equal(azCommandIfAny(loginServer, tag, { writeEnabled: false }), undefined, loginServer);
    }
    assert.equal(azTemplateCommand(tag, { deleteEnabled: false }), 'az acr repository update --name REGISTRY-NAME --image hello-world:v1 --delete-enabled false');
  });
});
