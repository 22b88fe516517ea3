/** Positions in a policy file: offsets as the parser gives them, lines and characters as editors show them. */

/** Zero-based, like VS Code's `Position` (the command-line tool prints them one-based). */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** Maps offsets to positions; `\r\n`, `\n` and a lone `\r` each end a line, as in VS Code. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
        continue;
      }
      if (code === 0x0a || code === 0x0d) {
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= clamped) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  range(offset: number, length: number): TextRange {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
}
