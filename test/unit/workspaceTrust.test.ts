// Restricted Mode: every setting that names a registry, a policy file, a sign-in, an endpoint or a
// confirmation is in package.json's restrictedConfigurations; endpoints come from user settings
// unless the workspace is trusted; the policy file stays inside the folder.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPolicyPath, trustedValue } from '../../src/workspaceTrust';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
}

/** Settings that are safe for any workspace to set: display, pacing and timeouts only. */
const UNRESTRICTED = new Set(['acrLocks.pageSize', 'acrLocks.sortOrder', 'acrLocks.bulkConcurrency', 'acrLocks.connectTimeoutSeconds', 'acrLocks.idleTimeoutSeconds']);

suite('workspace trust', () => {
  test('package.json: limited support, every setting but display/pacing ones restricted', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    const configuration = manifest.contributes.configuration;
    const keys = (Array.isArray(configuration) ? configuration : [configuration]).flatMap((c) => Object.keys(c.properties));
    assert.ok(keys.length > 0);
    const restricted = new Set(untrusted?.restrictedConfigurations ?? []);
    for (const key of keys) {
      assert.ok(UNRESTRICTED.has(key) || restricted.has(key), `${key} is not in restrictedConfigurations`);
    }
    for (const key of restricted) {
      assert.ok(keys.includes(key), `${key} is restricted but not contributed`);
    }
  });

  test('endpoints: workspace values only in a trusted workspace', () => {
    const inspected = { defaultValue: 'AzureCloud', globalValue: 'user', workspaceValue: 'evil-workspace', workspaceFolderValue: 'evil-folder' };
    assert.equal(trustedValue(inspected, false), 'user');
    assert.equal(trustedValue(inspected, true), 'evil-folder');
    assert.equal(trustedValue({ defaultValue: 'AzureCloud', workspaceValue: 'evil' }, false), 'AzureCloud');
    assert.equal(trustedValue({ workspaceValue: { resourceManagerEndpointUrl: 'https://evil' } }, false), undefined);
    assert.equal(trustedValue(undefined, true), undefined);
  });

  test('acrLocks.policyFile stays inside the folder', () => {
    assert.deepEqual(checkPolicyPath('.acr-locks.json'), { ok: true, relativePath: '.acr-locks.json' });
    assert.deepEqual(checkPolicyPath('policies\\\\prod.json'), { ok: true, relativePath: 'policies/prod.json' });
    assert.deepEqual(checkPolicyPath('a/../b.json'), { ok: true, relativePath: 'b.json' });
    for (const bad of ['/etc/passwd', 'C:\\\\x.json', '../x.json', 'a/../../x.json', '..', '..\\\\x.json', 'file:///x', ' ']) {
      const checked = checkPolicyPath(bad);
      assert.equal(checked.ok, false, bad);
      assert.match(checked.ok ? '' : checked.reason, /acrLocks\.policyFile/);
    }
  });
});
