// Activation in the real extension host pays only for the extension's own code: the manifest's
// `main` (dist/extension.js, scripts/build.mjs) loads dist/main.js and records how long that and
// activate() took, and which files of dist/ were loaded by then — never a vendor file (the Azure
// SDKs, identity, telemetry), which load on first use.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'acr-image-locks.acr-image-locks';

interface ActivationCost {
  loadMs: number;
  activateMs: number | undefined;
  loaded: string[];
}

function isActivationCost(value: unknown): value is ActivationCost {
  return typeof value === 'object' && value !== null && 'loadMs' in value && typeof value.loadMs === 'number' && 'loaded' in value && Array.isArray(value.loaded);
}

suite('Activation cost in the extension host', () => {
  test('activation loaded dist/extension.js and dist/main.js only; the vendor files wait for first use', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    // The host loaded this very module for the extension; require returns its cached exports.
    const loader: unknown = createRequire(__filename)(join(ext.extensionPath, 'dist', 'extension.js'));
    const cost = typeof loader === 'object' && loader !== null && 'activationCost' in loader ? loader.activationCost : undefined;
    assert.ok(isActivationCost(cost), 'dist/extension.js exports activationCost');
    assert.equal(typeof cost.activateMs, 'number', 'activate() ran through the loader');
    assert.deepEqual(cost.loaded, ['extension.js', 'main.js']);
    // Read by `npm run bench -- --host` (activationOwnMs = loadMs + activateMs).
    console.log(`ACTIVATION-OWN-MS ${JSON.stringify({ loadMs: cost.loadMs, activateMs: cost.activateMs })}`);
  });
});
