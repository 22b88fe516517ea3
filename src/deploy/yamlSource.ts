/**
 * YAML through `yaml` (eemeli/yaml): the CST parser (iterative) first, its depth checked with an
 * explicit stack, then the composer — so a 10,000-level nesting is refused before anything recurses.
 * Aliases are never expanded by the library here (no toJS, so its own `maxAliasCount` never
 * applies): at most MAX_ALIAS_COUNT are accepted per file, counted on the CST, and the walkers
 * follow them under a node budget (MAX_NODES_VISITED), so an alias bomb ends in an error naming the file.
 */
import { Composer, type CST, type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, Parser, type Scalar, type YAMLMap } from 'yaml';
import { DeployInputError } from './errors';
import { MAX_ALIAS_COUNT, MAX_NESTING_DEPTH, MAX_NODES_VISITED, MAX_YAML_DOCUMENTS } from './limits';
import type { LineIndex } from './lines';

export type YamlDoc = Document.Parsed;

export interface ParsedYaml {
  docs: YamlDoc[];
  /** Syntax errors, one message each (with line); documents with errors are left out of `docs`. */
  errors: string[];
}

export function parseYaml(text: string, lines: LineIndex): ParsedYaml {
  const tokens: CST.Token[] = [];
  for (const token of new Parser().parse(text)) {
    tokens.push(token);
    if (tokens.length > MAX_YAML_DOCUMENTS * 4) {
      throw new DeployInputError(`more than ${MAX_YAML_DOCUMENTS} YAML documents`);
    }
  }
  const aliases = checkDepth(tokens);
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: false });
  const docs: YamlDoc[] = [];
  const errors: string[] = [];
  for (const doc of composer.compose(tokens, true, text.length)) {
    if (docs.length + errors.length >= MAX_YAML_DOCUMENTS) {
      throw new DeployInputError(`more than ${MAX_YAML_DOCUMENTS} YAML documents`);
    }
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const at = first ? lines.position(first.pos[0]) : { line: 0, column: 0 };
      errors.push(`YAML syntax error at line ${at.line}, column ${at.column}: ${first?.message.split('\n')[0] ?? 'unknown'}`);
      continue;
    }
    if (aliases > 0) {
      checkExpansion(doc);
    }
    docs.push(doc);
  }
  return { docs, errors };
}

/** Refuses CST nesting deeper than MAX_NESTING_DEPTH (explicit stack: no recursion). */
function checkDepth(tokens: readonly CST.Token[]): number {
  const stack: Array<{ token: CST.Token | undefined; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  let aliases = 0;
  while (stack.length > 0) {
    const { token, depth } = stack.pop() ?? { token: undefined, depth: 0 };
    if (token === undefined) {
      continue;
    }
    if (depth > MAX_NESTING_DEPTH) {
      throw new DeployInputError(`YAML nesting deeper than ${MAX_NESTING_DEPTH} levels`);
    }
    switch (token.type) {
      case 'alias':
        if (++aliases > MAX_ALIAS_COUNT) {
          throw new DeployInputError(`more than ${MAX_ALIAS_COUNT} YAML aliases`);
        }
        break;
      case 'document':
        stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        for (const item of token.items) {
          const entry = item as { key?: CST.Token | null; value?: CST.Token };
          if (entry.key) {
            stack.push({ token: entry.key, depth: depth + 1 });
          }
          if (entry.value) {
            stack.push({ token: entry.value, depth: depth + 1 });
          }
        }
        break;
      default:
        break;
    }
  }
  return aliases;
}

/** Counts visited nodes for one file; throws past MAX_NODES_VISITED (alias bombs). */
export class Budget {
  private count = 0;

  tick(): void {
    this.count++;
    if (this.count > MAX_NODES_VISITED) {
      throw new DeployInputError(`more than ${MAX_NODES_VISITED} YAML nodes to visit (alias expansion bomb?)`);
    }
  }
}

const anchorCache = new WeakMap<YamlDoc, Map<string, Array<{ start: number; node: Node }>>>();

/** Anchor name → its definitions in document order (built once per document, iteratively). */
function anchorsOf(doc: YamlDoc): Map<string, Array<{ start: number; node: Node }>> {
  let anchors = anchorCache.get(doc);
  if (anchors) {
    return anchors;
  }
  anchors = new Map();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.anchor) {
        const list = anchors.get(node.anchor) ?? [];
        list.push({ start: node.range?.[0] ?? 0, node: node as Node });
        anchors.set(node.anchor, list);
      }
      if (isMap(node)) {
        for (const pair of node.items) {
          stack.push(pair.key, pair.value);
        }
      } else if (isSeq(node)) {
        stack.push(...node.items);
      }
    }
  }
  anchorCache.set(doc, anchors);
  return anchors;
}

