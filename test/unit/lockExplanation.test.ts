import * as assert from 'node:assert/strict';
import { UNLOCKED } from '../../src/locks/attributes';
import { explainLock, flagsFalse } from '../../src/locks/explanation';
import { shortDigestWithAlgorithm as shortDigest } from '../../src/registry/models';
import { analyseProtection } from '../../src/locks/protection';

const DIGEST = 'sha256:3f2a91c0b8e4d5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0';
const locked = { ...UNLOCKED, writeEnabled: false, deleteEnabled: false };

suite('explainLock (the parts of a worded 405)', () => {
  test('a tag whose manifest blocks deletion: deleteImage, the manifest level only, its false flags', () => {
    const report = analyseProtection({
      repository: { name: 'team/app', attributes: UNLOCKED },
      tag: { name: '1.1', attributes: UNLOCKED },
      manifest: { digest: DIGEST, attributes: { ...UNLOCKED, deleteEnabled: false } },
      otherTags: [],
    });
    assert.deepEqual(explainLock(report), {
      operation: 'deleteImage',
      levels: [{ level: 'manifest', target: { kind: 'manifest', repository: 'team/app', digest: DIGEST }, flags: ['deleteEnabled'] }],
    });
  });

  test('names every blocking level once, flags grouped per target, in report order', () => {
    const report = analyseProtection({
      repository: { name: 'r', attributes: { ...locked, readEnabled: false } },
      tag: { name: 'v1', attributes: { ...UNLOCKED, deleteEnabled: false } },
      manifest: { digest: DIGEST, attributes: locked },
      otherTags: [
        { name: 'latest', attributes: { ...UNLOCKED, writeEnabled: false } },
        { name: 'free', attributes: UNLOCKED },
      ],
    });
    const explanation = explainLock(report);
    assert.ok(explanation);
    assert.equal(explanation.operation, 'deleteImage');
    assert.deepEqual(
      explanation.levels.map((l) => `${l.level}:${l.target.kind === 'tag' ? l.target.tag : l.target.repository}:${l.flags.join('+')}`),
      ['repository:r:writeEnabled', 'manifest:r:writeEnabled+deleteEnabled', 'tag:v1:deleteEnabled', 'otherTag:latest:writeEnabled'],
    );
  });

  test('a repository: deleting the repository; without delete blockers the next blocked operation', () => {
    const repo = (attributes: typeof UNLOCKED) => analyseProtection({ repository: { name: 'locked-repo', attributes } });
    assert.deepEqual(explainLock(repo(locked)), {
      operation: 'deleteRepository',
      levels: [{ level: 'repository', target: { kind: 'repository', repository: 'locked-repo' }, flags: ['writeEnabled', 'deleteEnabled'] }],
    });
    assert.equal(explainLock(repo({ ...UNLOCKED, readEnabled: false }))?.operation, 'pull');
    assert.equal(explainLock(repo(UNLOCKED)), undefined, 'nothing blocks: no explanation (generic text)');
  });

  test('a tag with only a write lock of its own: deletion (write=false blocks delete)', () => {
    const report = analyseProtection({
      repository: { name: 'r', attributes: UNLOCKED },
      tag: { name: 'v3', attributes: { ...UNLOCKED, writeEnabled: false } },
      manifest: { digest: DIGEST, attributes: UNLOCKED },
    });
    assert.deepEqual(explainLock(report)?.levels.map((l) => [l.level, l.flags]), [['tag', ['writeEnabled']]]);
  });

  test('a given operation is explained only by its own blockers', () => {
    const report = analyseProtection({
      repository: { name: 'r', attributes: UNLOCKED },
      tag: { name: 't', attributes: { ...UNLOCKED, readEnabled: false } },
      manifest: { digest: DIGEST, attributes: UNLOCKED },
    });
    assert.equal(explainLock(report, 'deleteImage'), undefined);
    assert.deepEqual(explainLock(report, 'pull')?.levels.map((l) => l.level), ['tag']);
    assert.equal(explainLock(report)?.operation, 'pull');
  });

  test('short digest and flag text', () => {
    assert.equal(shortDigest(DIGEST), 'sha256:3f2a91c');
    assert.equal(shortDigest('abc'), 'abc');
    assert.equal(flagsFalse(['writeEnabled', 'deleteEnabled']), 'writeEnabled=false, deleteEnabled=false');
  });
});
