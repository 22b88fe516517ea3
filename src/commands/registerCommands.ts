import * as vscode from 'vscode';
import { type Services } from '../services';

/** One registration list, one line per command (filled by issue "Lock commands"). */
export function registerCommands(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand('acrLocks.refresh', () => services.explorer.refresh()));
}
