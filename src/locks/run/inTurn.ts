/**
 * Several runs of the lock engine one after the other, reported as one: Apply Policy runs one
 * registry's plan after another, Protect Deployed Images… one policy file's plan after another.
 * Progress counts run on across the parts; outcomes keep their order; counts add up.
 */
import { type BulkReport } from './bulk';

type Count = 'changed' | 'unchanged' | 'failed' | 'cancelled' | 'maybeApplied' | 'notAttempted';

/** The reports of several runs as one: outcomes in order, counts summed, the first stop kept. */
export function mergeReports<T, V>(reports: readonly BulkReport<T, V>[]): BulkReport<T, V> {
  const sum = (key: Count): number => reports.reduce((n, r) => n + r[key], 0);
  const stopped = reports.find((r) => r.stopped !== undefined)?.stopped;
  return {
    outcomes: reports.flatMap((r) => r.outcomes),
    changed: sum('changed'),
    unchanged: sum('unchanged'),
    failed: sum('failed'),
    cancelled: sum('cancelled'),
    maybeApplied: sum('maybeApplied'),
    notAttempted: sum('notAttempted'),
    ...(stopped === undefined ? {} : { stopped }),
  };
}

/**
 * Runs each part in turn: `run` is given the part and a progress callback whose counts continue
 * from the parts before (`total` = every part's `count`); one merged report.
 */
export async function runInTurn<P, T, V>(
  parts: readonly P[],
  count: (part: P) => number,
  onProgress: (done: number, total: number) => void,
  run: (part: P, onProgress: (done: number) => void) => Promise<BulkReport<T, V>>,
): Promise<BulkReport<T, V>> {
  const total = parts.reduce((n, p) => n + count(p), 0);
  const reports: BulkReport<T, V>[] = [];
  let offset = 0;
  for (const part of parts) {
    const report = await run(part, (done) => onProgress(offset + done, total));
    offset += report.outcomes.length;
    reports.push(report);
  }
  return mergeReports(reports);
}
