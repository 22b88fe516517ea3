/**
 * The one UI seam of the commands: prompts, messages, progress, quick picks and input boxes.
 * Production is `vscodeUi` (vscode.window); the extension-host tests install a recording double
 * through the extension's API (VS Code's test host suppresses dialogs). Commands never call
 * vscode.window for these themselves.
 */

export interface PickItem {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly picked?: boolean;
  /** A separator line with this label (not pickable). */
  readonly separator?: boolean;
}

export interface PickOptions {
  readonly title?: string;
  readonly placeHolder?: string;
  readonly matchOnDescription?: boolean;
}

export interface InputOptions {
  readonly title?: string;
  readonly prompt?: string;
  readonly value?: string;
  readonly placeHolder?: string;
  readonly password?: boolean;
  /** A message saying what is wrong with the text, or undefined when it is fine. */
  readonly validateInput?: (text: string) => string | undefined;
}

export interface ProgressOptions {
  readonly title: string;
  /** Shows a Cancel button; cancelling aborts the task's signal. */
  readonly cancellable: boolean;
}

export interface ProgressReport {
  /** Replaces the progress message; `increment` is a share of 100 for a determinate bar. */
  report(message: string, increment?: number): void;
}

export interface SaveOptions {
  readonly title: string;
  /** Where the dialog starts: a URI (string form) of the suggested file. */
  readonly defaultUri?: string;
  /** File types: label → extensions without the dot, e.g. { CSV: ['csv'] }. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly saveLabel?: string;
}

export interface Ui {
  /** A modal confirmation of a change that removes or loosens something (warning icon); resolves to the chosen action title, or undefined when dismissed. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  /** A modal question none of whose answers removes anything, e.g. Tag Only / Tag and Manifest (information icon); resolves like `confirm`. */
  ask(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
  /** Notifications; resolve to the chosen action, or undefined when dismissed. */
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  pick<T extends PickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined>;
  pickMany<T extends PickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined>;
  /** A save dialog; resolves to the chosen file's URI (string form), or undefined when dismissed. */
  saveLocation(options: SaveOptions): Promise<string | undefined>;
  /** Runs `task` with a progress notification; the signal aborts when the user cancels. */
  withProgress<R>(options: ProgressOptions, task: (progress: ProgressReport, signal: AbortSignal) => Promise<R>): Promise<R>;
}
