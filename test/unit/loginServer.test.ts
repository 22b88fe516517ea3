import * as assert from 'node:assert/strict';
import { ACR_AUDIENCE, audienceFor, checkLoginServer, cloudFor, cloudOf, isAcrDomain, registryNameOf } from '../../src/registry/loginServer';

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
    assert.equal(reason('ab.azurecr.io'), 'registryNameLength');
    assert.equal(reason('my_registry.azurecr.io'), 'badRegistryName');
  });

  test('says what is wrong precisely enough to fix it (issue 14)', () => {
    // A single label is no custom domain: probably the Azure name.
    assert.deepEqual(checkLoginServer('foo'), { ok: false, reason: 'singleLabel', suggestion: 'foo.azurecr.io' });
    assert.deepEqual(checkLoginServer('localhost'), { ok: true, loginServer: 'localhost' });
    assert.deepEqual(checkLoginServer('registry:5000'), { ok: true, loginServer: 'registry:5000' }, 'with a port: a host on the local network');
    // A 300-character Azure name: its length, not "not a host name".
    assert.deepEqual(checkLoginServer(`${'a'.repeat(300)}.azurecr.io`), { ok: false, reason: 'registryNameLength', length: 300 });
    assert.deepEqual(checkLoginServer('my-registry.azurecr.io'), { ok: false, reason: 'badRegistryName', suggestion: 'myregistry.azurecr.io' });
    assert.deepEqual(checkLoginServer(`${'b'.repeat(260)}.example.com`), { ok: false, reason: 'hostTooLong', length: 272 });
    assert.deepEqual(checkLoginServer(`${'c'.repeat(70)}.example.com`), { ok: false, reason: 'labelTooLong', length: 70 });
    assert.deepEqual(checkLoginServer('my registry.example.com'), { ok: false, reason: 'badHost' });
  });

  test('cloud and registry name from the suffix', () => {
    assert.equal(cloudOf('r1234.azurecr.io').name, 'AzureCloud');
    assert.equal(cloudOf('r1234.azurecr.cn').name, 'AzureChinaCloud');
    assert.equal(cloudOf('r1234.azurecr.us').name, 'AzureUSGovernment');
    assert.equal(cloudOf('localhost:5443').name, 'custom');
    assert.equal(registryNameOf('r1234.azurecr.io'), 'r1234');
  });

  test('ACR domains, which get an Azure AD token without asking, are *.azurecr.io/.cn/.us only', () => {
    for (const host of ['r1234.azurecr.io', 'r1234.azurecr.cn', 'r1234.azurecr.us', 'R1234.AzureCR.io', 'r1234.azurecr.io:443', 'r1234.westeurope.data.azurecr.io']) {
      assert.equal(isAcrDomain(host), true, host);
    }
    for (const host of ['localhost:5443', '127.0.0.1:8443', 'registry.contoso.com', 'azurecr.io', '.azurecr.io', 'r1234.azurecr.io.evil.example', 'r1234azurecr.io', 'r1234.azurecr.com']) {
      assert.equal(isAcrDomain(host), false, host);
    }
  });

  test("the audience is ACR's own in every cloud (least privilege), unless overridden", () => {
    assert.equal(ACR_AUDIENCE, 'https://containerregistry.azure.net');
    for (const loginServer of ['r1234.azurecr.io', 'r1234.azurecr.cn', 'r1234.azurecr.us', 'registry.contoso.com']) {
      assert.equal(audienceFor({ loginServer }), ACR_AUDIENCE, loginServer);
      assert.notEqual(cloudOf(loginServer).audience, 'https://management.azure.com');
    }
    assert.equal(audienceFor({ loginServer: 'registry.contoso.com', cloud: 'AzureChinaCloud' }), ACR_AUDIENCE);
    assert.equal(audienceFor({ loginServer: 'r1234.azurecr.io', audience: 'https://x.example' }), 'https://x.example');
    assert.equal(cloudFor({ loginServer: 'r1234.azurecr.us' }), 'AzureUSGovernment');
    assert.equal(cloudFor({ loginServer: 'registry.contoso.com', cloud: 'AzureChinaCloud' }), 'AzureChinaCloud');
    assert.equal(cloudFor({ loginServer: 'localhost:5443' }), 'custom');
  });
});
