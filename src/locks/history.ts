/** The last change made per target, so "Copy az Command" can copy "the change just made". */
import { type LockChange } from './attributes';
import { type LockTarget } from '../registry/models';

export interface MadeChange {
  readonly loginServer: string;
  readonly target: LockTarget;
  readonly change: LockChange;
}

const MAX_ENTRIES = 500;

export class ChangeHistory {
  private readonly byKey = new Map<string, MadeChange>();
  private last: MadeChange | undefined;

  static key(loginServer: string, target: LockTarget): string {
    return JSON.stringify([loginServer, target]);
  }

  record(made: MadeChange): void {
    const key = ChangeHistory.key(made.loginServer, made.target);
    this.byKey.delete(key);
    this.byKey.set(key, made);
    this.last = made;
    if (this.byKey.size > MAX_ENTRIES) {
      const oldest = this.byKey.keys().next();
      if (!oldest.done) {
        this.byKey.delete(oldest.value);
      }
    }
  }

  lastFor(loginServer: string, target: LockTarget): MadeChange | undefined {
    return this.byKey.get(ChangeHistory.key(loginServer, target));
  }

  latest(): MadeChange | undefined {
    return this.last;
  }
}
