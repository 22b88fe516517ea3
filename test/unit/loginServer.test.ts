import * as assert from 'node:assert/strict';
import { checkLoginServer, cloudOf, registryNameOf } from '../../src/registry/loginServer';

suite('login server validation', () => {
  test('accepts what people paste, normalised', () => {
    const ok = (input: string, expected: string): void => assert.deepEqual(checkLoginServer(input), { ok: true, loginServer: expected });
    ok('myregistry.azurecr.io', 'myregistry.azurecr.io');
    ok(' https://MyRegistry.AzureCR.io/ ', 'myregistry.azurecr.io');
    ok('myregistry.azurecr.cn', 'myregistry.azurecr.cn');
    ok('myregistry.azurecr.us', 'myregistry.azurecr.us');
    ok('registry.contoso.com', 'registry.contoso.com');
    ok('localhost:5443', 'localhost:5443');
    ok('127.0.0.1:8443', '127.0.0.1:8443');
    ok('myregistry-abc123.azurecr.io', 'myregistry-abc123.azurecr.io');
  });

  test('says why an input is not a login server', () => {
    const reason = (input: string): string | undefined => {
      const checked = checkLoginServer(input);
      return checked.ok ? undefined : checked.reason;
    };
    assert.equal(reason(''), 'empty');
    assert.equal(reason('myregistry.azurecr.io/hello-world'), 'hasPath');
    assert.equal(reason('http://myregistry.azurecr.io'), 'badScheme');
    assert.equal(reason('my registry'), 'badHost');
    assert.equal(reason('localhost:99999'), 'badPort');
    assert.equal(reason('localhost:'), 'badPort');
    assert.equal(reason('ab.azurecr.io'), 'badRegistryName');
  });

  test('cloud and registry name from the suffix', () => {
    assert.equal(cloudOf('r1234.azurecr.io').name, 'AzureCloud');
    assert.equal(cloudOf('r1234.azurecr.cn').name, 'AzureChinaCloud');
    assert.equal(cloudOf('r1234.azurecr.us').name, 'AzureUSGovernment');
    assert.equal(cloudOf('localhost:5443').name, 'custom');
    assert.equal(registryNameOf('r1234.azurecr.io'), 'r1234');
  });
});
