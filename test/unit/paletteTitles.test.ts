// The command palette lists matching commands alphabetically: typing "ACR Image Locks: Lock" and
// pressing Enter runs the first one, so no other title may match those words and sort before
// "Lock" (issue 14: it ran Edit Lock Attributes…; later Export Lock Report… and a view named
// "ACR Image Locks" did the same). VS Code matches the typed words in order against the title's
// words, each as a word prefix, and may skip title words.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string; category?: string }[]; views: Record<string, { name: string }[]>; viewsContainers: { activitybar: { title: string }[] } };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string): string => (value.startsWith('%') ? (nls[value.slice(1, -1)] ?? value) : value);

/** Whether every typed word is a prefix of a later title word, in order (word skipping allowed). */
function wordsMatch(typed: string, title: string): boolean {
  const words = title.toLowerCase().split(/[\s:]+/).filter(Boolean);
  let at = 0;
  for (const want of typed.toLowerCase().split(/[\s:]+/).filter(Boolean)) {
    while (at < words.length && !words[at].startsWith(want)) {
      at++;
    }
    if (at === words.length) {
      return false;
    }
    at++;
  }
  return true;
}

suite('palette titles', () => {
  test('"ACR Image Locks: Lock" finds Lock first', () => {
    const { commands, views, viewsContainers } = manifest.contributes;
    const labels = commands.map((c) => `${c.category ? `${text(c.category)}: ` : ''}${text(c.title)}`);
    // VS Code adds "<container>: Focus on <view> View" for every view.
    const container = text(viewsContainers.activitybar[0].title);
    labels.push(...Object.values(views).flat().map((v) => `${container}: Focus on ${text(v.name)} View`));
    const typed = 'ACR Image Locks: Lock';
    const matches = labels.filter((l) => wordsMatch(typed, l)).sort((a, b) => a.localeCompare(b));
    assert.equal(matches[0], 'ACR Image Locks: Lock', `first match: ${JSON.stringify(matches)}`);
    assert.ok(!wordsMatch(typed, 'ACR Image Locks: Edit Attributes…'));
    assert.ok(wordsMatch(typed, 'ACR Image Locks: Export Lock Report…'), 'the check catches what the palette caught');
  });

  test('no two palette titles are the same', () => {
    const labels = manifest.contributes.commands.map((c) => `${c.category ? text(c.category) : ''}: ${text(c.title)}`);
    assert.deepEqual(labels.filter((l, i) => labels.indexOf(l) !== i), []);
  });
});
