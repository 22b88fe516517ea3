/**
 * What a change would take away, from the item's current attributes (pure, no VS Code): the
 * protection flags it turns back on (writeEnabled or deleteEnabled false → true) and whether it
 * blocks pulls. Any such change is confirmed first, whatever the preset (Protect from Deletion on
 * a locked tag turns writes back on).
 */
import { effectiveChange, type LockAttributes, type LockChange } from './attributes';

export type LoosenedFlag = 'writeEnabled' | 'deleteEnabled';

/** The protection flags `change` would turn on for an item with `current` attributes. */
export function loosenedFlags(current: LockAttributes, change: LockChange): LoosenedFlag[] {
  const effective = effectiveChange(current, change);
  return (['writeEnabled', 'deleteEnabled'] as const).filter((flag) => effective[flag] === true);
}

/** Whether `change` would refuse pulls of an item that allows them now. */
export function blocksPulls(current: LockAttributes, change: LockChange): boolean {
  return effectiveChange(current, change).readEnabled === false;
}

/** Whether a change of this shape can loosen protection on some item (used when states are unknown). */
export function canLoosen(change: LockChange): boolean {
  return change.writeEnabled === true || change.deleteEnabled === true;
}
