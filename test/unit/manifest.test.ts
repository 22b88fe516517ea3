/**
 * Manifest hygiene: every %key% has an English string, every `viewItem` token used in a `when`
 * clause is one the contextValue builder can produce, and node-only commands stay out of the palette.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_TOKENS } from '../../src/tree/contextValue';

const root = join(__dirname, '..', '..', '..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface MenuEntry {
  command?: string;
  when?: string;
}
interface Contributes {
  commands?: { command: string; title: string; category?: string }[];
  menus?: Record<string, MenuEntry[]>;
  viewsWelcome?: { view: string; contents: string; when?: string }[];
}
const manifest = JSON.parse(manifestText) as { contributes: Contributes };

function whenClauses(): string[] {
  const clauses: string[] = [];
  for (const entries of Object.values(manifest.contributes.menus ?? {})) {
    for (const entry of entries) {
      if (entry.when) {
        clauses.push(entry.when);
      }
    }
  }
  return clauses;
}

suite('package.json', () => {
  test('every %key% has a string in package.nls.json', () => {
    const keys = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 0, 'the manifest uses localised strings');
    const missing = keys.filter((key) => typeof nls[key] !== 'string' || nls[key] === '');
    assert.deepEqual(missing, []);
  });

  test('every command title is localised and has the category', () => {
    const commands = manifest.contributes.commands ?? [];
    assert.ok(commands.length > 0);
    for (const command of commands) {
      assert.match(command.title, /^%.+%$/, `${command.command} title`);
      assert.ok(command.command.startsWith('acrLocks.'), command.command);
    }
  });

  test('every viewItem token used in when clauses is produced by the contextValue builder', () => {
    const used = new Set<string>();
    for (const clause of whenClauses()) {
      for (const match of clause.matchAll(/viewItem\s*=~\s*\/([^/]+)\//g)) {
        for (const token of match[1].match(/[A-Za-z][A-Za-z-]*/g) ?? []) {
          used.add(token);
        }
      }
      for (const match of clause.matchAll(/viewItem\s*==\s*'?([^'\s)]+)/g)) {
        used.add(match[1]);
      }
    }
    const unknown = [...used].filter((token) => !CONTEXT_TOKENS.includes(token));
    assert.deepEqual(unknown, []);
  });

  test('commands that need a tree node are hidden from the command palette or accept no node', () => {
    const palette = manifest.contributes.menus?.commandPalette ?? [];
    const hidden = new Set(palette.filter((e) => e.when === 'false').map((e) => e.command));
    const contributed = new Set((manifest.contributes.commands ?? []).map((c) => c.command));
    // Load more… acts on its own node; Add to My Registries on an Azure section registry; the two
    // sort entries are the view title menu's (the palette has Toggle Sort Order); the editor's
    // commands act on an image reference in a document (hover links, lenses, quick fixes).
    const editor = ['lock', 'protectFromDeletion', 'whyProtected', 'reveal', 'copyAzCommand', 'pinToDigest', 'protectFile'].map((c) => `acrLocks.editor.${c}`);
    const nodeOnly = ['acrLocks.loadMore', 'acrLocks.addToMyRegistries', 'acrLocks.sortByLastUpdated', 'acrLocks.sortByName', ...editor];
    for (const id of nodeOnly) {
      assert.ok(contributed.has(id), `${id} is contributed`);
      assert.ok(hidden.has(id), `${id} is hidden from the command palette`);
    }
    assert.deepEqual([...hidden].sort(), [...nodeOnly].sort(), 'the palette hides exactly these');
  });
});
