// The acceptance test of src/deploy: the real corpus of deployment files (../shared/corpus/deployments
// from the repository root) must give exactly the references of its expected.jsonl, compared on
// file, line, text, image and kind. Precision and recall are printed; every difference is listed.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractFile } from '../../src/deploy/extract';

const root = join(__dirname, '..', '..', '..');
/** `../shared/corpus/deployments` from the repository root (CI); a git worktree one level deeper (`wt/<name>`) finds the same folder one more level up. */
const CANDIDATES = [join(root, '..', 'shared', 'corpus', 'deployments'), join(root, '..', '..', 'shared', 'corpus', 'deployments')];
const CORPUS = CANDIDATES.find((dir) => existsSync(join(dir, 'expected.jsonl'))) ?? CANDIDATES[0] ?? '';

interface Expected {
  file: string;
  line: number;
  text: string;
  image: string | null;
  kind: string;
}

const key = (r: Expected): string => JSON.stringify([r.file, r.line, r.text, r.image, r.kind]);

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return corpusFiles(path);
    }
    return name === 'expected.jsonl' || name === 'SOURCES.md' ? [] : [path];
  });
}

suite('deploy extraction: real corpus', () => {
  test('every expected reference and nothing else (100 % precision and recall)', () => {
    assert.ok(existsSync(join(CORPUS, 'expected.jsonl')), `the corpus is missing: looked for expected.jsonl in ${CANDIDATES.join(' and ')} (../shared/corpus/deployments from the repository root)`);
    const expected = readFileSync(join(CORPUS, 'expected.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Expected);
    const found: Expected[] = [];
    const errors: string[] = [];
    const files = corpusFiles(CORPUS);
    assert.ok(files.length >= 41, `expected 41 corpus files, found ${files.length}`);
    for (const path of files) {
      const rel = relative(CORPUS, path).split('\\').join('/');
      const result = extractFile(rel, readFileSync(path, 'utf8'));
      errors.push(...result.errors.map((e) => e.error));
      found.push(...result.references.map((r) => ({ file: r.file, line: r.line, text: r.text, image: r.image, kind: r.kind })));
    }
    const expectedKeys = expected.map(key);
    const foundKeys = found.map(key);
    const missing = expectedKeys.filter((k) => !foundKeys.includes(k));
    const extra = foundKeys.filter((k) => !expectedKeys.includes(k));
    const truePositives = foundKeys.length - extra.length;
    const precision = foundKeys.length === 0 ? 0 : truePositives / foundKeys.length;
    const recall = expectedKeys.length === 0 ? 1 : (expectedKeys.length - missing.length) / expectedKeys.length;
    const summary = `corpus: ${found.length} found, ${expected.length} expected; precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %`;
    console.log(`      ${summary}`);
    const report = [summary, ...errors.map((e) => `error: ${e}`), ...missing.map((m) => `missing: ${m}`), ...extra.map((m) => `extra:   ${m}`)].join('\n');
    assert.equal(errors.length + missing.length + extra.length, 0, report);
  });
});
