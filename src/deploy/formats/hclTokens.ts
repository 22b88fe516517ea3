/**
 * A small, bounded tokenizer and block reader for HCL (Terraform `.tf`, Docker Bake `.hcl`).
 * No maintained JS parser for HCL keeps source positions (the official one is Go; the JS ports
 * are WASM builds of it, several MB, without offsets), and the extractors need only blocks,
 * attributes and string literals: strings with `${ … }` interpolation, heredocs, the three
 * comment styles, braces and brackets. Bounded by MAX_TOKENS and MAX_NESTING_DEPTH; iterative.
 */
import { DeployInputError } from '../errors';
import { MAX_NESTING_DEPTH, MAX_TOKENS } from '../limits';

export type TokenType = 'ident' | 'string' | 'number' | 'punct' | 'newline';

export interface Token {
  type: TokenType;
  /** For strings: the content between the quotes (escapes and interpolations as written). */
  value: string;
  /** Offset of `value`'s first character. */
  offset: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_.\-*]/;

export function tokenizeHcl(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (token: Token): void => {
    tokens.push(token);
    if (tokens.length > MAX_TOKENS) {
      throw new DeployInputError(`more than ${MAX_TOKENS} HCL tokens`);
    }
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (c === '\n') {
      push({ type: 'newline', value: '\n', offset: i });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#' || (c === '/' && next === '/')) {
      while (i < n && text[i] !== '\n') {
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"') {
      const end = endOfQuoted(text, i + 1);
      push({ type: 'string', value: text.slice(i + 1, end), offset: i + 1 });
      i = end + 1;
    } else if (c === '<' && next === '<' && /^<<-?[A-Za-z_]/.test(text.slice(i, i + 4))) {
      i = heredoc(text, i, push);
    } else if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < n && IDENT_CHAR.test(text[end] ?? '')) {
        end++;
      }
      push({ type: 'ident', value: text.slice(i, end), offset: i });
      i = end;
    } else if (/[0-9]/.test(c)) {
      let end = i + 1;
      while (end < n && /[0-9.eE+-]/.test(text[end] ?? '')) {
        end++;
      }
      push({ type: 'number', value: text.slice(i, end), offset: i });
      i = end;
    } else {
      const two = c + next;
      const op = ['==', '!=', '<=', '>=', '=>', '&&', '||'].includes(two) ? two : c;
      push({ type: 'punct', value: op, offset: i });
      i += op.length;
    }
  }
  return tokens;
}

/** Index of the closing quote of a string starting at `start` (after its opening quote); skips `${…}` with nested strings. */
function endOfQuoted(text: string, start: number): number {
  let j = start;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') {
      j += 2;
    } else if (c === '"' || c === '\n') {
      return j;
    } else if ((c === '$' || c === '%') && text[j + 1] === '{') {
      let depth = 1;
      j += 2;
      while (j < text.length && depth > 0) {
        const d = text[j];
        if (d === '"') {
          const inner = text.indexOf('"', j + 1);
          j = inner < 0 ? text.length : inner;
        } else if (d === '{') {
          depth++;
        } else if (d === '}') {
          depth--;
        } else if (d === '\n') {
          break;
        }
        j++;
      }
    } else {
      j++;
    }
  }
  return j;
}

function heredoc(text: string, start: number, push: (token: Token) => void): number {
  const header = /^<<(-?)([A-Za-z_][\w-]*)\r?\n/.exec(text.slice(start, start + 256));
  if (!header?.[2]) {
    push({ type: 'punct', value: '<', offset: start });
    return start + 1;
  }
  const contentStart = start + header[0].length;
  let lineStart = contentStart;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    if (text.slice(lineStart, lineEnd).trim() === header[2]) {
      push({ type: 'string', value: text.slice(contentStart, lineStart), offset: contentStart });
      return lineEnd;
    }
    lineStart = lineEnd + 1;
  }
  push({ type: 'string', value: text.slice(contentStart), offset: contentStart });
  return text.length;
}

