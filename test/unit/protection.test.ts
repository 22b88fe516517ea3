import * as assert from 'node:assert/strict';
import { UNLOCKED } from '../../src/locks/attributes';
import { analyseProtection } from '../../src/locks/protection';

const locked = { ...UNLOCKED, writeEnabled: false, deleteEnabled: false };

suite('analyseProtection', () => {
  test('names repository, manifest and tag when each is locked, and unlocks exactly those for deletion', () => {
    const report = analyseProtection({
      repository: { name: 'r', attributes: { ...locked, readEnabled: false } },
      tag: { name: 'v1', attributes: { ...locked, listEnabled: false } },
      manifest: { digest: 'sha256:1', attributes: locked },
      otherTags: [{ name: 'latest', attributes: { ...UNLOCKED, deleteEnabled: false } }],
    });
    const levels = report.blockers.deleteImage.map((b) => `${b.level}:${b.flag}`);
    assert.deepEqual(levels, [
      'repository:writeEnabled',
      'manifest:writeEnabled',
      'manifest:deleteEnabled',
      'tag:writeEnabled',
      'tag:deleteEnabled',
      'otherTag:deleteEnabled',
    ]);
    assert.deepEqual(report.blockers.pull.map((b) => b.level), ['repository']);
    assert.deepEqual(report.blockers.list.map((b) => b.level), ['tag']);
    assert.deepEqual(report.blockers.overwrite.map((b) => b.level), ['repository', 'tag']);
    assert.deepEqual(report.unlockForDeletion, [
      { target: { kind: 'repository', repository: 'r' }, change: { writeEnabled: true } },
      { target: { kind: 'manifest', repository: 'r', digest: 'sha256:1' }, change: { writeEnabled: true, deleteEnabled: true } },
      { target: { kind: 'tag', repository: 'r', tag: 'v1' }, change: { writeEnabled: true, deleteEnabled: true } },
      { target: { kind: 'tag', repository: 'r', tag: 'latest' }, change: { deleteEnabled: true } },
    ]);
    for (const { change } of report.unlockForDeletion) {
      assert.equal(change.readEnabled, undefined);
      assert.equal(change.listEnabled, undefined);
    }
  });

  test('repository deleteEnabled=false blocks only deleting the repository', () => {
    const report = analyseProtection({
      repository: { name: 'r', attributes: { ...UNLOCKED, deleteEnabled: false } },
      tag: { name: 't', attributes: UNLOCKED },
      manifest: { digest: 'sha256:1', attributes: UNLOCKED },
    });
    assert.deepEqual(report.blockers.deleteImage, []);
    assert.deepEqual(report.unlockForDeletion, []);
    const repoOnly = analyseProtection({ repository: { name: 'r', attributes: { ...UNLOCKED, deleteEnabled: false } } });
    assert.deepEqual(repoOnly.operations, ['overwrite', 'pull', 'list', 'deleteRepository']);
    assert.deepEqual(repoOnly.unlockForDeletion, [{ target: { kind: 'repository', repository: 'r' }, change: { deleteEnabled: true } }]);
  });

  test('nothing locked: nothing blocks', () => {
    const report = analyseProtection({
      repository: { name: 'r', attributes: UNLOCKED },
      manifest: { digest: 'sha256:1', attributes: UNLOCKED },
    });
    assert.deepEqual(report.operations, ['deleteImage', 'pull', 'list']);
    assert.ok(report.operations.every((op) => report.blockers[op].length === 0));
  });
});
