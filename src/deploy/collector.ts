import type { LineIndex } from './lines';
import { hasTemplating, isPlaceholderToken, normalizeReference } from './reference';
import type { ImageReference, RefKind, ReferencePart } from './types';

export interface Candidate {
  /** Offset of the text's first character in the file. */
  offset: number;
  /** The reference as written. */
  text: string;
  /** End offset in the file when the text is composed (split values); defaults to offset + text length. */
  end?: number;
  /** The value after resolving defaults/variables (defaults to `text`). */
  value?: string;
  /** `image` (default) or `base-image`. */
  kind?: Extract<RefKind, 'image' | 'base-image'>;
  /** Report as `template` whatever the value looks like (e.g. a Bicep parameter without default). */
  template?: boolean;
  note?: string;
  parts?: ReferencePart[];
  format?: string;
}

/** Turns candidates into ImageReferences for one file: templating → `template`; invalid references dropped. */
export class Collector {
  readonly refs: ImageReference[] = [];

  constructor(
    readonly file: string,
    readonly lines: LineIndex,
    readonly format: string,
  ) {}

  /** Adds a candidate; false when it is not a reference (empty, or not valid reference syntax). */
  add(candidate: Candidate): boolean {
    const value = (candidate.value ?? candidate.text).trim();
    if (value === '' || candidate.text.trim() === '') {
      return false;
    }
    const template = candidate.template === true || hasTemplating(value) || isPlaceholderToken(value);
    const image = template ? null : normalizeReference(value);
    if (!template && image === null) {
      return false;
    }
    this.push(candidate, template ? 'template' : (candidate.kind ?? 'image'), image);
    return true;
  }

  /** A Dockerfile `FROM <earlier stage>`. */
  addStage(offset: number, text: string, note: string): void {
    this.push({ offset, text, note }, 'build-stage', null);
  }

  private push(candidate: Candidate, kind: RefKind, image: string | null): void {
    const start = this.lines.position(candidate.offset);
    const end = this.lines.position(candidate.end ?? candidate.offset + candidate.text.length);
    const ref: ImageReference = {
      file: this.file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      text: candidate.text,
      image,
      kind,
      format: candidate.format ?? this.format,
    };
    if (candidate.note !== undefined) {
      ref.note = candidate.note;
    }
    if (candidate.parts !== undefined) {
      ref.parts = candidate.parts;
    }
    this.refs.push(ref);
  }
}
