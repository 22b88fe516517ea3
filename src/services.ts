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
}

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly explorer: Explorer;
  readonly log: vscode.LogOutputChannel;
  readonly telemetry: Telemetry;
  prompts: Prompts;
}
