import { type Services } from '../../services';
import { registerCommand } from './boundary';
import { type Command } from './command';
import { explorerCommands } from './explorerCommands';
import { lockCommands } from './lockCommands';
import { policyCommands } from '../../policy/vscode/commands/index';
import { deployCommands } from '../../deploy/vscode/commands/index';

/** Every command of the extension, registered through the one boundary. */
export function allCommands(): readonly Command[] {
  return [...explorerCommands, ...lockCommands, ...policyCommands, ...deployCommands];
}

export function registerCommands(services: Services): void {
  for (const command of allCommands()) {
    services.context.subscriptions.push(registerCommand(services, command));
  }
}
