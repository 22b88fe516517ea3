// What a change takes away (issue 14: any change that loosens a flag asks first, whatever the preset).
import * as assert from 'node:assert/strict';
import { type LockAttributes, PRESETS, UNLOCKED } from '../../src/locks/attributes';
import { blocksPulls, canLoosen, loosenedFlags } from '../../src/locks/risk';

const a = (change: Partial<LockAttributes>): LockAttributes => ({ ...UNLOCKED, ...change });
const locked = a({ writeEnabled: false, deleteEnabled: false });

suite('lock risk', () => {
  test('Protect from Deletion on a locked item turns writes back on; Prevent Updates turns deletion back on', () => {
    assert.deepEqual(loosenedFlags(locked, PRESETS.protectFromDeletion), ['writeEnabled']);
    assert.deepEqual(loosenedFlags(locked, PRESETS.preventUpdates), ['deleteEnabled']);
    assert.deepEqual(loosenedFlags(locked, PRESETS.unlock), ['writeEnabled', 'deleteEnabled']);
  });

  test('nothing is loosened where the flag already is on, or by a tightening preset', () => {
    assert.deepEqual(loosenedFlags(UNLOCKED, PRESETS.protectFromDeletion), []);
    assert.deepEqual(loosenedFlags(UNLOCKED, PRESETS.unlock), []);
    assert.deepEqual(loosenedFlags(locked, PRESETS.lock), []);
    assert.deepEqual(loosenedFlags(a({ readEnabled: false }), PRESETS.allowPulls), [], 'allowing pulls removes no protection');
  });

  test('blocking pulls is flagged only where pulls are allowed now; canLoosen from the change alone', () => {
    assert.ok(blocksPulls(UNLOCKED, PRESETS.blockPulls));
    assert.ok(!blocksPulls(a({ readEnabled: false }), PRESETS.blockPulls));
    assert.ok(canLoosen(PRESETS.protectFromDeletion) && canLoosen(PRESETS.allowDeletion) && !canLoosen(PRESETS.lock) && !canLoosen(PRESETS.hideFromListings));
  });
});
