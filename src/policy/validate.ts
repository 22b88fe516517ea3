/**
 * Checks a parsed JSON tree against POLICY_SCHEMA (the keywords of `SchemaNode`), reporting
 * every problem with the offset and length of the text it is about, so an editor can underline
 * it. Pure logic over jsonc-parser's tree.
 */
import { type Node } from 'jsonc-parser';
import { type SchemaNode } from './schema';

export type JsonPath = readonly (string | number)[];

export type SchemaProblemCode =
  | 'wrongType'
  | 'unknownProperty'
  | 'missingProperty'
  | 'tooFewItems'
  | 'emptyString'
  | 'patternMismatch'
  | 'notInEnum'
  | 'emptyObject';

export interface SchemaProblem {
  readonly code: SchemaProblemCode;
  readonly message: string;
  /**
   * The message's facts, for wording it in another language (PolicyDiagnostic.args):
   * wrongType [where, expected SchemaNode type, found JSON node type]; tooFewItems [where, minimum];
   * emptyString [where]; patternMismatch [where, value, pattern]; notInEnum [where, allowed (quoted, comma-separated), value];
   * unknownProperty [key, where, suggestion or '', allowed]; missingProperty [where, property]; emptyObject [where, minimum, allowed].
   */
  readonly args: readonly string[];
  readonly offset: number;
  readonly length: number;
  readonly path: JsonPath;
}

const TYPE_WORDS: Readonly<Record<SchemaNode['type'], string>> = {
  object: 'an object { … }',
  array: 'a list [ … ]',
  string: 'a string in double quotes',
  boolean: 'true or false',
};

const NODE_WORDS: Readonly<Record<Node['type'], string>> = {
  object: 'an object',
  array: 'a list',
  property: 'a property',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

/** `registries[0].rules[2].set` — how messages name a place in the file. */
export function pathText(path: JsonPath): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  }
  return text === '' ? 'the file' : text;
}

function quoted(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/**
 * Edit distance with swapped neighbours as one edit (optimal string alignment), for "did you mean"
 * on a misspelt property: `excldue` is one edit from `exclude`, as `exlude` is.
 */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2][j - 2] + 1);
      }
      d[i][j] = best;
    }
  }
  return d[a.length][b.length];
}

/** The known name a misspelt `key` most likely meant, if any. */
function closest(key: string, known: readonly string[]): string | undefined {
  return known.find((k) => distance(k.toLowerCase(), key.toLowerCase()) <= Math.max(1, Math.floor(k.length / 4)));
}

export function validateNode(schema: SchemaNode, node: Node, path: JsonPath, problems: SchemaProblem[]): void {
  const where = pathText(path);
  const problem = (code: SchemaProblemCode, message: string, args: readonly string[], at: Node, length = at.length): void => {
    problems.push({ code, message, args, offset: at.offset, length, path });
  };
  if (node.type !== schema.type) {
    problem('wrongType', `${where} must be ${TYPE_WORDS[schema.type]}, not ${NODE_WORDS[node.type]}.`, [where, schema.type, node.type], node);
    return;
  }
  switch (schema.type) {
    case 'object':
      validateObject(schema, node, path, problems);
      return;
    case 'array': {
      const items = node.children ?? [];
      if (schema.minItems !== undefined && items.length < schema.minItems) {
        problem('tooFewItems', `${where} needs at least ${schema.minItems} ${schema.minItems === 1 ? 'entry' : 'entries'}.`, [where, String(schema.minItems)], node);
      }
      const itemSchema = schema.items;
      if (itemSchema !== undefined) {
        items.forEach((item, index) => validateNode(itemSchema, item, [...path, index], problems));
      }
      return;
    }
    case 'string': {
      const value = typeof node.value === 'string' ? node.value : '';
      if (schema.minLength !== undefined && [...value].length < schema.minLength) {
        problem('emptyString', `${where} must not be empty.`, [where], node);
      }
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
        problem('patternMismatch', `${where}: "${value}" is not valid. ${schema.patternErrorMessage ?? `It must match ${schema.pattern}.`}`, [where, value, schema.pattern], node);
      }
      if (schema.enum !== undefined && !schema.enum.includes(value)) {
        problem('notInEnum', `${where} must be one of ${quoted(schema.enum)}, not "${value}".`, [where, quoted(schema.enum), value], node);
      }
      return;
    }
    case 'boolean':
      return;
  }
}

function validateObject(schema: SchemaNode, node: Node, path: JsonPath, problems: SchemaProblem[]): void {
  const known = schema.properties ?? {};
  const seen = new Set<string>();
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || typeof keyNode.value !== 'string') {
      continue;
    }
    const key = keyNode.value;
    seen.add(key);
    const propertySchema = Object.hasOwn(known, key) ? known[key] : undefined;
    if (propertySchema === undefined) {
      if (schema.additionalProperties === false) {
        const names = Object.keys(known);
        const close = closest(key, names);
        problems.push({
          code: 'unknownProperty',
          message: `Unknown property "${key}" in ${pathText(path)}.${close === undefined ? '' : ` Did you mean "${close}"?`} Allowed: ${quoted(names)}.`,
          args: [key, pathText(path), close ?? '', quoted(names)],
          offset: keyNode.offset,
          length: keyNode.length,
          path: [...path, key],
        });
      }
      continue;
    }
    if (valueNode !== undefined) {
      validateNode(propertySchema, valueNode, [...path, key], problems);
    }
  }
  for (const required of schema.required ?? []) {
    if (!seen.has(required)) {
      // At the opening brace: the object that lacks it.
      problems.push({
        code: 'missingProperty',
        message: `${pathText(path)} is missing "${required}".`,
        args: [pathText(path), required],
        offset: node.offset,
        length: 1,
        path,
      });
    }
  }
  if (schema.minProperties !== undefined && seen.size < schema.minProperties) {
    problems.push({
      code: 'emptyObject',
      message: `${pathText(path)} must name at least ${schema.minProperties} of ${quoted(Object.keys(known))}.`,
      args: [pathText(path), String(schema.minProperties), quoted(Object.keys(known))],
      offset: node.offset,
      length: node.length,
      path,
    });
  }
}
