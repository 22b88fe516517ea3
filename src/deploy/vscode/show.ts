/**
 * What Protect Deployed Images… and Release Orphaned Locks… share: reading, planning and showing the
 * workspace's deployments (planAndShow), the plan document (Markdown
 * preview, its source when the preview is unavailable), and the runs of several policy files'
 * plans through the lock engine under one progress (counts add up across files).
 */
import * as vscode from 'vscode';
import { type RunReport } from '../../locks/engine';
import { runInTurn } from '../../locks/run/inTurn';
import { type RunHooks } from '../../commands/lock/progress';
import { type Services } from '../../services';
import { documentUri } from '../../ui/documents';
import { configuredRegistry } from '../../policy/vscode/checkRegistries';
import { deploymentsMarkdown } from './planMarkdown';
import { type PolicyDeployments, scanDeployments, withDeployments } from './scan';
import { type CommandContext } from '../../commands/support/command';
import { readPolicies } from '../../policy/vscode/checkWithProgress';

/** The plan of the last Protect Deployed Images… or Release Orphaned Locks… (Markdown). */
export const DEPLOY_PLAN_URI = (): vscode.Uri => documentUri('deploy', 'protect-deployed-images.md');

export async function showPlan(services: Services, scans: readonly PolicyDeployments[]): Promise<void> {
  const uri = DEPLOY_PLAN_URI();
  const text = deploymentsMarkdown(scans, new Date());
  await services.documents.update(uri, text);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch (error: unknown) {
    services.log.warn(`Protect Deployed Images: the Markdown preview is unavailable (${error instanceof Error ? error.message : String(error)}); showing the plan's source`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'markdown'), { preview: true });
  }
}

/**
 * Both commands' start: the workspace's policy files with a `deployments` section, planned (with
 * progress) and shown; undefined when there is nothing to plan (`noDeployments` is said then).
 */
export async function planAndShow(context: CommandContext, noDeployments: string): Promise<PolicyDeployments[] | undefined> {
  const { services } = context;
  const files = await readPolicies(context);
  if (files === undefined) {
    return undefined;
  }
  const sources = withDeployments(files);
  if (sources.length === 0) {
    void services.ui.warn(noDeployments);
    return undefined;
  }
  const scans = await scanDeployments(services, sources);
  await showPlan(services, scans);
  return scans;
}

/** Runs `run` for each plan with something to send, in turn; progress counts run on across plans; one report. */
export function runEach<T>(
  scans: readonly PolicyDeployments[],
  count: (s: PolicyDeployments) => number,
  hooks: RunHooks,
  run: (s: PolicyDeployments, hooks: RunHooks) => Promise<RunReport<T>>,
): Promise<RunReport<T>> {
  return runInTurn(
    scans.filter((s) => count(s) > 0),
    count,
    hooks.onProgress,
    (scan, onProgress) => run(scan, { ...hooks, onProgress }),
  );
}

/** Redraws the registries a run changed (their rows show the new flags). */
export function refreshRegistries(services: Services, scans: readonly PolicyDeployments[]): void {
  const loginServers = new Set(scans.flatMap((s) => [...s.plan.changes, ...s.plan.orphans].map((c) => c.loginServer)));
  const registries = scans.flatMap((s) => s.registries);
  for (const loginServer of loginServers) {
    // The registry the plan read, configured or discovered (one state per login server: every view redraws).
    const registry = configuredRegistry(registries, loginServer);
    if (registry !== undefined) {
      services.explorer.refresh(registry);
    }
  }
}
