/**
 * Export Lock Report…: every repository, tag and manifest of a registry (or of one repository)
 * with its four flags, as CSV or JSON, to a file the user picks — the same report as
 * `acr-locks report`. When the workspace's lock policy covers the registry, each item also says
 * whether it is in policy, drifting (with the change and its rules) or in conflict.
 */
import * as vscode from 'vscode';
import { annotateReport, collectReport, evaluatePolicy, type LockReport, planPolicy, type RegistryPolicy, registryReportSource, reportCsv, reportJson } from '../..';
import { sameLoginServer } from '../checkRegistries';
import { type Services } from '../../../services';
import { type Node, type RegistryNode } from '../../../tree/nodes';
import { type Command, type CommandContext, required } from '../../../commands/support/command';
import { pickRegistry, pickRepository } from '../../../commands/support/pickers';
import { itemsText } from '../../../ui/counts';

interface Scope {
  readonly registry: RegistryNode;
  readonly repository?: string;
}

async function scopeOf(services: Services, node: Node | undefined): Promise<Scope> {
  if (node?.kind === 'registry') {
    return { registry: node };
  }
  if (node?.kind === 'repository') {
    return { registry: node.registry, repository: node.name };
  }
  const registry = await pickRegistry(services, vscode.l10n.t('Export Lock Report: registry'));
  const whole = { label: vscode.l10n.t('All repositories of {0}', registry.config.loginServer), one: false };
  const one = { label: vscode.l10n.t('One repository…'), one: true };
  const chosen = await required(services.ui.pick([whole, one], { title: vscode.l10n.t('Export Lock Report: what to include') }));
  return chosen.one ? { registry, repository: (await pickRepository(services, registry)).name } : { registry };
}

/** The workspace policy entry for the registry (the first valid file that has one), with its file. */
async function policyFor(services: Services, loginServer: string): Promise<{ entry: RegistryPolicy; file: string } | undefined> {
  for (const file of await services.policy.validate()) {
    const policy = file.state === 'loaded' ? file.parsed.policy : undefined;
    const entry = policy?.registries.find((r) => sameLoginServer(r.loginServer, loginServer));
    if (entry !== undefined) {
      return { entry, file: file.label };
    }
  }
  return undefined;
}

function defaultUri(scope: Scope, extension: string): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) {
    return undefined;
  }
  const name = [scope.registry.config.loginServer, scope.repository].filter((p) => p !== undefined).join('-').replace(/[^\w.-]+/g, '_');
  return vscode.Uri.joinPath(folder.uri, `acr-locks-report-${name}.${extension}`).toString();
}

async function collect(services: Services, scope: Scope, policy: { entry: RegistryPolicy } | undefined): Promise<LockReport> {
  const { loginServer } = scope.registry.config;
  const client = await services.connections.clientFor(scope.registry.config);
  return services.ui.withProgress({ title: vscode.l10n.t('Reading the locks of {0}…', scope.repository ?? loginServer), cancellable: true }, async (progress, signal) => {
    const now = new Date();
    const collected = await collectReport(registryReportSource(client), loginServer, {
      signal,
      ...(scope.repository === undefined ? {} : { repositories: (name: string) => name === scope.repository }),
      onRepository: (name, index, total) => progress.report(vscode.l10n.t('{0} ({1} of {2})', name, index + 1, total)),
    });
    const rows =
      policy === undefined
        ? collected.rows
        : (() => {
            const evaluation = evaluatePolicy(policy.entry, collected.inventory, { now });
            return annotateReport(collected.rows, evaluation, planPolicy(evaluation));
          })();
    return { loginServer, generatedOn: now, rows };
  });
}

async function exportReport(context: CommandContext, node: Node | undefined): Promise<void> {
  const { services } = context;
  const scope = await scopeOf(services, node);
  const csv = { label: vscode.l10n.t('CSV (one row per item, for spreadsheets)'), extension: 'csv' };
  const json = { label: vscode.l10n.t('JSON (for scripts and audits)'), extension: 'json' };
  const format = await required(services.ui.pick([csv, json], { title: vscode.l10n.t('Export Lock Report: format') }));
  const target = await required(
    services.ui.saveLocation({
      title: vscode.l10n.t('Export Lock Report of {0}', scope.repository ?? scope.registry.config.loginServer),
      filters: format.extension === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      saveLabel: vscode.l10n.t('Export'),
      ...(defaultUri(scope, format.extension) === undefined ? {} : { defaultUri: defaultUri(scope, format.extension) }),
    }),
  );
  const policy = await policyFor(services, scope.registry.config.loginServer);
  const report = await collect(services, scope, policy);
  context.itemCount = report.rows.length;
  const text = format.extension === 'csv' ? reportCsv([report]) : `${JSON.stringify(reportJson([report]), null, 2)}\n`;
  const uri = vscode.Uri.parse(target, true);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  services.log.info(`Lock report: ${report.rows.length} items of ${scope.repository ?? scope.registry.config.loginServer} written to ${uri.toString()}`);
  const open = vscode.l10n.t('Open');
  const where = uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.toString();
  context.offer(
    services.ui.info(
      policy === undefined
        ? vscode.l10n.t('Lock report saved: {0} of {1} in {2}.', itemsText(report.rows.length), scope.repository ?? scope.registry.config.loginServer, where)
        : vscode.l10n.t('Lock report saved: {0} of {1} in {2}, each marked against the policy in {3}.', itemsText(report.rows.length), scope.repository ?? scope.registry.config.loginServer, where, policy.file),
      open,
    ),
    open,
    async () => {
      await vscode.window.showTextDocument(uri);
    },
  );
}

export const exportLockReportCommand: Command = {
  id: 'acrLocks.exportLockReport',
  run: (context, node) => exportReport(context, node),
};