/**
 * An alias resolved to its anchored node (the last definition before it; undefined when unknown).
 * `Alias.resolve` of the library searches the whole document on every call: this uses an index.
 */
export function deref(node: unknown, doc: YamlDoc): unknown {
  if (!isAlias(node)) {
    return node;
  }
  const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
  let found: Node | undefined;
  for (const definition of anchorsOf(doc).get(node.source) ?? []) {
    if (definition.start < at) {
      found = definition.node;
    }
  }
  return found;
}

/**
 * Refuses a document whose aliases would expand past MAX_NODES_VISITED nodes (billion laughs),
 * or that refers to an anchor from inside it: sizes are computed once per node (memoised,
 * iterative post-order), never by expanding.
 */
function checkExpansion(doc: YamlDoc): void {
  const size = new Map<unknown, number>();
  const stack: Array<{ node: unknown; expanded: boolean }> = [{ node: doc.contents, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) {
      break;
    }
    const { node } = top;
    if (size.has(node)) {
      continue;
    }
    const children: unknown[] = isMap(node) ? node.items.flatMap((pair) => [pair.key, pair.value]) : isSeq(node) ? node.items : [];
    if (!top.expanded && (isMap(node) || isSeq(node))) {
      stack.push({ node, expanded: true });
      // Reversed, so subtrees complete in document order: an anchor before its aliases.
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (!isAlias(child) && !size.has(child)) {
          stack.push({ node: child, expanded: false });
        }
      }
      continue;
    }
    let total = 1;
    for (const child of children) {
      if (isAlias(child)) {
        const target = deref(child, doc);
        const targetSize = size.get(target);
        if (target !== undefined && targetSize === undefined) {
          throw new DeployInputError(`YAML alias ${child.source} refers to an anchor that contains it (recursive alias)`);
        }
        total += targetSize ?? 1;
      } else {
        total += size.get(child) ?? 1;
      }
    }
    if (total > MAX_NODES_VISITED) {
      throw new DeployInputError(`YAML aliases expand to more than ${MAX_NODES_VISITED} nodes (alias expansion bomb)`);
    }
    size.set(node, total);
  }
}

/** The value node of `key` in a mapping (aliases not resolved), or undefined. */
export function getPair(map: unknown, key: string): { key: Scalar; value: unknown } | undefined {
  if (!isMap(map)) {
    return undefined;
  }
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) {
      return { key: pair.key, value: pair.value };
    }
  }
  return undefined;
}

export function get(map: unknown, key: string, doc?: YamlDoc): unknown {
  const value = getPair(map, key)?.value;
  return doc ? deref(value, doc) : value;
}

export function getString(map: unknown, key: string, doc: YamlDoc): string | undefined {
  const value = get(map, key, doc);
  return isScalar(value) && value.value !== null && typeof value.value !== 'object' ? String(value.value) : undefined;
}

export function entries(map: unknown): Array<{ key: string; keyNode: Scalar; value: unknown }> {
  if (!isMap(map)) {
    return [];
  }
  const out: Array<{ key: string; keyNode: Scalar; value: unknown }> = [];
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key)) {
      out.push({ key: String(pair.key.value), keyNode: pair.key, value: pair.value });
    }
  }
  return out;
}

