/**
 * The nesting limit of a policy file, checked with jsonc-parser's scanner (a loop, no
 * recursion) before the file is parsed into a tree: parsing, schema validation and duplicate-key
 * checks all recurse, so a file nested thousands of levels deep would exhaust the stack. A real
 * policy is five levels deep. Pure logic.
 */
import { createScanner } from 'jsonc-parser';

/** jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read). */
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

export const MAX_POLICY_DEPTH = 32;

export interface DepthProblem {
  /** Where the first object or array too deep opens. */
  readonly offset: number;
}

export function checkNestingDepth(text: string, maxDepth = MAX_POLICY_DEPTH): DepthProblem | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) {
        return { offset: scanner.getTokenOffset() };
      }
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
