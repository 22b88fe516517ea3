import * as assert from 'node:assert/strict';
import { parsePageSize, parseRegistries, toSetting } from '../../src/config';
import { authProviderFor } from '../../src/auth/credentials';
import { sandboxPassword, type SandboxEnvInfo } from '../../src/auth/sandbox';
import { audienceFor, checkLoginServer, cloudFor } from '../../src/registry/loginServer';

suite('tree settings', () => {
  test('registries: normalised, defaults, invalid and duplicate entries skipped with a reason', () => {
    const parsed = parseRegistries(
      [
        { loginServer: 'https://MyRegistry.azurecr.io/' },
        'other.azurecr.cn',
        { loginServer: 'myregistry.azurecr.io', auth: 'anonymous' },
        { loginServer: 'localhost:5443', auth: 'password' },
        { loginServer: 'localhost:5443', auth: 'password', username: 'admin' },
        { loginServer: 'bad/path' },
        { loginServer: 'x.contoso.com', auth: 'kerberos' },
        { loginServer: 'y.contoso.com', cloud: 'Mars' },
        42,
      ],
      checkLoginServer,
    );
    assert.deepEqual(parsed.registries, [
      { loginServer: 'myregistry.azurecr.io', auth: 'microsoft' },
      { loginServer: 'other.azurecr.cn', auth: 'microsoft' },
      { loginServer: 'localhost:5443', auth: 'password', username: 'admin' },
    ]);
    assert.deepEqual(
      parsed.problems.map((p) => `${p.index}:${p.reason}`),
      ['2:duplicate', '3:username', '5:loginServer', '6:auth', '7:cloud', '8:notObject'],
    );
    assert.deepEqual(parseRegistries(undefined, checkLoginServer).registries, []);
    assert.deepEqual(toSetting({ loginServer: 'a.azurecr.io', auth: 'microsoft' }), { loginServer: 'a.azurecr.io', auth: 'microsoft' });
  });

  test('page size is clamped to 1–1000, default 100', () => {
    assert.equal(parsePageSize(undefined), 100);
    assert.equal(parsePageSize('5'), 100);
    assert.equal(parsePageSize(0), 1);
    assert.equal(parsePageSize(5000), 1000);
    assert.equal(parsePageSize(250), 250);
  });

  test('cloud, audience and auth provider follow the login-server suffix unless overridden', () => {
    assert.equal(audienceFor({ loginServer: 'r1234.azurecr.io' }), 'https://containerregistry.azure.net');
    assert.equal(audienceFor({ loginServer: 'r1234.azurecr.cn' }), 'https://containerregistry.azure.net');
    assert.equal(audienceFor({ loginServer: 'r1234.azurecr.us' }), 'https://containerregistry.azure.net');
    assert.equal(audienceFor({ loginServer: 'registry.contoso.com' }), 'https://containerregistry.azure.net');
    assert.equal(audienceFor({ loginServer: 'registry.contoso.com', cloud: 'AzureChinaCloud' }), 'https://containerregistry.azure.net');
    assert.equal(audienceFor({ loginServer: 'r1234.azurecr.io', audience: 'https://x.example' }), 'https://x.example');
    assert.equal(cloudFor({ loginServer: 'r1234.azurecr.us' }), 'AzureUSGovernment');
    assert.equal(authProviderFor('AzureCloud'), 'microsoft');
    assert.equal(authProviderFor('AzureChinaCloud'), 'microsoft-sovereign-cloud');
    assert.equal(authProviderFor('AzureUSGovernment'), 'microsoft-sovereign-cloud');
  });

  test('the sandbox admin password applies only to the sandbox, in password mode, for its admin user', () => {
    const info: SandboxEnvInfo = {
      endpoint: 'https://localhost:5443',
      registries: [{ name: 'sandbox', loginServer: 'sandbox.azurecr.io' }],
      users: [
        { username: 'sandbox', password: 'pw', actions: [] },
        { username: 'reader', password: 'rpw', actions: [] },
      ],
      aadToken: 't',
    };
    assert.equal(sandboxPassword({ loginServer: 'localhost:5443', auth: 'password', username: 'sandbox' }, info), 'pw');
    assert.equal(sandboxPassword({ loginServer: 'sandbox.azurecr.io', auth: 'password', username: 'sandbox' }, info), 'pw');
    assert.equal(sandboxPassword({ loginServer: 'localhost:5443', auth: 'password', username: 'reader' }, info), undefined);
    assert.equal(sandboxPassword({ loginServer: 'localhost:9999', auth: 'password', username: 'sandbox' }, info), undefined);
    assert.equal(sandboxPassword({ loginServer: 'localhost:5443', auth: 'microsoft' }, info), undefined);
    assert.equal(sandboxPassword({ loginServer: 'localhost:5443', auth: 'password', username: 'sandbox' }, undefined), undefined);
  });
});
