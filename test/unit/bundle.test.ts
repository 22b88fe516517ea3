/**
 * The built extension (dist/, from `npm run build`): activation loads only the extension's own
 * code; the Azure SDKs and the telemetry library sit in vendor files loaded on first use.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const dist = join(root, 'dist');

suite('bundle split (dist/)', () => {
  test('activation loads extension.js and main.js only, never a vendor file', () => {
    const probe = join(root, 'out', 'bench', 'activationProbe.js');
    const line = execFileSync(process.execPath, [probe, join(dist, 'extension.js')], { cwd: root, encoding: 'utf8' });
    const result = JSON.parse(line) as { loaded: string[] };
    assert.deepEqual(result.loaded, ['extension.js', 'main.js']);
  });

  test('each vendor file carries its packages', () => {
    for (const file of ['sdk.js', 'identity.js', 'telemetry.js', 'azure.js', 'deploy.js']) {
      assert.ok(existsSync(join(dist, file)), `dist/${file} is built`);
    }
    const sdk = execFileSync(
      process.execPath,
      ['-e', `const v = require(${JSON.stringify(join(dist, 'sdk.js'))}); console.log(typeof v['@azure/container-registry'].ContainerRegistryClient, typeof v['@azure/core-rest-pipeline'].createPipelineRequest)`],
      { encoding: 'utf8' },
    );
    assert.equal(sdk.trim(), 'function function');
    const identity = execFileSync(process.execPath, ['-e', `console.log(typeof require(${JSON.stringify(join(dist, 'identity.js'))})['@azure/identity'].DefaultAzureCredential)`], { encoding: 'utf8' });
    assert.equal(identity.trim(), 'function');
  });
});
