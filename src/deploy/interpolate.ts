/**
 * Shell-style variable substitution as Compose, Dockerfile ARGs, envsubst and Bake use it:
 * `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `$NAME`. A name the lookup does not know and
 * that has no default stays unresolved (the caller reports a `template`).
 */

export interface Interpolation {
  value: string;
  /** Names that had no value and no default. */
  unresolved: string[];
  /** Names replaced by their written default (`${NAME:-default}`). */
  defaulted: string[];
  /** Names replaced from the lookup (ARG defaults, Bake variables). */
  looked: string[];
}

export type Lookup = (name: string) => string | undefined;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** Defaults may nest (`${A:-${B}}`); deeper nesting is left unresolved. */
const MAX_DEPTH = 8;

export function interpolate(text: string, lookup: Lookup = () => undefined, depth = 0): Interpolation {
  const result: Interpolation = { value: '', unresolved: [], defaulted: [], looked: [] };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '$' && text[i + 1] === '$') {
      result.value += '$';
      i += 2;
      continue;
    }
    if (char === '$' && text[i + 1] === '{' && text[i + 2] !== '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) {
        result.value += text.slice(i);
        result.unresolved.push(text.slice(i));
        break;
      }
      const body = text.slice(i + 2, close);
      let nameEnd = 0;
      while (nameEnd < body.length && NAME_CHAR.test(body[nameEnd] ?? '')) {
        nameEnd++;
      }
      const name = body.slice(0, nameEnd);
      const op = body.startsWith(':-', nameEnd) ? ':-' : body[nameEnd] === '-' ? '-' : '';
      const known = name ? lookup(name) : undefined;
      if (known !== undefined && !(op === ':-' && known === '')) {
        result.value += known;
        result.looked.push(name);
      } else if (op && depth < MAX_DEPTH) {
        const inner = interpolate(body.slice(nameEnd + op.length), lookup, depth + 1);
        result.value += inner.value;
        result.defaulted.push(name, ...inner.defaulted);
        result.unresolved.push(...inner.unresolved);
        result.looked.push(...inner.looked);
      } else {
        result.value += text.slice(i, close + 1);
        result.unresolved.push(name || body);
      }
      i = close + 1;
      continue;
    }
    if (char === '$' && NAME_START.test(text[i + 1] ?? '')) {
      let end = i + 1;
      while (end < text.length && NAME_CHAR.test(text[end] ?? '')) {
        end++;
      }
      const name = text.slice(i + 1, end);
      const known = lookup(name);
      if (known !== undefined) {
        result.value += known;
        result.looked.push(name);
      } else {
        result.value += text.slice(i, end);
        result.unresolved.push(name);
      }
      i = end;
      continue;
    }
    result.value += char;
    i++;
  }
  return result;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') {
      depth++;
    } else if (text[i] === '}') {
      depth--;
      if (depth === 0) {
        return i;
      }
    }
  }
  return -1;
}
