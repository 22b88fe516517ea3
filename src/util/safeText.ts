/**
 * Registry-controlled text (names, error messages) made safe to show. Pure logic, no vscode.
 * - terminalText: C0 controls (ESC included), DEL and C1 controls become `\u001b`-style escapes,
 *   so a name cannot move the cursor, clear the screen or set a terminal title;
 * - cutText: at most `max` characters (error bodies can be megabytes);
 * - markdownText: both, then Markdown and HTML characters escaped, so a message is shown as
 *   text in a MarkdownString or a rendered page, never as markup or HTML.
 */

export const MAX_MESSAGE_CHARS = 300;

 
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Keeps line ends (`\n` and CSV's `\r\n`) for multi-line output and escapes every other control character. */
export function terminalLines(text: string): string {
  // CRLF line ends (CSV, RFC 4180) are line ends too, not a stray carriage return.
  return text
    .split(/(\r?\n)/)
    .map((part) => (part === '\n' || part === '\r\n' ? part : terminalText(part)))
    .join('');
}

export function cutText(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters not shown)`;
}

export function markdownText(text: string, max = MAX_MESSAGE_CHARS): string {
  return terminalText(cutText(text, max))
    .replace(/[\\`*_{}[\]<>()#+!|~&]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}
