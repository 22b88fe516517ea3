/**
 * Pin to Digest: the text edits that make a reference pull one image for good. `app:1.4` becomes
 * `app:1.4@sha256:…` where it is written; a Helm split image gets its `digest` field instead,
 * where the chart has one. Pure: the VS Code half turns the edits into an undoable WorkspaceEdit.
 */
import { splitNameTagDigest } from '../deploy/reference';
import { type EditorRange, type EditorReference } from './refs';

export interface TextEdit {
  readonly range: EditorRange;
  readonly newText: string;
}

/** The document's lines (0-based), as the VS Code half reads them. */
export type LineSource = (line: number) => string | undefined;

/** The edit, or undefined when the reference cannot be pinned where it is written (composed, templated). */
export function pinEdit(ref: EditorReference, digest: string, lineAt: LineSource): TextEdit | undefined {
  const digestPart = ref.parts?.find((p) => p.key === 'digest');
  if (digestPart) {
    return fieldEdit(digestPart.line, digestPart.column, digestPart.value, 'digest', digest, lineAt);
  }
  if (ref.parts !== undefined || ref.range.startLine !== ref.range.endLine) {
    return undefined;
  }
  const line = lineAt(ref.range.startLine);
  if (line?.slice(ref.range.startColumn, ref.range.endColumn) !== ref.text) {
    return undefined;
  }
  const { name, tag } = splitNameTagDigest(ref.text);
  return { range: ref.range, newText: `${name}${tag !== null ? `:${tag}` : ''}@${digest}` };
}

/** A YAML field's value: replaced where it is written, or written after `key:` when the value is empty or null. */
function fieldEdit(lineNo: number, column: number, value: string, key: string, digest: string, lineAt: LineSource): TextEdit | undefined {
  const line = lineAt(lineNo);
  if (line === undefined) {
    return undefined;
  }
  if (value === '' && line.slice(column).startsWith(`${key}:`)) {
    // `digest:` with no value (null): the extractor points at the key.
    const start = column + key.length + 1;
    const rest = line.slice(start);
    const comment = rest.search(/\s#/);
    const end = comment >= 0 ? start + comment : line.length;
    return { range: { startLine: lineNo, startColumn: start, endLine: lineNo, endColumn: end }, newText: ` ${digest}` };
  }
  if (line.slice(column, column + value.length) !== value) {
    return undefined;
  }
  return { range: { startLine: lineNo, startColumn: column, endLine: lineNo, endColumn: column + value.length }, newText: digest };
}
