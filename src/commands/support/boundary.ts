/**
 * Every command runs inside this boundary: it records one telemetry event (result, duration,
 * item count, error kind/status — never names), turns user cancellation into silence, and
 * shows an error once, in plain words with an action, with the details in the log. A 405 on a
 * repository, tag or manifest is worded from its current locks (explainLocked.ts).
 */
import * as vscode from 'vscode';
import { describeError, type RecoveryAction } from '../../errorText';
import { toRegistryError } from '../../registry/errors';
import { type Services } from '../../services';
import { type Node } from '../../tree/nodes';
import { type Command, type CommandContext, UserCancelled } from './command';
import { explainLocked } from './explainLocked';
import { commandAllowedInRestrictedMode, MANAGE_TRUST_COMMAND } from '../../workspaceTrust';
import { commandScope } from '../../ui/auditTrail';

/** Restricted Mode: the command is not run (it would read or change a registry); the user can manage trust. */
async function refuseInRestrictedMode(services: Services, command: Command): Promise<void> {
  services.telemetry.commandRun({ command: command.id, result: 'cancelled', durationMs: 0 });
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const chosen = await services.ui.info(vscode.l10n.t('Restricted Mode: trust this workspace to read registries'), manage);
  if (chosen === manage) {
    await vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
  }
}

const ACTION_TITLE: Readonly<Record<RecoveryAction, () => string>> = {
  retry: () => vscode.l10n.t('Retry'),
  signIn: () => vscode.l10n.t('Sign In'),
  enterCredentials: () => vscode.l10n.t('Enter Credentials'),
  openSettings: () => vscode.l10n.t('Open Settings'),
  whyProtected: () => vscode.l10n.t('Why Is This Protected?'),
  showLog: () => vscode.l10n.t('Show Log'),
};

export function runInBoundary(services: Services, command: Command, node?: Node, selected?: readonly Node[]): Promise<void> {
  if (!commandAllowedInRestrictedMode(command.id, services.workspaceTrusted?.() ?? true)) {
    return refuseInRestrictedMode(services, command);
  }
  const started = Date.now();
  const context: CommandContext = {
    services,
    offer(notification, action, work) {
      services.followUps.add(
        notification.then(async (chosen) => {
          if (chosen === action) {
            await runInBoundary(services, { id: command.id, run: work }, node, selected);
          }
        }),
      );
    },
  };
  // Changes made under this command name it in the audit trail (ui/auditTrail.ts).
  return commandScope.run(command.id, () => command.run(context, node, selected)).then(
    () => {
      services.telemetry.commandRun({
        command: command.id,
        result: 'succeeded',
        durationMs: Date.now() - started,
        itemCount: context.itemCount,
      });
    },
    async (thrown: unknown) => {
      const durationMs = Date.now() - started;
      if (thrown instanceof UserCancelled) {
        services.telemetry.commandRun({ command: command.id, result: 'cancelled', durationMs, itemCount: context.itemCount });
        return;
      }
      const error = toRegistryError(thrown);
      const cancelled = error.kind === 'cancelled';
      services.telemetry.commandRun({
        command: command.id,
        result: cancelled ? 'cancelled' : 'failed',
        durationMs,
        itemCount: context.itemCount,
        errorKind: error.kind,
        errorStatus: error.details.status,
      });
      if (cancelled) {
        return;
      }
      services.log.error(`${command.id} failed: ${error.kind} ${error.details.status ?? ''} ${error.details.code ?? ''} ${error.message}`);
      const explained = error.kind === 'locked' ? await explainLocked(services, node, selected) : undefined;
      const text = explained ?? describeError(error, vscode.l10n.t('the registry'));
      const titles = text.actions.map((a) => ACTION_TITLE[a]());
      const chosen = await services.ui.error(text.message, ...titles);
      const action = text.actions[titles.indexOf(chosen ?? '')];
      if (action === 'retry') {
        await runInBoundary(services, command, node, selected);
      } else if (action === 'showLog') {
        services.log.show(true);
      } else if (action === 'openSettings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'acrLocks');
      } else if (action === 'whyProtected' && node) {
        await vscode.commands.executeCommand('acrLocks.whyProtected', node);
      } else if (action === 'signIn' || action === 'enterCredentials') {
        await vscode.commands.executeCommand(action === 'signIn' ? 'acrLocks.signIn' : 'acrLocks.enterCredentials', node);
      }
    },
  );
}

export function registerCommand(services: Services, command: Command): vscode.Disposable {
  return vscode.commands.registerCommand(command.id, (node?: Node, selected?: readonly Node[]) =>
    runInBoundary(services, command, node, selected),
  );
}