export interface HclValue {
  /** `string`: one literal; `ref`: a traversal such as `var.image`; `list`/`object`: string literals inside; `other`: an expression. */
  kind: 'string' | 'ref' | 'list' | 'object' | 'other';
  strings: Token[];
  /** The first token of the expression (for `ref`/`other`). */
  first?: Token;
}

export interface HclBlock {
  type: string;
  labels: string[];
  attributes: Map<string, HclValue>;
  blocks: HclBlock[];
  parent: HclBlock | null;
}

/** Blocks and attributes of an HCL body (explicit stack; depth bounded). */
export function readHcl(tokens: readonly Token[]): HclBlock {
  const root: HclBlock = { type: '', labels: [], attributes: new Map(), blocks: [], parent: null };
  let current = root;
  let depth = 0;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token) {
      break;
    }
    if (token.type === 'newline' || (token.type === 'punct' && token.value === ',')) {
      i++;
      continue;
    }
    if (token.type === 'punct' && token.value === '}') {
      current = current.parent ?? root;
      depth = Math.max(0, depth - 1);
      i++;
      continue;
    }
    if (token.type === 'ident' || token.type === 'string') {
      const next = tokens[i + 1];
      if (next?.type === 'punct' && (next.value === '=' || next.value === ':')) {
        const { value, end } = readValue(tokens, i + 2);
        current.attributes.set(token.value, value);
        i = end;
        continue;
      }
      // A block header: type, labels, `{`.
      const labels: string[] = [];
      let j = i + 1;
      while (tokens[j]?.type === 'string' || tokens[j]?.type === 'ident') {
        labels.push(tokens[j]?.value ?? '');
        j++;
      }
      if (tokens[j]?.type === 'punct' && tokens[j]?.value === '{') {
        depth++;
        if (depth > MAX_NESTING_DEPTH) {
          throw new DeployInputError(`HCL nesting deeper than ${MAX_NESTING_DEPTH} levels`);
        }
        const block: HclBlock = { type: token.value, labels, attributes: new Map(), blocks: [], parent: current };
        current.blocks.push(block);
        current = block;
        i = j + 1;
        continue;
      }
    }
    i++;
  }
  return root;
}

/** Reads one attribute value starting at `start`, up to the end of its line at bracket depth 0. */
function readValue(tokens: readonly Token[], start: number): { value: HclValue; end: number } {
  const strings: Token[] = [];
  let depth = 0;
  let i = start;
  let count = 0;
  const first = tokens[start];
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) {
      break;
    }
    if (token.type === 'punct' && ['{', '[', '('].includes(token.value)) {
      depth++;
      if (depth > MAX_NESTING_DEPTH) {
        throw new DeployInputError(`HCL nesting deeper than ${MAX_NESTING_DEPTH} levels`);
      }
    } else if (token.type === 'punct' && ['}', ']', ')'].includes(token.value)) {
      if (depth === 0) {
        break;
      }
      depth--;
      if (depth === 0) {
        count++;
        i++;
        break;
      }
    } else if ((token.type === 'newline' || (token.type === 'punct' && token.value === ',')) && depth === 0) {
      break;
    } else if (token.type === 'string') {
      strings.push(token);
    }
    if (depth === 0) {
      count++;
    }
  }
  let kind: HclValue['kind'] = 'other';
  if (first?.type === 'punct' && first.value === '[') {
    kind = 'list';
  } else if (first?.type === 'punct' && first.value === '{') {
    kind = 'object';
  } else if (count === 1 && first?.type === 'string') {
    kind = 'string';
  } else if (count === 1 && first?.type === 'ident') {
    kind = 'ref';
  }
  return { value: { kind, strings, ...(first ? { first } : {}) }, end: i };
}

/** All blocks below `root`, depth first (explicit stack). */
export function allBlocks(root: HclBlock): HclBlock[] {
  const out: HclBlock[] = [];
  const stack = [...root.blocks].reverse();
  while (stack.length > 0) {
    const block = stack.pop();
    if (!block) {
      break;
    }
    out.push(block);
    for (let i = block.blocks.length - 1; i >= 0; i--) {
      const child = block.blocks[i];
      if (child) {
        stack.push(child);
      }
    }
  }
  return out;
}
