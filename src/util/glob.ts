/**
 * The one glob dialect for repository and tag names, used by the filter box, Lock All Tags, policy
 * rules and `acr-locks --repository` alike. Pure logic.
 *
 * - `*` matches any run of characters within one `/`-separated segment, `?` exactly one character
 *   other than `/`; `**` matches across segments. Everything else is literal, and the whole name
 *   must match: `team/*` matches `team/app` but not `team/app/api`; `team/**` matches both.
 *   A whole-segment `**` followed by a slash may also match no segment at all, so the pattern
 *   `**` + `/app` matches `app` as well as `team/app`.
 * - Repository names compare case-insensitively ({@link repositoryGlob}: ACR stores them in lower
 *   case); tags compare case-sensitively ({@link tagGlob}: ACR keeps their case).
 * - The filter box ({@link repositoryFilter}, {@link tagFilter}) uses the same globs when its text
 *   has `*` or `?`, and a case-insensitive substring search otherwise.
 *
 * Matching uses no regular expressions, so no pattern can make it slow: `*a*a*a*a*a*b` against a
 * 128-character name costs a few hundred steps, not an exponential backtrack. Patterns of up to
 * {@link MAX_BIT_TOKENS} tokens (a token is one character, `?`, or a run of stars) run a
 * bit-parallel automaton, O(name length); longer ones run the same automaton as a state set,
 * O(name length × pattern length).
 */
export type NameFilter = (name: string) => boolean;

/** A repository-name glob: case-insensitive. */
export function repositoryGlob(pattern: string): NameFilter {
  return compileGlob(pattern, true);
}

/** A tag glob: case-sensitive. */
export function tagGlob(pattern: string): NameFilter {
  return compileGlob(pattern, false);
}

/** A file-path glob (deployment files, relative to the policy's folder): case-sensitive, as paths are on Linux agents. */
export function pathGlob(pattern: string): NameFilter {
  return compileGlob(pattern, false);
}

export function isGlob(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** The filter box on repository names: {@link repositoryGlob} for a glob, else a case-insensitive substring; empty keeps all. */
export function repositoryFilter(text: string | undefined): NameFilter {
  return boxFilter(text, repositoryGlob);
}

/** The filter box on tag names (and digests): {@link tagGlob} for a glob, else a case-insensitive substring; empty keeps all. */
export function tagFilter(text: string | undefined): NameFilter {
  return boxFilter(text, tagGlob);
}

function boxFilter(text: string | undefined, glob: (pattern: string) => NameFilter): NameFilter {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    return () => true;
  }
  if (isGlob(trimmed)) {
    return glob(trimmed);
  }
  const needle = trimmed.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

/**
 * One step of a compiled pattern:
 * - `char`: one literal character;
 * - `any`: `?` (never `/`);
 * - `star`: `*` (within a segment) or `**` (`crossesSlash`); `optionalSegment` marks a
 *   whole-segment `**` followed by `/` that may also match nothing, slash included.
 */
type Token =
  | { readonly kind: 'char'; readonly code: number }
  | { readonly kind: 'any' }
  | { readonly kind: 'star'; readonly crossesSlash: boolean; readonly optionalSegment: boolean };

const SLASH = 0x2f;

function compileGlob(pattern: string, caseInsensitive: boolean): NameFilter {
  const tokens = tokenize(caseInsensitive ? pattern.toLowerCase() : pattern);
  const fold = caseInsensitive ? (name: string) => name.toLowerCase() : (name: string) => name;
  if (tokens.length <= MAX_BIT_TOKENS) {
    const automaton = bitAutomaton(tokens);
    return (name) => matchBits(automaton, fold(name));
  }
  const matcher = stateMatcher(tokens);
  return (name) => matcher(fold(name));
}

function tokenize(pattern: string): Token[] {
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
      const crossesSlash = end - i >= 2;
      const atSegmentStart = i === 0 || pattern.charCodeAt(i - 1) === SLASH;
      const optionalSegment = crossesSlash && atSegmentStart && pattern.charCodeAt(end) === SLASH;
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

// ---- Bit-parallel automaton: patterns of up to 30 tokens, O(n). ----

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

function bitAutomaton(tokens: readonly Token[]): BitAutomaton {
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
    ascii[code] |= code === SLASH ? 0 : anyMask;
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

// ---- The same automaton as a state set: longer patterns, O(n × m). ----

/** A state is active because it was just entered, or because its star consumed a character. */
const ENTERED = 1;
const LOOPED = 2;

function stateMatcher(tokens: readonly Token[]): NameFilter {
  const size = tokens.length + 2;
  // Two buffers per compiled pattern, reused for every name.
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);
  return (name) => {
    current.fill(0);
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
          if (code !== SLASH) {
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
  };
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
