/**
 * Bicep, read with a small bounded tokenizer (no maintained JS Bicep parser exists: the official
 * one is .NET). It knows single-quoted strings with `${ … }` interpolation, `'''` multi-line
 * strings, `//` and `/* *\/` comments, identifiers and punctuation — enough for `param` / `var`
 * declarations and `image:` / `linuxFxVersion:` properties. A property that names a parameter
 * with a string default (or a var) is resolved and noted; a parameter without default is `template`.
 */
import type { Collector } from '../collector';
import { DeployInputError } from '../errors';
import { interpolate } from '../interpolate';
import { MAX_TOKENS } from '../limits';
import type { Token } from './hclTokens';

export function tokenizeBicep(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (token: Token): void => {
    tokens.push(token);
    if (tokens.length > MAX_TOKENS) {
      throw new DeployInputError(`more than ${MAX_TOKENS} Bicep tokens`);
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
    } else if (c === '/' && next === '/') {
      while (i < n && text[i] !== '\n') {
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      const stop = end < 0 ? n : end;
      push({ type: 'string', value: text.slice(i + 3, stop), offset: i + 3 });
      i = stop + 3;
    } else if (c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== "'" && text[j] !== '\n') {
        if (text[j] === '\\') {
          j++;
        } else if (text[j] === '$' && text[j + 1] === '{') {
          let depth = 0;
          for (; j < n && text[j] !== '\n'; j++) {
            if (text[j] === '{') {
              depth++;
            } else if (text[j] === '}' && --depth === 0) {
              break;
            } else if (text[j] === "'") {
              const inner = text.indexOf("'", j + 1);
              j = inner < 0 ? n : inner;
            }
          }
        }
        j++;
      }
      push({ type: 'string', value: text.slice(i + 1, j), offset: i + 1 });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < n && /[A-Za-z0-9_]/.test(text[end] ?? '')) {
        end++;
      }
      push({ type: 'ident', value: text.slice(i, end), offset: i });
      i = end;
    } else if (/[0-9]/.test(c)) {
      let end = i + 1;
      while (end < n && /[0-9.]/.test(text[end] ?? '')) {
        end++;
      }
      push({ type: 'number', value: text.slice(i, end), offset: i });
      i = end;
    } else {
      push({ type: 'punct', value: c, offset: i });
      i++;
    }
  }
  return tokens;
}

interface Declaration {
  kind: 'param' | 'var';
  line: string;
  /** The string default / value, when the declaration is one string literal. */
  literal?: string;
  /** The identifier it is set to, when it is one. */
  alias?: string;
}

const IMAGE_PROPERTIES: Record<string, string> = { image: '', linuxFxVersion: 'DOCKER|', windowsFxVersion: 'DOCKER|' };
const MAX_ALIAS_HOPS = 16;

export function extractBicep(text: string, out: Collector): void {
  const tokens = tokenizeBicep(text);
  const declarations = new Map<string, Declaration>();
  // Declarations: `param NAME TYPE [= EXPR]` and `var NAME = EXPR` at the start of a line.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const atLineStart = i === 0 || tokens[i - 1]?.type === 'newline';
    if (!token || !atLineStart || token.type !== 'ident' || (token.value !== 'param' && token.value !== 'var')) {
      continue;
    }
    const name = tokens[i + 1];
    if (name?.type !== 'ident') {
      continue;
    }
    let j = i + 2;
    while (tokens[j] && tokens[j]?.type !== 'newline' && !(tokens[j]?.type === 'punct' && tokens[j]?.value === '=')) {
      j++;
    }
    const declaration: Declaration = { kind: token.value, line: String(out.lines.position(name.offset).line) };
    if (tokens[j]?.value === '=') {
      const value = tokens[j + 1];
      const after = tokens[j + 2];
      const single = !after || after.type === 'newline';
      if (single && value?.type === 'string') {
        declaration.literal = value.value;
      } else if (single && value?.type === 'ident') {
        declaration.alias = value.value;
      }
    }
    declarations.set(name.value, declaration);
  }
  const resolveName = (name: string): { value?: string; via: string[] } => {
    const via: string[] = [];
    let current = name;
    for (let hop = 0; hop < MAX_ALIAS_HOPS; hop++) {
      const declaration = declarations.get(current);
      if (!declaration) {
        return { via };
      }
      via.push(`${declaration.kind} ${current} (line ${declaration.line})`);
      if (declaration.literal !== undefined) {
        const inner = interpolate(declaration.literal, (inner) => (inner === current ? undefined : resolveName(inner).value));
        return inner.unresolved.length > 0 ? { via } : { value: inner.value, via };
      }
      if (declaration.alias === undefined) {
        return { via };
      }
      current = declaration.alias;
    }
    return { via };
  };
  // Properties: `image: EXPR` (after a newline, `{` or `,`).
  for (let i = 0; i + 2 < tokens.length; i++) {
    const key = tokens[i];
    const colon = tokens[i + 1];
    const value = tokens[i + 2];
    const previous = tokens[i - 1];
    if (!key || key.type !== 'ident' || colon?.value !== ':' || !value || !(key.value in IMAGE_PROPERTIES)) {
      continue;
    }
    if (previous && !(previous.type === 'newline' || previous.value === '{' || previous.value === ',')) {
      continue;
    }
    const prefix = IMAGE_PROPERTIES[key.value] ?? '';
    const after = tokens[i + 3];
    const single = !after || after.type === 'newline' || after.value === '}' || after.value === ',';
    if (value.type === 'string' && single) {
      if (!value.value.startsWith(prefix)) {
        continue;
      }
      const written = value.value.slice(prefix.length);
      const resolved = interpolate(written, (name) => resolveName(name).value);
      out.add({
        offset: value.offset + prefix.length,
        text: written,
        value: resolved.value,
        template: resolved.unresolved.length > 0,
        note: `Bicep ${key.value}${resolved.looked.length > 0 ? `; ${resolved.looked.join(', ')} resolved from declarations` : ''}`,
      });
    } else if (value.type === 'ident' && single) {
      const resolved = resolveName(value.value);
      const via = resolved.via.join(' → ');
      if (resolved.value !== undefined && resolved.value.startsWith(prefix)) {
        out.add({ offset: value.offset, text: value.value, value: resolved.value.slice(prefix.length), note: `Bicep ${key.value} from ${via}` });
      } else {
        out.add({ offset: value.offset, text: value.value, template: true, note: `Bicep ${key.value} from ${via || 'an expression'} without a default: unresolvable` });
      }
    }
  }
}
