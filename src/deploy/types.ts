/** The shapes shared by every extractor of src/deploy (no `vscode`: the extension and the CLI both use them). */

/**
 * - `image`: a reference that is pulled, pushed or deployed;
 * - `base-image`: a Dockerfile `FROM` an external image;
 * - `build-stage`: a Dockerfile `FROM` an earlier stage (not an image; `image` is null);
 * - `template`: unresolved templating (Helm `{{ }}`, `${{ }}`, `${VAR}` without default, …; `image` is null).
 */
export type RefKind = 'image' | 'base-image' | 'build-stage' | 'template';

/** A 1-based position in a file. */
export interface Position {
  line: number;
  column: number;
}

/** Where one component of a composed (split) reference is written, e.g. the `tag:` of a Helm `image:` block. */
export interface ReferencePart {
  key: string;
  line: number;
  column: number;
  value: string;
}

export interface ImageReference {
  /** The file as given to the extractor (relative or absolute, unchanged). */
  file: string;
  /** 1-based line and column where the reference text starts. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The reference as written: without quotes, keys, `FROM`, scheme prefixes; for split values the composed form. */
  text: string;
  /** Normalised `registry/repository[:tag][@digest]`, or null for `template` / `build-stage` (or an unresolvable value). */
  image: string | null;
  kind: RefKind;
  /** Which extractor found it: `kubernetes`, `kustomize`, `helm-values`, `helm-template`, `compose`, `dockerfile`, … */
  format: string;
  note?: string;
  /** For composed values (Helm splits, Kustomize `newName`/`newTag`): where each component is written. */
  parts?: ReferencePart[];
}

/** An explicit failure for one file: hostile or broken input, never a silent empty result. */
export interface ExtractError {
  file: string;
  error: string;
}

export interface FileResult {
  file: string;
  format: string | null;
  references: ImageReference[];
  errors: ExtractError[];
}
