// The manifest and the code agree: every contributed command is registered by the extension,
// and every registered acrLocks.* command is contributed (so it has a localised title).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi } from './lockSupport';

suite('Manifest consistency', () => {
  test('contributed commands and registered commands are the same set', async () => {
    await extensionApi();
    const manifest = vscode.extensions.getExtension('acr-image-locks.acr-image-locks')?.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('acrLocks.')).sort();
    assert.ok(contributed.length > 20, `found ${contributed.length} contributed commands`);
    assert.deepEqual(
      contributed.filter((id) => !registered.includes(id)),
      [],
      'contributed but not registered',
    );
    assert.deepEqual(
      registered.filter((id) => !contributed.includes(id) && !/^acrLocks\.(registries|azure)\./.test(id)),
      [],
      'registered but not contributed',
    );
  });
});
