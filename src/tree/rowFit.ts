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
  /** The policy mark ("out of policy"): always shown. */
  readonly mark?: string;
  /** A shorter form of the mark, used when the row does not fit with `mark` ("deployed" for "deployed · app.yaml:12"). */
  readonly shortMark?: string;
}

const SEPARATOR = ' · ';

function join(words: readonly string[], more: number, details: readonly string[], mark: string | undefined): string {
  const state = words.join(', ') + (more > 0 ? ` +${more}` : '');
  return [state, ...details, ...(mark ? [mark] : [])].filter((part) => part !== '').join(SEPARATOR);
}

/**
 * The longest description that fits `chars` beside the label: every part; without the details;
 * the first state words and a count; the mark alone (the icon shows the state, the tooltip and
 * the accessible name say everything); else the shortest of these.
 */
export function fitDescription(parts: RowParts, chars = ROW_CHARS): string {
  const fits = (text: string): boolean => parts.label.length + 1 + text.length <= chars;
  if (parts.shortMark !== undefined) {
    const { shortMark, ...long } = parts;
    // The long mark only beside the state: where it is deployed gives way before the state words.
    const text = fitDescription(long, chars);
    return fits(text) && text !== long.mark ? text : fitDescription({ ...long, mark: shortMark }, chars);
  }
  for (let kept = parts.details.length; kept >= 0; kept--) {
    const text = join(parts.words, 0, parts.details.slice(0, kept), parts.mark);
    if (fits(text)) {
      return text;
    }
  }
  for (let kept = parts.words.length - 1; kept >= 1; kept--) {
    const text = join(parts.words.slice(0, kept), parts.words.length - kept, [], parts.mark);
    if (fits(text)) {
      return text;
    }
  }
  if (parts.mark) {
    return parts.mark;
  }
  return parts.words.length > 1 ? join(parts.words.slice(0, 1), parts.words.length - 1, [], undefined) : join(parts.words, 0, [], undefined);
}
