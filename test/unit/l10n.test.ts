// The exported string bundle (l10n/bundle.l10n.json) matches every vscode.l10n.t call in src/,
// so translators see every user-facing string. Regenerate with `npm run l10n`.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

suite('l10n bundle', function () {
  this.timeout(60_000);
  test('l10n/bundle.l10n.json holds exactly the strings of src/', async () => {
    const files = sources(join(root, 'src')).map((path) => ({ extension: '.ts', contents: readFileSync(path, 'utf8') }));
    const expected = await getL10nJson(files);
    const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    assert.ok(Object.keys(expected).length > 100, 'the code localises its strings');
    assert.deepEqual(Object.keys(committed).sort(), Object.keys(expected).sort(), 'run `npm run l10n` to refresh the bundle');
  });
});
