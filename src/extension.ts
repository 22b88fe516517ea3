/** Activation only wires the parts together; each part lives in its own folder. */
import * as vscode from 'vscode';
import { runInBoundary } from './commands/boundary';
import { type Command } from './commands/command';
import { registerCommands } from './commands/registerCommands';
import { type Prompts, type Services } from './services';
import { createTelemetry } from './telemetry/createTelemetry';
import { type TelemetrySender } from './telemetry/sender';
import { createExplorer, type ExplorerView } from './tree/createExplorer';
import { type Explorer } from './tree/explorer';
import { type Node } from './tree/nodes';

/** Returned from activate() for tests and other extensions. */
export interface ExtensionApi {
  readonly explorer: Explorer;
  /** The registry explorer's tree (provider, view, filter, auth seams) for tests. */
  readonly explorerView: ExplorerView;
  /** Replaces the modal prompts (VS Code's test host suppresses dialogs); returns the previous ones. */
  setPrompts(prompts: Prompts): Prompts;
  /** Runs a command object inside the commands' boundary with the extension's services (tests). */
  runInBoundary(command: Command, node?: Node, selected?: readonly Node[]): Promise<void>;
  /** Replaces where telemetry events go (tests record them); returns the previous sender. */
  setTelemetrySender(sender: TelemetrySender): TelemetrySender;
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
}

const modalPrompts: Prompts = {
  confirm: (message, detail, ...actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
};

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('ACR Image Locks', { log: true });
  const telemetry = createTelemetry(context);
  const explorer = createExplorer(context, log);
  const services: Services = { context, explorer, log, telemetry, prompts: modalPrompts };
  registerCommands(services);
  context.subscriptions.push(log, { dispose: () => void telemetry.dispose() });
  const activationMs = Date.now() - started;
  telemetry.activated(activationMs, explorer.registries().length);
  return {
    explorer,
    explorerView: explorer,
    activationMs,
    setTelemetrySender: (sender) => telemetry.setSender(sender),
    runInBoundary: (command, node, selected) => runInBoundary(services, command, node, selected),
    setPrompts(prompts) {
      const previous = services.prompts;
      services.prompts = prompts;
      return previous;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
