/** What every command receives: passed in, never reached through globals. */
import type * as vscode from 'vscode';
import { type Telemetry } from './telemetry/telemetry';
import { type Explorer } from './tree/explorer';

/**
 * Modal prompts behind a seam: VS Code's test host suppresses dialogs, so tests install
 * answers here (through the extension's API) while users get real modal dialogs.
 */
export interface Prompts {
  /** A modal confirmation; resolves to the chosen action title, or undefined when dismissed. */
  confirm(message: string, detail: string, ...actions: string[]): PromiseLike<string | undefined>;
  /** Optional seam for free-text input (tests); commands fall back to `vscode.window.showInputBox`. */
  input?(options: vscode.InputBoxOptions): PromiseLike<string | undefined>;
  /** Optional seam for error notifications (tests); the boundary falls back to `vscode.window.showErrorMessage`. */
  error?(message: string, ...actions: string[]): PromiseLike<string | undefined>;
  /** Optional seam for a multi-select quick pick (tests); falls back to `vscode.window.showQuickPick`. */
  pickMany?<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): PromiseLike<readonly T[] | undefined>;
}

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly explorer: Explorer;
  readonly log: vscode.LogOutputChannel;
  readonly telemetry: Telemetry;
  prompts: Prompts;
}
