import { type Command } from './command';

/** Lock commands (presets, edit, show, copy az, bulk, why protected), one file each. */
export const lockCommands: readonly Command[] = [];
