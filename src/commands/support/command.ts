/** The one shape every command has: one file per command, one signature. */
import { type Services } from '../../services';
import { type Node } from '../../tree/nodes';

export interface CommandContext {
  readonly services: Services;
  /** Number of items the command acted on, for the telemetry event. */
  itemCount?: number;
  /**
   * A notification action that outlives the command: when the user chooses `action`, `work` runs
   * inside the boundary as this command (its errors shown, its own telemetry event recorded).
   */
  offer(notification: Promise<string | undefined>, action: string, work: () => Promise<void>): void;
}

export interface Command {
  readonly id: string;
  /** `node` is the clicked tree item (undefined from the palette); `selected` the multi-selection. */
  run(context: CommandContext, node?: Node, selected?: readonly Node[]): Promise<void>;
}

/** Thrown when the user dismisses a prompt: the boundary ends the command silently. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled by the user.');
    this.name = 'UserCancelled';
  }
}

/** The answer, or UserCancelled when the prompt was dismissed. */
export async function required<T>(answer: Promise<T | undefined>): Promise<T> {
  const value = await answer;
  if (value === undefined) {
    throw new UserCancelled();
  }
  return value;
}
