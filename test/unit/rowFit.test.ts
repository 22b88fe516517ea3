// Row descriptions that fit a 300 px side bar (issue 22, item 7): the policy mark always shows,
// the digest (also in the tooltip) gives way first, then the state words shorten to a count.
import * as assert from 'node:assert/strict';
import { fitDescription, MANIFEST_ROW_CHARS, ROW_CHARS } from '../../src/tree/rowFit';

suite('tree row descriptions that fit the side bar', () => {
  test('a short row keeps everything', () => {
    assert.equal(fitDescription({ label: 'v1', words: ['locked'], details: ['5eb8bff'] }), 'locked · 5eb8bff');
    assert.equal(fitDescription({ label: 'latest', words: ['unlocked'], details: ['94cc36f'] }), 'unlocked · 94cc36f');
  });

  test('a marked row drops the digest, then the state words, never the mark (v2 delete-protected · faa07a8 · out of policy was cut)', () => {
    assert.equal(fitDescription({ label: 'v2', words: ['delete-protected'], details: ['faa07a8'], mark: 'out of policy' }), 'out of policy');
    assert.equal(fitDescription({ label: 'v1', words: ['locked'], details: ['5eb8bff'], mark: 'out of policy' }), 'locked · out of policy');
    assert.equal(fitDescription({ label: 'v2', words: ['delete-protected'], details: ['faa07a8'], mark: 'out of policy' }, 50), 'delete-protected · faa07a8 · out of policy', 'a wider budget keeps all');
  });

  test('a mark with a short form: where it is deployed shows when the row has room, else the word alone', () => {
    const v2 = { label: 'v2', words: ['delete-protected'], details: ['faa07a8'], mark: 'deployed · deployment.yaml:21', shortMarks: ['deployed'] };
    assert.equal(fitDescription(v2), 'delete-protected · deployed');
    assert.equal(fitDescription({ ...v2, label: 'v1', words: ['locked'], mark: 'deployed · k.yml:4' }), 'locked · deployed · k.yml:4');
    assert.equal(fitDescription({ ...v2, label: 'v1', words: ['locked'], mark: 'deployed · app.yaml:4' }), 'locked · faa07a8 · deployed', 'the state words before where it is deployed');
    assert.equal(fitDescription(v2, 70), 'delete-protected · faa07a8 · deployed · deployment.yaml:21', 'a wider budget keeps all');
    assert.equal(fitDescription({ ...v2, mark: 'out of policy · deployed · deployment.yaml:21', shortMarks: ['out of policy · deployed', 'drift · deployed'] }), 'out of policy · deployed', 'both marks, the long one cut to its word');
  });

  test('many state words shorten to the first ones and a count, the mark kept', () => {
    // Measured at 300 px: "1.0 pulls blocked, locked · 4251…" was cut.
    assert.equal(fitDescription({ label: '1.0', words: ['pulls blocked', 'locked'], details: ['42511ec'] }), 'pulls blocked, locked');
    const words = ['pulls blocked', 'locked', 'manifest locked'];
    assert.equal(fitDescription({ label: '1.0', words, details: ['42511ec'] }), 'pulls blocked, locked +1');
    assert.equal(fitDescription({ label: 'stable', words: ['locked by repository', 'unlocked'], details: ['abcdef0'] }), 'locked by repository +1');
    assert.equal(fitDescription({ label: '1.0', words, details: ['42511ec'], mark: 'policy conflict' }), 'policy conflict');
    assert.equal(fitDescription({ label: 'a-long-release-tag-name', words, details: ['42511ec'] }), 'pulls blocked +2', 'the shortest form when nothing fits');
    for (const label of ['1.0', 'v2', 'latest']) {
      for (const mark of ['out of policy', 'policy conflict']) {
        const text = fitDescription({ label, words, details: ['42511ec'], mark });
        assert.ok(text.endsWith(mark) && label.length + 1 + text.length <= ROW_CHARS, text);
      }
    }
  });

  test('a manifest row (short digest label, one level deeper) keeps its mark whole, the platform and tags giving way', () => {
    // Measured at 300 px: "sha256:42511ec5b2c… pulls blocked · out of policy · untagged" was cut before the mark.
    const manifest = { label: '42511ec', words: ['pulls blocked'], details: ['linux/amd64', '1.0'], mark: 'out of policy' };
    assert.equal(MANIFEST_ROW_CHARS, ROW_CHARS - 2);
    assert.equal(fitDescription(manifest, MANIFEST_ROW_CHARS), 'out of policy');
    assert.equal(fitDescription({ ...manifest, words: ['locked'] }, MANIFEST_ROW_CHARS), 'out of policy', 'a tag row has two more characters');
    assert.equal(fitDescription({ ...manifest, words: ['locked'] }), 'locked · out of policy');
    assert.equal(fitDescription({ ...manifest, words: ['locked'], mark: 'deployed · app.yaml:12', shortMarks: ['deployed'] }, MANIFEST_ROW_CHARS), 'locked · deployed');
    assert.equal(fitDescription({ label: '750ab48', words: ['unlocked'], details: ['linux/amd64', 'untagged'] }, MANIFEST_ROW_CHARS), 'unlocked', 'the platform is in the tooltip');
    for (const words of [['unlocked'], ['delete-protected'], ['pulls blocked', 'locked']]) {
      for (const mark of ['out of policy', 'deployed']) {
        const text = fitDescription({ label: 'faa07a8', words, details: ['linux/amd64', 'v2'], mark }, MANIFEST_ROW_CHARS);
        assert.ok(text.endsWith(mark) && 'faa07a8'.length + 1 + text.length <= MANIFEST_ROW_CHARS, text);
      }
    }
  });

  test('a manifest row with both marks keeps both words at 300 px: "drift · deployed" (was cut: "out of policy · deplo…")', () => {
    const both = { label: 'faa07a8', words: ['locked'], details: ['linux/amd64', 'v2'], mark: 'out of policy · deployed · deployment.yaml:21', shortMarks: ['out of policy · deployed', 'drift · deployed'] };
    assert.equal(fitDescription(both, MANIFEST_ROW_CHARS), 'drift · deployed');
    assert.equal(fitDescription({ ...both, mark: 'policy conflict · deployed · deployment.yaml:21', shortMarks: ['policy conflict · deployed', 'conflict · deployed'] }, MANIFEST_ROW_CHARS), 'conflict · deployed');
    assert.equal(fitDescription({ ...both, label: 'v2', words: ['delete-protected'] }), 'out of policy · deployed', 'a tag row keeps the longer words when only the marks fit');
    assert.equal(fitDescription({ ...both, label: 'v2' }), 'locked · drift · deployed', 'a shorter form when it lets the state show');
    assert.equal(fitDescription(both, 90), 'locked · linux/amd64 · v2 · out of policy · deployed · deployment.yaml:21', 'a wide row keeps all');
    for (const label of ['faa07a8', '42511ec', '5eb8bff']) {
      for (const words of [['unlocked'], ['delete-protected'], ['pulls blocked', 'locked']]) {
        const text = fitDescription({ ...both, label, words }, MANIFEST_ROW_CHARS);
        assert.ok(text.endsWith('deployed') && /drift|out of policy/.test(text) && label.length + 1 + text.length <= MANIFEST_ROW_CHARS, text);
      }
    }
  });

  test('an unreachable registry row: the short word, the sign-in giving way beside a long login server', () => {
    assert.equal(fitDescription({ label: 'localhost:45321', words: ['unreachable'], details: ['anonymous'] }), 'unreachable');
    assert.equal(fitDescription({ label: 'a.io', words: ['unreachable'], details: ['anonymous'] }), 'unreachable · anonymous');
  });
});
