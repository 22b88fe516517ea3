import * as assert from 'node:assert/strict';
import {
  applyChange,
  blocksDelete,
  CONFIRMED_PRESETS,
  effectiveChange,
  FLAG_NAMES,
  isEmptyChange,
  type LockAttributes,
  lockState,
  PRESETS,
  sameAttributes,
  UNLOCKED,
} from '../../src/locks/attributes';

const all = (v: boolean): LockAttributes => ({ writeEnabled: v, deleteEnabled: v, readEnabled: v, listEnabled: v });

suite('attributes', () => {
  test('presets set exactly the seed documents flag combinations', () => {
    assert.deepEqual(PRESETS.lock, { writeEnabled: false, deleteEnabled: false });
    assert.deepEqual(PRESETS.unlock, { writeEnabled: true, deleteEnabled: true });
    assert.deepEqual(PRESETS.protectFromDeletion, { deleteEnabled: false, writeEnabled: true });
    assert.deepEqual(PRESETS.allowDeletion, { deleteEnabled: true });
    assert.deepEqual(PRESETS.preventUpdates, { writeEnabled: false, deleteEnabled: true });
    assert.deepEqual(PRESETS.blockPulls, { readEnabled: false });
    assert.deepEqual(PRESETS.allowPulls, { readEnabled: true });
    assert.deepEqual(PRESETS.hideFromListings, { listEnabled: false });
    assert.deepEqual(PRESETS.showInListings, { listEnabled: true });
  });

  test('confirms exactly unlock, allow deletion and block pulls', () => {
    assert.deepEqual([...CONFIRMED_PRESETS].sort(), ['allowDeletion', 'blockPulls', 'unlock']);
  });

  test('effectiveChange keeps only the flags that differ', () => {
    assert.deepEqual(effectiveChange(UNLOCKED, PRESETS.lock), { writeEnabled: false, deleteEnabled: false });
    assert.deepEqual(effectiveChange({ ...UNLOCKED, writeEnabled: false }, PRESETS.lock), { deleteEnabled: false });
    assert.deepEqual(effectiveChange(all(false), PRESETS.lock), {});
    assert.ok(isEmptyChange(effectiveChange(all(false), PRESETS.lock)));
    assert.ok(!isEmptyChange({ readEnabled: true }));
    assert.deepEqual(effectiveChange(all(false), {}), {});
  });

  test('applyChange changes only the named flags', () => {
    for (const flag of FLAG_NAMES) {
      const changed = applyChange(UNLOCKED, { [flag]: false });
      for (const other of FLAG_NAMES) {
        assert.equal(changed[other], other !== flag, `${flag} → ${other}`);
      }
    }
    assert.ok(sameAttributes(applyChange(all(false), PRESETS.unlock), { ...all(false), writeEnabled: true, deleteEnabled: true }));
  });

  test('blocksDelete when write or delete is disabled', () => {
    assert.equal(blocksDelete(UNLOCKED), false);
    assert.equal(blocksDelete({ ...UNLOCKED, writeEnabled: false }), true);
    assert.equal(blocksDelete({ ...UNLOCKED, deleteEnabled: false }), true);
    assert.equal(blocksDelete({ ...UNLOCKED, readEnabled: false, listEnabled: false }), false);
  });

  test('lockState orders read-blocked over locked over the rest', () => {
    assert.equal(lockState(all(false)), 'readBlocked');
    assert.equal(lockState({ ...UNLOCKED, writeEnabled: false, deleteEnabled: false }), 'locked');
    assert.equal(lockState({ ...UNLOCKED, deleteEnabled: false }), 'deleteProtected');
    assert.equal(lockState({ ...UNLOCKED, writeEnabled: false }), 'writeProtected');
    assert.equal(lockState({ ...UNLOCKED, listEnabled: false }), 'hidden');
    assert.equal(lockState(UNLOCKED), 'unlocked');
  });
});
