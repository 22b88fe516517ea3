/** The production UI seam: VS Code's notifications, modal dialogs, quick picks, input boxes and progress. */
import * as vscode from 'vscode';
import { type PickItem, type Ui } from './ui';

function quickPickItems<T extends PickItem>(items: readonly T[]): (vscode.QuickPickItem & { readonly index: number })[] {
  return items.map((item, index) => ({
    label: item.label,
    description: item.description,
    detail: item.detail,
    picked: item.picked,
    ...(item.separator ? { kind: vscode.QuickPickItemKind.Separator } : {}),
    index,
  }));
}

/** A little more than the extension host's progress throttle (100 ms). */
const REPORT_THROTTLE_MS = 120;

export const vscodeUi: Ui = {
  confirm: async (message, detail, ...actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
  ask: async (message, detail, ...actions) => vscode.window.showInformationMessage(message, { modal: true, detail }, ...actions),
  info: async (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: async (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  error: async (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  input: async (options) =>
    vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      value: options.value,
      placeHolder: options.placeHolder,
      password: options.password,
      ignoreFocusOut: true,
      validateInput: options.validateInput,
    }),
  async pick(items, options) {
    const chosen = await vscode.window.showQuickPick(quickPickItems(items), {
      title: options.title,
      placeHolder: options.placeHolder,
      matchOnDescription: options.matchOnDescription,
      ignoreFocusOut: true,
    });
    return chosen ? items[chosen.index] : undefined;
  },
  async pickMany(items, options) {
    const chosen = await vscode.window.showQuickPick(quickPickItems(items), {
      title: options.title,
      placeHolder: options.placeHolder,
      matchOnDescription: options.matchOnDescription,
      ignoreFocusOut: true,
      canPickMany: true,
    });
    return chosen ? chosen.map((c) => items[c.index]) : undefined;
  },
  async saveLocation(options) {
    const chosen = await vscode.window.showSaveDialog({
      title: options.title,
      saveLabel: options.saveLabel,
      filters: Object.fromEntries(Object.entries(options.filters).map(([label, extensions]) => [label, [...extensions]])),
      ...(options.defaultUri ? { defaultUri: vscode.Uri.parse(options.defaultUri) } : {}),
    });
    return chosen?.toString();
  },
  withProgress: async (options, task) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: options.title, cancellable: options.cancellable },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let lastReport = 0;
        try {
          return await task(
            {
              report: (message, increment) => {
                lastReport = Date.now();
                progress.report({ message, increment });
              },
            },
            controller.signal,
          );
        } finally {
          subscription.dispose();
          // The extension host sends progress reports at most every 100 ms and drops the one still
          // waiting when the task ends: without this the notification would keep showing an early
          // message ("0 of 3") for the time VS Code keeps it open, beside the summary.
          const wait = REPORT_THROTTLE_MS - (Date.now() - lastReport);
          if (lastReport > 0 && wait > 0) {
            await new Promise((resolve) => setTimeout(resolve, wait));
          }
        }
      },
    ),
};
