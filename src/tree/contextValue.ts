/**
 * The one place that builds every `contextValue`. Tokens are sorted and wrapped in `;` so
 * `when` clauses match whole tokens: `viewItem =~ /;tag;/ && viewItem =~ /;writeOn;/`.
 * test/unit checks that every `viewItem` token used in package.json is one of CONTEXT_TOKENS.
 */
import { FLAG_NAMES, type FlagName, blocksDelete } from '../locks/attributes';
import { attributesOf, type Node } from './nodes';

const FLAG_TOKEN: Readonly<Record<FlagName, string>> = {
  writeEnabled: 'write',
  deleteEnabled: 'delete',
  readEnabled: 'read',
  listEnabled: 'list',
};

/** The Azure view's row kinds above its registries. */
export const AZURE_KINDS = ['azureSignIn', 'azureTenant', 'azureSubscription', 'azureInfo', 'azureError'] as const;
export type AzureRowKind = (typeof AZURE_KINDS)[number];

export const CONTEXT_TOKENS: readonly string[] = [
  'registry',
  'repository',
  'tag',
  'manifest',
  'manifestGroup',
  'loadMore',
  'message',
  'error',
  'unreachable',
  'hidden',
  'manifestLocked',
  'index',
  'loaded',
  'unread',
  'auth-microsoft',
  'auth-azureIdentity',
  'auth-password',
  'auth-anonymous',
  // The lock policy's marks (src/tree/drift.ts).
  'policyDrift',
  'policyConflict',
  // The deployment files' marks (src/tree/deployed.ts).
  'deployed',
  'orphan',
  // The Azure view's own rows (src/azure).
  ...AZURE_KINDS,
  ...FLAG_NAMES.flatMap((f) => [`${FLAG_TOKEN[f]}On`, `${FLAG_TOKEN[f]}Off`]),
];

/** A row of the Azure view that is not a registry's (those use contextValue below). */
export function azureContextValue(kind: AzureRowKind): string {
  return contextTokens([kind]);
}

/** Sorted, wrapped in `;`: what every contextValue is made of. */
function contextTokens(tokens: readonly string[]): string {
  return `;${[...tokens].sort().join(';')};`;
}

/** `extra`: tokens the renderer adds (the policy's mark). */
export function contextValue(node: Node, extra: readonly string[] = []): string {
  const tokens: string[] = [node.kind, ...extra];
  switch (node.kind) {
    case 'registry':
      tokens.push(`auth-${node.config.auth}`);
      break;
    case 'message':
      if (node.severity === 'error') {
        tokens.push('error');
      }
      if (node.error?.kind === 'unreachable') {
        tokens.push('unreachable');
      }
      break;
    case 'tag':
      if (node.hidden) {
        tokens.push('hidden');
      }
      if (node.manifest && blocksDelete(node.manifest.attributes)) {
        tokens.push('manifestLocked');
      }
      break;
    case 'manifest':
      if (node.manifest.references.length > 0) {
        tokens.push('index');
      }
      break;
    default:
      break;
  }
  if (node.kind === 'repository' || node.kind === 'tag' || node.kind === 'manifest') {
    const attributes = attributesOf(node);
    if (attributes) {
      tokens.push('loaded');
      for (const flag of FLAG_NAMES) {
        tokens.push(`${FLAG_TOKEN[flag]}${attributes[flag] ? 'On' : 'Off'}`);
      }
    } else {
      // A repository whose locks are not read yet: its menu offers both directions.
      tokens.push('unread');
    }
  }
  return contextTokens(tokens);
}