export function items(seq: unknown): unknown[] {
  return isSeq(seq) ? seq.items : [];
}

export interface ScalarText {
  /** As written: without quotes; for block scalars the trimmed content. */
  text: string;
  /** Offset of the first character of `text` in the file. */
  offset: number;
  /** End offset of the written value. */
  end: number;
}

/**
 * The written text of a scalar (a string, number…; null values give undefined). `source` is the
 * file's original text (for Helm templates the masked text was parsed, the original is sliced).
 * A scalar reached through an alias is reported at the alias, with the alias as its text.
 */
export function scalarText(node: unknown, source: string, doc: YamlDoc): ScalarText | undefined {
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!isScalar(target) || target.value === null || typeof target.value === 'object' || !node.range) {
      return undefined;
    }
    return { text: source.slice(node.range[0], node.range[1]).trim(), offset: node.range[0], end: node.range[1] };
  }
  if (!isScalar(node) || node.value === null || typeof node.value === 'object' || !node.range) {
    return undefined;
  }
  const [start, valueEnd] = node.range;
  const raw = source.slice(start, valueEnd);
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE': {
      const inner = raw.slice(1, -1);
      const escaped = node.type === 'QUOTE_DOUBLE' ? inner.includes('\\') : inner.includes("''");
      return { text: escaped || inner.includes('\n') ? String(node.value) : inner, offset: start + 1, end: valueEnd - 1 };
    }
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL': {
      const headerEnd = source.indexOf('\n', start);
      let offset = headerEnd < 0 ? valueEnd : headerEnd + 1;
      while (offset < valueEnd && /\s/.test(source[offset] ?? '')) {
        offset++;
      }
      return { text: String(node.value).trim(), offset, end: valueEnd };
    }
    default:
      return { text: raw.includes('\n') ? String(node.value) : raw.trimEnd(), offset: start, end: valueEnd };
  }
}

/** The scalar value as a string (aliases resolved), or undefined. */
export function scalarValue(node: unknown, doc: YamlDoc): string | undefined {
  const target = deref(node, doc);
  return isScalar(target) && target.value !== null && typeof target.value !== 'object' ? String(target.value) : undefined;
}

export interface Visit {
  node: Node;
  /** The mapping key that holds this node (null for sequence items and the root). */
  key: string | null;
  parent: Visit | null;
  depth: number;
}

/**
 * Visits every collection node of a document, depth first, following aliases into collections
 * (each visit counted against the budget). `enter` returns false to skip a subtree.
 */
export function walkCollections(doc: YamlDoc, budget: Budget, enter: (visit: Visit) => boolean | void, start: unknown = doc.contents): void {
  const root = deref(start, doc);
  if (!isMap(root) && !isSeq(root)) {
    return;
  }
  const stack: Visit[] = [{ node: root as Node, key: null, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop();
    if (!visit) {
      break;
    }
    budget.tick();
    if (visit.depth > MAX_NESTING_DEPTH) {
      throw new DeployInputError(`YAML nesting deeper than ${MAX_NESTING_DEPTH} levels`);
    }
    if (enter(visit) === false) {
      continue;
    }
    const children: Visit[] = [];
    if (isMap(visit.node)) {
      for (const pair of (visit.node as YAMLMap).items) {
        const value = deref(pair.value, doc);
        if (isMap(value) || isSeq(value)) {
          children.push({ node: value as Node, key: isScalar(pair.key) ? String(pair.key.value) : null, parent: visit, depth: visit.depth + 1 });
        }
      }
    } else if (isSeq(visit.node)) {
      for (const item of visit.node.items) {
        const value = deref(item, doc);
        if (isMap(value) || isSeq(value)) {
          children.push({ node: value as Node, key: null, parent: visit, depth: visit.depth + 1 });
        }
      }
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) {
        stack.push(child);
      }
    }
  }
}
