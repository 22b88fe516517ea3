import * as assert from 'node:assert/strict';
import { UNLOCKED } from '../../src/locks/attributes';
import { editedChange, presentedAttributes } from '../../src/commands/lock/edit';

suite('Edit Lock Attributes (pure part)', () => {
  test('applies only the toggled flags', () => {
    assert.deepEqual(editedChange(UNLOCKED, new Set(['writeEnabled', 'deleteEnabled', 'readEnabled', 'listEnabled'])), {});
    assert.deepEqual(editedChange(UNLOCKED, new Set(['deleteEnabled', 'readEnabled', 'listEnabled'])), { writeEnabled: false });
    const locked = { ...UNLOCKED, writeEnabled: false, deleteEnabled: false };
    assert.deepEqual(editedChange(locked, new Set(['writeEnabled', 'readEnabled', 'listEnabled'])), { writeEnabled: true });
  });
  test('presents a flag as enabled only when every item has it', () => {
    assert.deepEqual(presentedAttributes([UNLOCKED, { ...UNLOCKED, readEnabled: false }]), { ...UNLOCKED, readEnabled: false });
    assert.deepEqual(presentedAttributes([UNLOCKED]), UNLOCKED);
  });
});
