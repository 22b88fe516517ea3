/**
 * Many items at once: a cancellable progress notification with the count and any wait the
 * registry asked for, then a summary. Every item is reported (changed, unchanged, failed with its
 * reason, cancelled, may have been applied, not attempted); problems go to the log and to a
 * "Show Failures" document.
 */
import * as vscode from 'vscode';
import { describeError } from '../../errorText';
import { type BulkReport, type ServerWait } from '../../locks/run/bulk';
import { type CommandContext } from '../support/command';
import { LAST_SUMMARY_URI } from '../../ui/documents';
import { lockSettings } from './settings';

/** What an engine run gets from the progress notification. */
export interface RunHooks {
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly onProgress: (done: number, total: number) => void;
  readonly onWait: (wait: ServerWait) => void;
}

function seconds(ms: number): string {
  return String(Math.ceil(ms / 1000));
}

/** The progress line for a wait the registry asked for (our own backoff is not worth a line). */
export function waitText(wait: ServerWait): string | undefined {
  if (wait.reason === 'backoff') {
    return undefined;
  }
  if (wait.requestedMs !== undefined) {
    return vscode.l10n.t(
      'The registry asked to wait {0} s; waiting {1} s (at most a minute), then retrying. Cancel to stop.',
      seconds(wait.requestedMs),
      seconds(wait.ms),
    );
  }
  return wait.reason === 'throttled'
    ? vscode.l10n.t('The registry is throttling requests: waiting {0} s, then retrying.', seconds(wait.ms))
    : vscode.l10n.t('The registry is not answering: waiting {0} s, then retrying.', seconds(wait.ms));
}

export async function runWithProgress<R>(context: CommandContext, title: string, total: number, run: (hooks: RunHooks) => Promise<R>): Promise<R> {
  const { services } = context;
  services.log.info(`${title}: ${total} items`);
  return services.ui.withProgress({ title, cancellable: true }, async (progress, signal) => {
    let reported = 0;
    let lastReport = 0;
    let done = 0;
    progress.report(vscode.l10n.t('0 of {0}', total));
    return run({
      concurrency: lockSettings().bulkConcurrency,
      signal,
      onProgress: (count, all) => {
        done = count;
        // At most ~10 updates a second: each one is a message to the workbench.
        const now = Date.now();
        if (count < all && now - lastReport < 100) {
          return;
        }
        lastReport = now;
        const increment = ((count - reported) / Math.max(1, all)) * 100;
        reported = count;
        progress.report(vscode.l10n.t('{0} of {1}', count, all), increment);
      },
      onWait: (wait) => {
        const text = waitText(wait);
        if (text) {
          services.log.info(`${title}: ${text}`);
          progress.report(`${vscode.l10n.t('{0} of {1}', done, total)} · ${text}`);
        }
      },
    });
  });
}

/** The counts of a run in words (the summary's first line and the notification). */
export function countsText<T, V>(report: BulkReport<T, V>): string {
  return vscode.l10n.t(
    '{0} changed, {1} already as wanted, {2} failed, {3} cancelled, {4} may have been applied, {5} not attempted (of {6}).',
    report.changed,
    report.unchanged,
    report.failed,
    report.cancelled,
    report.maybeApplied,
    report.notAttempted,
    report.outcomes.length,
  );
}

/** The counts of a run in a few words for the notification: only what happened ("3 changed, 1 failed"). */
export function shortCountsText<T, V>(report: BulkReport<T, V>): string {
  const parts: string[] = [];
  if (report.changed > 0) {
    parts.push(vscode.l10n.t('{0} changed', report.changed));
  }
  if (report.unchanged > 0) {
    parts.push(vscode.l10n.t('{0} already as wanted', report.unchanged));
  }
  if (report.failed > 0) {
    parts.push(vscode.l10n.t('{0} failed', report.failed));
  }
  if (report.cancelled > 0) {
    parts.push(vscode.l10n.t('{0} cancelled', report.cancelled));
  }
  if (report.maybeApplied > 0) {
    parts.push(vscode.l10n.t('{0} may have been applied', report.maybeApplied));
  }
  if (report.notAttempted > 0) {
    parts.push(vscode.l10n.t('{0} not attempted', report.notAttempted));
  }
  return parts.length > 0 ? `${parts.join(', ')}.` : vscode.l10n.t('nothing to do.');
}

/** The summary text of a run: counts, then every item that did not end as wanted, by name, with the reason. */
export function summaryText<T, V>(title: string, report: BulkReport<T, V>, label: (item: T) => string): string {
  const lines = [title, countsText(report)];
  if (report.stopped) {
    lines.push(
      vscode.l10n.t(
        'Stopped after {0} consecutive failures of the registry ({1}); the items marked NOT ATTEMPTED were not sent. Run it again when the registry answers.',
        report.stopped.failures,
        describeError(report.stopped.error, vscode.l10n.t('the registry')).message,
      ),
    );
  }
  lines.push('');
  for (const outcome of report.outcomes) {
    const name = label(outcome.item);
    if (outcome.status === 'failed') {
      const reason = outcome.error ? describeError(outcome.error, name).message : vscode.l10n.t('unknown error');
      const status = outcome.error?.details.status ? ` [${outcome.error.details.status}]` : '';
      lines.push(`FAILED\t${name}\t${reason}${status}`);
    } else if (outcome.status === 'cancelled') {
      lines.push(`CANCELLED\t${name}`);
    } else if (outcome.status === 'maybeApplied') {
      lines.push(`MAYBE APPLIED\t${name}\t${vscode.l10n.t('cancelled while its change was being sent: the registry may have applied it')}`);
    } else if (outcome.status === 'notAttempted') {
      lines.push(`NOT ATTEMPTED\t${name}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Logs the summary, keeps it as a document (`acr-locks:/bulk/…`), and shows a message (not awaited,
 * so the command ends) with "Show Failures" when anything did not end as wanted.
 */
export function reportSummary<T, V>(context: CommandContext, title: string, report: BulkReport<T, V>, label: (item: T) => string): vscode.Uri {
  const { services } = context;
  const text = summaryText(title, report, label);
  const documents = services.documents;
  const uri = documents.nextSummaryUri();
  documents.set(uri, () => Promise.resolve(text));
  documents.set(LAST_SUMMARY_URI(), () => Promise.resolve(text));
  for (const line of text.trimEnd().split('\n')) {
    if (/^(FAILED|MAYBE APPLIED|NOT ATTEMPTED)\t/.test(line)) {
      services.log.warn(line);
    } else if (line !== '') {
      services.log.info(line);
    }
  }
  // Short enough to read in a notification; the full counts are in the summary (Show Failures, the log).
  const counts = `${title}: ${shortCountsText(report)}`;
  if (report.failed + report.cancelled + report.maybeApplied + report.notAttempted === 0) {
    void services.ui.info(counts);
  } else {
    const show = vscode.l10n.t('Show Failures');
    context.offer(services.ui.warn(counts, show), show, async () => {
      await documents.show(uri, () => Promise.resolve(text), 'log');
    });
  }
  return uri;
}
