/**
 * Row descriptions that fit a narrow side bar: VS Code cuts a description at the view's edge, so
 * what matters most goes first and what is also in the tooltip goes first when it does not fit.
 * Pure logic (no VS Code): the renderer passes localised words and keeps the full text in the
 * tooltip and the accessible name.
 */

/**
 * Characters of label and description that fit beside a tag row's icon in a 300 px side bar:
 * measured in the UI test (13 px font, ~6.2 px a character), about 32 for a tag in My Registries,
 * two fewer for one in the Azure view (two more levels of indentation).
 */
export const ROW_CHARS = 30;

/**
 * A manifest row sits one level deeper than a tag row (under Manifests, or under its tag): two
 * characters fewer. Its label is the short digest (`faa07a8`); `sha256:` and the full digest are in
 * the tooltip.
 */
export const MANIFEST_ROW_CHARS = ROW_CHARS - 2;

export interface RowParts {
  readonly label: string;
  /** The state in words, most important first: shortened to the first ones and a count. */
  readonly words: readonly string[];
  /** Details the tooltip also shows (digest, platform, tags): dropped first, from the last. */
  readonly details: readonly string[];
  /** The row's marks ("out of policy", "deployed · app.yaml:12"): always shown, in one of their forms. */
  readonly mark?: string;
  /**
   * Shorter forms of the mark, longest first ("out of policy · deployed", then "drift · deployed"
   * for "out of policy · deployed · app.yaml:12"): a shorter one is used when it lets the state
   * words show, or when the longer ones do not fit even alone.
   */
  readonly shortMarks?: readonly string[];
}

const SEPARATOR = ' · ';

function join(words: readonly string[], more: number, details: readonly string[], mark: string | undefined): string {
  const state = words.join(', ') + (more > 0 ? ` +${more}` : '');
  return [state, ...details, ...(mark ? [mark] : [])].filter((part) => part !== '').join(SEPARATOR);
}

/**
 * The longest description that fits `chars` beside the label: with the first form of the mark that
 * leaves room for state words (every part; without the details; the first state words and a
 * count); else the longest form of the mark that fits alone (the icon shows the state, the tooltip
 * and the accessible name say everything); else the shortest form.
 */
export function fitDescription(parts: RowParts, chars = ROW_CHARS): string {
  const fits = (text: string): boolean => parts.label.length + 1 + text.length <= chars;
  const marks = parts.mark === undefined ? [] : [parts.mark, ...(parts.shortMarks ?? [])];
  if (marks.length === 0) {
    return withState(parts.words, parts.details, undefined, fits) ?? stateOnly(parts.words);
  }
  for (const mark of marks) {
    const text = withState(parts.words, parts.details, mark, fits);
    if (text !== undefined && text !== mark) {
      return text;
    }
  }
  return marks.find(fits) ?? (marks[marks.length - 1] as string);
}

/** The state, details and mark, shortened until they fit: undefined when even one state word does not. */
function withState(words: readonly string[], details: readonly string[], mark: string | undefined, fits: (text: string) => boolean): string | undefined {
  for (let kept = details.length; kept >= 0; kept--) {
    const text = join(words, 0, details.slice(0, kept), mark);
    if (fits(text)) {
      return text;
    }
  }
  for (let kept = words.length - 1; kept >= 1; kept--) {
    const text = join(words.slice(0, kept), words.length - kept, [], mark);
    if (fits(text)) {
      return text;
    }
  }
  return undefined;
}

function stateOnly(words: readonly string[]): string {
  return words.length > 1 ? join(words.slice(0, 1), words.length - 1, [], undefined) : join(words, 0, [], undefined);
}
