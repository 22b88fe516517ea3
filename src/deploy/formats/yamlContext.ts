import { isAlias } from 'yaml';
import type { Candidate, Collector } from '../collector';
import { type Budget, scalarText, scalarValue, type YamlDoc } from '../yamlSource';

/** What a YAML extractor gets for one document. */
export interface YamlContext {
  doc: YamlDoc;
  /** The file's original text (positions and `text` come from it). */
  source: string;
  out: Collector;
  budget: Budget;
}

/** Adds the scalar `node` (a value or an alias of one) as a candidate; false when it is not a reference. */
export function addScalar(ctx: YamlContext, node: unknown, extra: Omit<Candidate, 'offset' | 'text'> = {}): boolean {
  const written = scalarText(node, ctx.source, ctx.doc);
  if (!written) {
    return false;
  }
  const value = extra.value ?? (isAlias(node) ? scalarValue(node, ctx.doc) : written.text);
  if (value === undefined) {
    return false;
  }
  const aliasNote = isAlias(node) ? `YAML alias ${written.text}` : undefined;
  const note = [extra.note, aliasNote].filter((part) => part !== undefined).join('; ');
  return ctx.out.add({ ...extra, offset: written.offset, text: written.text, value, ...(note ? { note } : {}) });
}
