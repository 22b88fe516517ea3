/**
 * The one place lock flags become words: `writeEnabled=false, deleteEnabled=false` (or, for a
 * planned change, `writeEnabled → false`). Every message, report, the Why page and the CLI use it.
 * Flags appear in ACR's order (write, delete, read, list); absent flags are left out.
 */
import { FLAG_NAMES, type LockChange } from '../registry/models';

export interface FlagsTextOptions {
  /** `equals` (default): `writeEnabled=false`; `arrow`: `writeEnabled → false` (a change to make). */
  readonly style?: 'equals' | 'arrow';
  /** Between flags; default `, `. */
  readonly separator?: string;
  /** Only the flags this change names (what was asked, when reading what was answered). */
  readonly only?: LockChange;
}

export function flagsText(flags: LockChange | undefined, options: FlagsTextOptions = {}): string {
  if (flags === undefined) {
    return '';
  }
  const joiner = options.style === 'arrow' ? ' → ' : '=';
  return FLAG_NAMES.filter((f) => flags[f] !== undefined && (!options.only || options.only[f] !== undefined))
    .map((f) => `${f}${joiner}${String(flags[f])}`)
    .join(options.separator ?? ', ');
}
