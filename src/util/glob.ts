/**
 * Glob patterns for repository and tag names, matched without regular expressions so that no
 * pattern can make matching slow: `*a*a*a*a*a*b` against a 128-character name costs a few
 * hundred steps, not an exponential backtrack. Pure logic.
 *
 * - `*` matches any run of characters, `?` exactly one; everything else is literal.
 * - With `pathSegments`, `*` and `?` stay within one `/`-separated segment and `**` crosses
 *   segments: `team/*` matches `team/app` but not `team/app/api`; `team/**` matches both.
 *   A whole-segment `**` followed by a slash may also match no segment at all, so the pattern
 *   `**` + `/app` matches `app` as well as `team/app`.
 *
 * Cost: O(name length × pattern length) at worst, with no allocation per name beyond lower-casing
 * for `caseInsensitive`.
 */
export type NameFilter = (name: string) => boolean;

export interface GlobOptions {
  /** Compare case-insensitively (ACR repository names are lower case; tags keep their case). */
  readonly caseInsensitive?: boolean;
  /** Treat `/` as a separator: `*` and `?` do not cross it, `**` does. */
  readonly pathSegments?: boolean;
}

/**
 * One step of a compiled pattern:
 * - `char`: one literal character;
 * - `any`: `?`;
 * - `star`: `*` (or `**`), with `crossesSlash` when it may consume `/`;
 *   `optionalSegment` marks a `**` followed by `/` that may also match nothing, slash included.
 */
type Token =
  | { readonly kind: 'char'; readonly code: number }
  | { readonly kind: 'any' }
  | { readonly kind: 'star'; readonly crossesSlash: boolean; readonly optionalSegment: boolean };

const SLASH = 0x2f;

export function compileGlob(pattern: string, options: GlobOptions = {}): NameFilter {
  const caseInsensitive = options.caseInsensitive === true;
  const pathSegments = options.pathSegments === true;
  const source = caseInsensitive ? pattern.toLowerCase() : pattern;
  const tokens = tokenize(source, pathSegments);
  const fold = caseInsensitive ? (name: string) => name.toLowerCase() : (name: string) => name;
  const slashBound = tokens.some((t) => (t.kind === 'star' && (!t.crossesSlash || t.optionalSegment)) || (pathSegments && t.kind === 'any'));
  if (!slashBound) {
    // Every star crosses everything: the greedy chunk matcher is exact and does O(n) work in practice.
    const chunks = chunksOf(tokens);
    return (name) => matchChunks(chunks, fold(name));
  }
  if (tokens.length <= MAX_BIT_TOKENS) {
    const automaton = bitAutomaton(tokens, pathSegments);
    return (name) => matchBits(automaton, fold(name));
  }
  return (name) => matchStates(tokens, fold(name), pathSegments);
}

export function isGlob(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/**
 * The tree's filter box: a glob (case-insensitive, `*` crossing `/`) when the text has `*` or `?`,
 * otherwise a case-insensitive substring; empty text keeps everything.
 */
export function nameFilter(text: string | undefined): NameFilter {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    return () => true;
  }
  if (isGlob(trimmed)) {
    return compileGlob(trimmed, { caseInsensitive: true });
  }
  const needle = trimmed.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

function tokenize(pattern: string, pathSegments: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const code = pattern.charCodeAt(i);
    if (code === 0x3f /* ? */) {
      tokens.push({ kind: 'any' });
      i += 1;
    } else if (code === 0x2a /* * */) {
      let end = i;
      while (end < pattern.length && pattern.charCodeAt(end) === 0x2a) {
        end += 1;
      }
      const double = end - i >= 2;
      const crossesSlash = !pathSegments || double;
      const atSegmentStart = i === 0 || pattern.charCodeAt(i - 1) === SLASH;
      const optionalSegment = pathSegments && double && atSegmentStart && pattern.charCodeAt(end) === SLASH;
      // A run of stars is one token (so `***` is `**`).
      tokens.push({ kind: 'star', crossesSlash, optionalSegment });
      i = end;
    } else {
      tokens.push({ kind: 'char', code });
      i += 1;
    }
  }
  return tokens;
}

// ---- Greedy chunk matcher: used when every star may consume any character. ----

/**
 * The literal runs between stars, in order; `-1` in a run stands for `?`. The first run is
 * anchored at the start and the last at the end (either is empty when the pattern starts or
 * ends with a star).
 */
type Chunks = readonly (readonly number[])[];

function chunksOf(tokens: readonly Token[]): Chunks {
  const parts: number[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'star') {
      parts.push([]);
    } else {
      parts[parts.length - 1].push(token.kind === 'char' ? token.code : -1);
    }
  }
  return parts;
}

function chunkAt(chunk: readonly number[], name: string, at: number): boolean {
  if (at + chunk.length > name.length) {
    return false;
  }
  for (let k = 0; k < chunk.length; k += 1) {
    const want = chunk[k];
    if (want !== -1 && want !== name.charCodeAt(at + k)) {
      return false;
    }
  }
  return true;
}

/** First position ≥ from where the chunk fits, or -1. */
function findChunk(chunk: readonly number[], name: string, from: number): number {
  for (let at = from; at + chunk.length <= name.length; at += 1) {
    if (chunkAt(chunk, name, at)) {
      return at;
    }
  }
  return -1;
}

