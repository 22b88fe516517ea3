// Count messages have a form for one: every localised string that puts a count before a plural
// noun ("{0} registries") has a separate string for one ("1 registry"), chosen by the code as VS
// Code's own strings are (one string per form, so translators can word each). The CLI's English
// texts say "1 error", not "1 errors".
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countOf, inPlace } from '../../src/cli/plural';

const root = join(__dirname, '..', '..', '..');

const SINGULAR: Record<string, string> = {
  registries: 'registry', repositories: 'repository', errors: 'error', items: 'item', tags: 'tag', manifests: 'manifest',
  changes: 'change', conflicts: 'conflict', locks: 'lock', rules: 'rule', files: 'file', requests: 'request', images: 'image',
  references: 'reference', deployments: 'deployment', entries: 'entry', warnings: 'warning', runs: 'run', lines: 'line',
};

/**
 * Strings whose count is never 1, with the reason: the code asks them only for two or more.
 * Anything else with "{N} nouns" needs its one-form.
 */
const NEVER_ONE = new Set([
  'Lock {0} tags: the tags only, or also the manifest they share?', // tags.length > 1
  'Lock {0} tags: the tags only, or also their {1} manifests?', // tags.length > 1, manifests > 1
  '{0}: change {1} items?', // a multi-selection
  'Lock attributes of {0} items', // a multi-selection
  'Change the lock attributes of {0} items?', // a multi-selection
  'Only the first {0} tags were searched. Narrow the filter to find later ones.', // the search limit, thousands
  '{0}: all {1} matching tags of {2} already are as wanted; nothing to change.', // its one-form is "the 1 matching tag"
  '{0}: change {1} of {2} tags in {3}?', // its one-form is "change the 1 matching tag"
  '{0}: change {1} of {2} tags matching {3} in {4}?', // its one-form is "change the 1 matching tag"
  'Clear {0} locks that block deleting {1}?', // its one-form is "Clear the 1 lock"
  '{0} needs at least {1} entries.', // its one-form is "at least one entry"
  '{0}: {1} items', // a progress title of a multi-selection
  'Deletion stays blocked for {0} tags: their manifests are still locked (tag and manifest locks are separate).', // one-form: "Deletion of {0} stays blocked"
]);

const COUNT = new RegExp(`\\{(\\d+)\\} ((?:[a-z]+ )?)(${Object.keys(SINGULAR).join('|')})\\b`, 'g');

suite('plural forms', () => {
  test('every localised "{N} nouns" string has a one-form ("1 noun") beside it', () => {
    const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const keys = Object.keys(bundle);
    const missing: string[] = [];
    for (const key of keys) {
      if (NEVER_ONE.has(key)) {
        continue;
      }
      for (const match of key.matchAll(COUNT)) {
        const prefix = key.slice(0, match.index);
        const one = `${prefix}1 ${match[2]}${SINGULAR[match[3]]}`;
        if (!keys.some((k) => k.startsWith(one) && !/^[a-z]/.test(k.slice(one.length)))) {
          missing.push(`${key}  (no "${one}…")`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  test('the CLI counts say "1 error" and "2 errors"', () => {
    assert.equal(countOf(1, 'error'), '1 error');
    assert.equal(countOf(2, 'error'), '2 errors');
    assert.equal(countOf(0, 'repository', 'repositories'), '0 repositories');
    assert.equal(countOf(1, 'repository', 'repositories'), '1 repository');
    assert.equal(inPlace(1, 1), '1 of 1 change in place');
    assert.equal(inPlace(0, 2), '0 of 2 changes in place');
  });
});
