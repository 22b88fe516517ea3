/**
 * Progress on standard error, so standard output stays the result: on a terminal one line
 * rewritten in place; in a pipeline log one line per step and per tenth of a long run.
 */

import { terminalText } from '../util/safeText';

export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface Progress {
  step(text: string): void;
  count(done: number, total: number, what: string): void;
  /** Ends an in-place line. */
  finish(): void;
}

export function progressOn(sink: TextSink): Progress {
  let open = false;
  const show = (unsafe: string): void => {
    const text = terminalText(unsafe);
    if (sink.isTTY === true) {
      sink.write(`\r\u001b[2K${text}`);
      open = true;
    } else {
      sink.write(`${text}\n`);
    }
  };
  return {
    step: show,
    count(done, total, what) {
      const tenth = Math.max(1, Math.ceil(total / 10));
      if (sink.isTTY === true || done === total || done % tenth === 0) {
        show(`${what}: ${done} of ${total}`);
      }
    },
    finish() {
      if (open) {
        sink.write('\r\u001b[2K');
        open = false;
      }
    },
  };
}
