/**
 * Reading a jsonc-parser tree that passed the schema (so the shapes are known): a property's
 * value node, and its value as a string, a boolean or a list of strings. Pure.
 */
import { type Node } from 'jsonc-parser';

export function property(node: Node | undefined, key: string): Node | undefined {
  for (const p of node?.children ?? []) {
    const [keyNode, valueNode] = p.children ?? [];
    if (keyNode?.value === key) {
      return valueNode;
    }
  }
  return undefined;
}

export function stringOf(node: Node, key: string): string | undefined {
  const value = property(node, key)?.value;
  return typeof value === 'string' ? value : undefined;
}

export function booleanOf(node: Node, key: string): boolean | undefined {
  const value = property(node, key)?.value;
  return typeof value === 'boolean' ? value : undefined;
}

/** The strings of a list property; undefined when the property is absent (a default applies). */
export function stringsOf(node: Node, key: string): string[] | undefined {
  const list = property(node, key);
  return list === undefined ? undefined : (list.children ?? []).flatMap((c) => (typeof c.value === 'string' ? [c.value] : []));
}
