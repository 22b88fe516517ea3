import { maxOf } from '../util/arrays';
import { terminalText } from '../util/safeText';

/** Plain-text tables for a terminal or a pipeline log: padded columns, numbers right-aligned. */

export interface Column {
  readonly title: string;
  readonly align?: 'left' | 'right';
}

export function table(columns: readonly Column[], unsafeRows: readonly (readonly string[])[]): string {
  // Cells carry registry-controlled names and messages: no control character reaches the terminal.
  const rows = unsafeRows.map((r) => r.map(terminalText));
  const widths = columns.map((c, i) => maxOf(rows.map((r) => (r[i] ?? '').length), c.title.length));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (columns[i]?.align === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title))].concat(rows.map(line)).join('\n');
}
