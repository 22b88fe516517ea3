/** Identities: the admin user per registry, repository-scoped token users, AAD callers and anonymous. */
import { randomBytes } from 'node:crypto';
import { type AccessEntry } from './tokens';
import { type RepositoryAction, type Scope, REPOSITORY_ACTIONS } from './scopes';

export interface Principal {
  /** Token subject. */
  name: string;
  catalog: boolean;
  repositoryActions: readonly RepositoryAction[];
}

export interface SandboxUser {
  username: string;
  password: string;
  /** Human-readable grants, in scope syntax (`registry:catalog:*`, `repository:*:pull`). */
  actions: string[];
  /** Admin users are valid only on their own registry. */
  registry?: string;
}

export const AAD_PRINCIPAL: Principal = { name: 'aad-identity', catalog: true, repositoryActions: REPOSITORY_ACTIONS };
/** Anonymous pull (when enabled): pull + metadata_read + catalog (catalog is an unverified choice). */
export const ANONYMOUS_PRINCIPAL: Principal = { name: 'anonymous', catalog: true, repositoryActions: ['pull', 'metadata_read'] };

const TOKEN_USERS: readonly { username: string; catalog: boolean; actions: readonly RepositoryAction[] }[] = [
  { username: 'reader', catalog: false, actions: ['metadata_read', 'pull'] },
  /** What an AcrPull-like identity can do: list the catalog, read metadata, pull; no metadata write. */
  { username: 'viewer', catalog: true, actions: ['metadata_read', 'pull'] },
  /** Metadata read and write (locks) without catalog listing. */
  { username: 'locker', catalog: false, actions: ['metadata_read', 'metadata_write'] },
];

export function describeActions(catalog: boolean, actions: readonly RepositoryAction[]): string[] {
  return [...(catalog ? ['registry:catalog:*'] : []), ...actions.map((a) => `repository:*:${a}`)];
}

/**
 * Random, and safe on any command line: base64url may start with "-", which az's argument
 * parser then reads as an option ("-p -Xy…" → "expected one argument"). Passwords start with a letter.
 */
function password(): string {
  return `p${randomBytes(18).toString('base64url')}`;
}

export function createUsers(registryNames: readonly string[], saved: readonly SandboxUser[] = []): SandboxUser[] {
  const keep = (username: string): string => saved.find((u) => u.username === username)?.password ?? password();
  return [
    ...registryNames.map((name) => ({ username: name, password: keep(name), actions: describeActions(true, REPOSITORY_ACTIONS), registry: name })),
    ...TOKEN_USERS.map((u) => ({ username: u.username, password: keep(u.username), actions: describeActions(u.catalog, u.actions) })),
  ];
}

/** The principal behind a user name (token subject), if any. */
export function principalOf(users: readonly SandboxUser[], username: string, registry: string): Principal | undefined {
  if (username === AAD_PRINCIPAL.name) {
    return AAD_PRINCIPAL;
  }
  if (username === ANONYMOUS_PRINCIPAL.name) {
    return ANONYMOUS_PRINCIPAL;
  }
  const user = users.find((u) => u.username === username && (u.registry === undefined || u.registry === registry));
  if (!user) {
    return undefined;
  }
  const tokenUser = TOKEN_USERS.find((t) => t.username === username);
  return tokenUser ? { name: username, catalog: tokenUser.catalog, repositoryActions: tokenUser.actions } : { name: username, catalog: true, repositoryActions: REPOSITORY_ACTIONS };
}

export function checkPassword(users: readonly SandboxUser[], username: string, pass: string, registry: string): Principal | undefined {
  const user = users.find((u) => u.username === username && u.password === pass && (u.registry === undefined || u.registry === registry));
  return user ? principalOf(users, username, registry) : undefined;
}

/** What a token for `principal` carries for the requested scopes (unpermitted actions are dropped, as ACR does). */
export function grant(principal: Principal, scopes: readonly Scope[]): AccessEntry[] {
  return scopes.map((scope) => {
    if (scope.type === 'registry') {
      return { type: scope.type, name: scope.name, actions: scope.name === 'catalog' && principal.catalog ? ['*'] : [] };
    }
    if (scope.type !== 'repository') {
      return { type: scope.type, name: scope.name, actions: [] };
    }
    const wanted = scope.actions.includes('*') ? [...principal.repositoryActions] : scope.actions;
    const actions = wanted.filter((a): a is RepositoryAction => (principal.repositoryActions as readonly string[]).includes(a));
    return { type: scope.type, name: scope.name, actions };
  });
}

/** Whether the granted access covers `required`. */
export function covers(access: readonly AccessEntry[], required: Scope): boolean {
  return required.actions.every((action) =>
    access.some((entry) => entry.type === required.type && (entry.name === required.name || entry.name === '*') && (entry.actions.includes(action) || entry.actions.includes('*'))),
  );
}

export function principalCovers(principal: Principal, required: Scope): boolean {
  return covers(grant(principal, [{ type: required.type, name: required.name, actions: required.actions }]), required);
}
