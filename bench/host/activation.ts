// One sample of the extension's own activation cost in the real extension host, for
// `npm run bench -- --host` (bench/hostBench.ts starts code-server with this module as its
// extensionTestsPath and the shipped, production build as the extension): activates the
// extension and writes what dist/extension.js measured (loading dist/main.js, then activate()).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { HOST_SUITE_PREFIX, HOST_SUITE_START } from '../../test/runner/results';
import { ACTIVATION_RESULTS_ENV } from '../hostBench';

const EXTENSION_ID = 'acr-image-locks.acr-image-locks';

export async function run(): Promise<void> {
  console.log(HOST_SUITE_START);
  const file = process.env[ACTIVATION_RESULTS_ENV];
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!file || !ext) {
    console.log(`${HOST_SUITE_PREFIX}${JSON.stringify({ passed: 0, failed: 1, pending: 0 })}`);
    throw new Error(`${ACTIVATION_RESULTS_ENV} is not set or ${EXTENSION_ID} is not loaded`);
  }
  await ext.activate();
  const loader: unknown = createRequire(__filename)(join(ext.extensionPath, 'dist', 'extension.js'));
  const cost = typeof loader === 'object' && loader !== null && 'activationCost' in loader ? loader.activationCost : undefined;
  writeFileSync(file, JSON.stringify(cost ?? null));
  console.log(`${HOST_SUITE_PREFIX}${JSON.stringify({ passed: 1, failed: 0, pending: 0 })}`);
}
