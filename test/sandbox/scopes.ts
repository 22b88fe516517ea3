/** Token scopes: `repository:<name>:<a,b>` / `registry:catalog:*`, space separated; camelCase actions accepted. */

export type RepositoryAction = 'pull' | 'push' | 'delete' | 'metadata_read' | 'metadata_write';
export const REPOSITORY_ACTIONS: readonly RepositoryAction[] = ['pull', 'push', 'delete', 'metadata_read', 'metadata_write'];

export interface Scope {
  type: string;
  name: string;
  actions: string[];
}

/** `metadataRead` → `metadata_read`; other actions unchanged. */
export function normalizeAction(action: string): string {
  return action.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export function parseScope(text: string): Scope | undefined {
  const first = text.indexOf(':');
  const last = text.lastIndexOf(':');
  if (first <= 0 || last === first) {
    return undefined;
  }
  const actions = text
    .slice(last + 1)
    .split(',')
    .map((a) => normalizeAction(a.trim()))
    .filter((a) => a.length > 0);
  return { type: text.slice(0, first), name: text.slice(first + 1, last), actions };
}

/** Parses every scope in every given `scope` value (each may hold several, space separated). */
export function parseScopes(values: readonly string[]): Scope[] {
  const scopes: Scope[] = [];
  for (const value of values) {
    for (const part of value.split(/\s+/)) {
      const scope = part ? parseScope(part) : undefined;
      if (scope) {
        scopes.push(scope);
      }
    }
  }
  return scopes;
}

export function formatScope(scope: Scope): string {
  return `${scope.type}:${scope.name}:${scope.actions.join(',')}`;
}
