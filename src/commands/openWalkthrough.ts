import * as vscode from 'vscode';
import { replayMarks, WALKTHROUGH_ID } from '../ui/walkthrough';
import { type Command } from './support/command';

/** Opens the walkthrough, then ticks the steps already done (see src/ui/walkthrough.ts). */
export const openWalkthrough: Command = {
  id: 'acrLocks.openWalkthrough',
  run: async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    replayMarks();
  },
};
