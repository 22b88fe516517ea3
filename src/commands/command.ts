/** The one shape every command has: one file per command, one signature. */
import { type Services } from '../services';
import { type Node } from '../tree/nodes';

export interface CommandContext {
  readonly services: Services;
  /** Number of items the command acted on, for the telemetry event. */
  itemCount?: number;
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
