/**
 * Many items at once: bounded concurrency (setting), a cancellable progress notification with
 * the count, and a final summary. Every item is reported (changed, unchanged, failed with its
 * reason, or cancelled); failures go to the log and to a "Show Failures" document.
 */
import * as vscode from 'vscode';
import { describeError } from '../../errorText';
import { type BulkReport, type ItemResult, runBulk } from '../../registry/bulk';
import { type Services } from '../../services';
import { documentUri, showDocument, lockDocuments } from './documents';
import { lockSettings } from './settings';

export async function runWithProgress<T>(
  services: Services,
  title: string,
  items: readonly T[],
  work: (item: T, signal: AbortSignal) => Promise<ItemResult>,
): Promise<BulkReport<T>> {
  services.log.info(`${title}: ${items.length} items`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      let lastReport = 0;
      try {
        progress.report({ message: vscode.l10n.t('0 of {0}', items.length) });
        return await runBulk(items, (item) => work(item, controller.signal), {
          concurrency: lockSettings().bulkConcurrency,
          signal: controller.signal,
          onProgress: (done, total) => {
            // At most ~10 updates a second: each one is a message to the workbench.
            const now = Date.now();
            if (done < total && now - lastReport < 100) {
              return;
            }
            lastReport = now;
            const increment = ((done - reported) / Math.max(1, total)) * 100;
            reported = done;
            progress.report({ message: vscode.l10n.t('{0} of {1}', done, total), increment });
          },
        });
      } finally {
        subscription.dispose();
      }
    },
  );
}

/** The summary text of a run: counts, then every failed and cancelled item by name with the reason. */
export function summaryText<T>(title: string, report: BulkReport<T>, label: (item: T) => string): string {
  const lines = [
    title,
    vscode.l10n.t(
      '{0} changed, {1} already as wanted, {2} failed, {3} cancelled (of {4}).',
      report.changed,
      report.unchanged,
      report.failed,
      report.cancelled,
      report.outcomes.length,
    ),
    '',
  ];
  for (const outcome of report.outcomes) {
    if (outcome.status === 'failed') {
      const reason = outcome.error ? describeError(outcome.error, label(outcome.item)).message : vscode.l10n.t('unknown error');
      const status = outcome.error?.details.status ? ` [${outcome.error.details.status}]` : '';
      lines.push(`FAILED\t${label(outcome.item)}\t${reason}${status}`);
    } else if (outcome.status === 'cancelled') {
      lines.push(`CANCELLED\t${label(outcome.item)}`);
    }
  }
  return lines.join('\n') + '\n';
}

let runs = 0;

/** Always the latest run's summary (tests and scripts read it). */
export const LAST_SUMMARY_URI = (): vscode.Uri => documentUri('bulk', 'last-summary.log');

/**
 * Logs the summary, keeps it as a document (`acr-locks:/bulk/…`), and shows a message (not awaited,
 * so the command ends) with "Show Failures" when something failed or was cancelled.
 */
export function reportSummary<T>(services: Services, title: string, report: BulkReport<T>, label: (item: T) => string): vscode.Uri {
  const text = summaryText(title, report, label);
  const uri = documentUri('bulk', `summary-${++runs}.log`);
  lockDocuments(services).set(uri, () => Promise.resolve(text));
  lockDocuments(services).set(LAST_SUMMARY_URI(), () => Promise.resolve(text));
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('FAILED')) {
      services.log.warn(line);
    } else if (line !== '') {
      services.log.info(line);
    }
  }
  const counts = vscode.l10n.t(
    '{0}: {1} changed, {2} already as wanted, {3} failed, {4} cancelled.',
    title,
    report.changed,
    report.unchanged,
    report.failed,
    report.cancelled,
  );
  if (report.failed + report.cancelled === 0) {
    void vscode.window.showInformationMessage(counts);
  } else {
    const show = vscode.l10n.t('Show Failures');
    void vscode.window.showWarningMessage(counts, show).then(async (chosen) => {
      if (chosen === show) {
        await showDocument(services, uri, () => Promise.resolve(text), 'log');
      }
    });
  }
  return uri;
}
