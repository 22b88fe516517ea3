/** The lock engine's own failures, as RegistryErrors so every layer reports them the same way. */
import { type LockAttributes, type LockChange } from './attributes';
import { RegistryError } from '../registry/errors';
import { type LockTarget, targetLabel } from '../registry/models';
import { flagsText } from './flagsText';

/**
 * The registry answered a change without the requested flags (it ignored the PATCH, or answered
 * for something else): the item is not reported as changed. Kind 'badResponse'.
 */
export class ChangeNotAppliedError extends RegistryError {
  constructor(
    readonly target: LockTarget,
    readonly requested: LockChange,
    readonly answered: LockAttributes,
  ) {
    super(
      'badResponse',
      `${targetLabel(target)}: asked for ${flagsText(requested)}, the registry answered ${flagsText(answered)}`,
    );
    this.name = 'ChangeNotAppliedError';
  }
}

/** The answer to a read or change named another item than the one asked for. Kind 'badResponse'. */
export class WrongItemError extends RegistryError {
  constructor(
    readonly target: LockTarget,
    readonly answeredFor: string,
  ) {
    super('badResponse', `${targetLabel(target)}: the registry answered for ${answeredFor}`);
    this.name = 'WrongItemError';
  }
}
