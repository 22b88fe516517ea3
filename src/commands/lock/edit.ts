/** Pure logic of Edit Attributes… (no VS Code): what is presented and what changed. */
import { FLAG_NAMES, type FlagName, type LockAttributes, type LockChange } from '../../locks/attributes';

/** The change the user made: flags whose ticked state differs from the presented state. */
export function editedChange(presented: LockAttributes, ticked: ReadonlySet<FlagName>): LockChange {
  const change: { [K in FlagName]?: boolean } = {};
  for (const flag of FLAG_NAMES) {
    if (ticked.has(flag) !== presented[flag]) {
      change[flag] = ticked.has(flag);
    }
  }
  return change;
}

/** A flag is presented as enabled only when it is enabled on every item. */
export function presentedAttributes(all: readonly LockAttributes[]): LockAttributes {
  const every = (flag: FlagName): boolean => all.every((a) => a[flag]);
  return { writeEnabled: every('writeEnabled'), deleteEnabled: every('deleteEnabled'), readEnabled: every('readEnabled'), listEnabled: every('listEnabled') };
}