function matchChunks(parts: Chunks, name: string): boolean {
  if (parts.length === 1) {
    // No star at all: exact length and every position.
    return parts[0].length === name.length && chunkAt(parts[0], name, 0);
  }
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first.length + last.length > name.length) {
    return false;
  }
  if (!chunkAt(first, name, 0) || !chunkAt(last, name, name.length - last.length)) {
    return false;
  }
  // The middle parts, each at its leftmost fit (exchange argument: leftmost is never worse),
  // inside the room left between the anchored first and last parts.
  let position = first.length;
  const limit = name.length - last.length;
  for (let p = 1; p < parts.length - 1; p += 1) {
    const part = parts[p];
    const at = findChunk(part, name, position);
    if (at < 0 || at + part.length > limit) {
      return false;
    }
    position = at + part.length;
  }
  return true;
}

// ---- Bit-parallel state matcher: exact for every pattern of up to 30 tokens, O(n). ----

/** Bit s stands for "the first s tokens have matched"; bit tokens.length is the match. */
const MAX_BIT_TOKENS = 30;

interface BitAutomaton {
  /** Per ASCII code: the states whose token (a literal or `?`) consumes it. */
  readonly ascii: Int32Array;
  /** The same for other codes (literal tokens only; `?` is in `anyMask`). */
  readonly other: ReadonlyMap<number, number>;
  readonly anyMask: number;
  readonly starMask: number;
  readonly crossingStarMask: number;
  /** Stars that are a whole-segment `**` followed by `/`: entering one may skip the slash too. */
  readonly optionalMask: number;
  readonly accept: number;
}

function bitAutomaton(tokens: readonly Token[], pathSegments: boolean): BitAutomaton {
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  let anyMask = 0;
  let starMask = 0;
  let crossingStarMask = 0;
  let optionalMask = 0;
  tokens.forEach((token, s) => {
    const bit = 1 << s;
    if (token.kind === 'char') {
      if (token.code < 128) {
        ascii[token.code] |= bit;
      } else {
        other.set(token.code, (other.get(token.code) ?? 0) | bit);
      }
    } else if (token.kind === 'any') {
      anyMask |= bit;
    } else {
      starMask |= bit;
      crossingStarMask |= token.crossesSlash ? bit : 0;
      optionalMask |= token.optionalSegment ? bit : 0;
    }
  });
  for (let code = 0; code < 128; code += 1) {
    ascii[code] |= pathSegments && code === SLASH ? 0 : anyMask;
  }
  return { ascii, other, anyMask, starMask, crossingStarMask, optionalMask, accept: 1 << tokens.length };
}

/** Adds what entering states reaches without consuming: past a star, and past `**` + `/`. */
function closeBits(a: BitAutomaton, entered: number): number {
  let states = entered;
  for (;;) {
    const grown = states | ((states & a.starMask) << 1) | ((states & a.optionalMask) << 2);
    if (grown === states) {
      return states;
    }
    states = grown;
  }
}

function matchBits(a: BitAutomaton, name: string): boolean {
  let states = closeBits(a, 1);
  for (let i = 0; i < name.length && states !== 0; i += 1) {
    const code = name.charCodeAt(i);
    const consumers = code < 128 ? a.ascii[code] : (a.other.get(code) ?? 0) | a.anyMask;
    const looped = states & (code === SLASH ? a.crossingStarMask : a.starMask);
    // A star that consumed a character goes on past itself, but never skips the slash after it.
    states = closeBits(a, (states & consumers) << 1) | looped | ((looped & a.starMask) << 1);
  }
  return (states & a.accept) !== 0;
}

// ---- State-set matcher: exact for every pattern (used past 30 tokens), O(n × m). ----

/** A state is active because it was just entered, or because its star consumed a character. */
const ENTERED = 1;
const LOOPED = 2;

function matchStates(tokens: readonly Token[], name: string, pathSegments: boolean): boolean {
  const size = tokens.length + 2;
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);
  current[0] = ENTERED;
  close(tokens, current);
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    next.fill(0);
    let alive = false;
    for (let s = 0; s < tokens.length; s += 1) {
      if (current[s] === 0) {
        continue;
      }
      const token = tokens[s];
      if (token.kind === 'char') {
        if (token.code === code) {
          next[s + 1] |= ENTERED;
          alive = true;
        }
      } else if (token.kind === 'any') {
        if (!(pathSegments && code === SLASH)) {
          next[s + 1] |= ENTERED;
          alive = true;
        }
      } else if (token.crossesSlash || code !== SLASH) {
        next[s] |= LOOPED;
        alive = true;
      }
    }
    if (!alive) {
      return false;
    }
    close(tokens, next);
    const swap = current;
    current = next;
    next = swap;
  }
  return current[tokens.length] !== 0;
}

/**
 * Adds the states reachable without consuming a character: a star may match nothing, and a
 * whole-segment `**` followed by `/` that was just entered may skip that slash too (`**` + `/x`
 * matches `x`). Edges only go forward, so one pass in order is the full closure.
 */
function close(tokens: readonly Token[], states: Uint8Array): void {
  for (let s = 0; s < tokens.length; s += 1) {
    const token = tokens[s];
    if (states[s] === 0 || token.kind !== 'star') {
      continue;
    }
    states[s + 1] |= ENTERED;
    if (token.optionalSegment && (states[s] & ENTERED) !== 0) {
      states[s + 2] |= ENTERED;
    }
  }
}
