/**
 * What Check Policy and Apply Policy share: reading the policy files (their problems go to the
 * Problems view; an invalid file is never checked or applied), checking with a cancellable
 * progress, and showing the report in the Markdown preview.
 */
import * as vscode from 'vscode';
import { type PolicyCheck } from './checkRegistries';
import { DEFAULT_POLICY_FILE, type LoadedPolicy, policyFiles } from './files';
import { POLICY_REPORT_URI } from './workspace';
import { type Services } from '../../services';
import { type CommandContext } from '../../commands/support/command';

const SHOW_PROBLEMS = (): string => vscode.l10n.t('Show Problems');

function names(files: readonly LoadedPolicy[]): string {
  return files.map((f) => f.label).join(', ');
}

/** Shows where the problems are, as a notification with "Show Problems". */
export function offerProblems(context: CommandContext, message: string): void {
  const action = SHOW_PROBLEMS();
  context.offer(context.services.ui.error(message, action), action, async () => {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

/**
 * Reads the policy files; undefined (after saying why) when there is nothing valid to check:
 * no folder open, no policy file, or only files with errors.
 */
export async function readPolicies(context: CommandContext): Promise<readonly LoadedPolicy[] | undefined> {
  const { services } = context;
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    void services.ui.warn(
      vscode.l10n.t('Open the folder that holds your lock policy file ({0}) to check it: the policy lives in the workspace, next to your code.', DEFAULT_POLICY_FILE),
    );
    return undefined;
  }
  const files = await services.policy.validate();
  const present = files.filter((f) => f.state !== 'missing');
  if (present.length === 0) {
    const open = vscode.l10n.t('Open Settings');
    const wanted = policyFiles().map((f) => f.label).join(', ');
    context.offer(
      services.ui.warn(
        vscode.l10n.t(
          'No lock policy file: {0} does not exist. Create it (the README’s “Lock policy” section has an example), or point the setting acrLocks.policyFile at your file.',
          wanted,
        ),
        open,
      ),
      open,
      async () => {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'acrLocks.policyFile');
      },
    );
    return undefined;
  }
  const invalid = present.filter((f) => f.state === 'loaded' && f.parsed.policy === undefined);
  const unreadable = present.filter((f) => f.state === 'unreadable');
  for (const f of unreadable) {
    services.log.warn(`Lock policy: cannot read ${f.label}: ${f.state === 'unreadable' ? f.reason : ''}`);
  }
  if (invalid.length + unreadable.length === present.length) {
    const errors = invalid.reduce((n, f) => n + (f.state === 'loaded' ? f.parsed.diagnostics.filter((d) => d.severity === 'error').length : 0), 0);
    offerProblems(
      context,
      unreadable.length > 0 && invalid.length === 0
        ? vscode.l10n.t('The lock policy file {0} cannot be read (see the log); nothing was checked or applied.', names(unreadable))
        : errors === 1
          ? vscode.l10n.t('The lock policy file {0} has 1 problem (see Problems); nothing was checked or applied. Fix it and run the command again.', names(invalid))
          : vscode.l10n.t('The lock policy file {0} has {1} problems (see Problems); nothing was checked or applied. Fix them and run the command again.', names(invalid), errors),
    );
    return undefined;
  }
  return files;
}

/** Checks the policy with a cancellable progress notification (listings only; nothing is changed). */
export function checkWithProgress(services: Services, files: readonly LoadedPolicy[]): Promise<PolicyCheck> {
  return services.ui.withProgress({ title: vscode.l10n.t('Checking the lock policy…'), cancellable: true }, (progress, signal) =>
    services.policy.check(
      {
        signal,
        onProgress: (loginServer, repository, index, total) =>
          progress.report(
            repository === undefined
              ? vscode.l10n.t('{0}: listing repositories', loginServer)
              : vscode.l10n.t('{0}: reading {1} ({2} of {3})', loginServer, repository, index + 1, total),
          ),
      },
      files,
    ),
  );
}

/** Opens the last check's report in the Markdown preview (its source when the preview is unavailable). */
export async function showReport(services: Services): Promise<void> {
  const uri = POLICY_REPORT_URI();
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch (error: unknown) {
    services.log.warn(`Lock policy: the Markdown preview is unavailable (${error instanceof Error ? error.message : String(error)}); showing the report's source`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'markdown'), { preview: true });
  }
}
