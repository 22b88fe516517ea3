/**
 * Message nodes: an info line ("No tags."), an error with one recovery action (sign in, enter
 * credentials, open settings, or retry), or an invalid `acrLocks.registries` entry. Pure: what a
 * node says is data (nodes.ts MessageText); tree/vscode/render/messageText.ts words it.
 */
import { type ConfigProblem } from '../config';
import { recoveryActions } from '../recovery';
import { type RegistryError } from '../registry/errors';
import { type MessageAction, type MessageNode, type MessageText, type Node, type RegistryNode, registryOf } from './nodes';

export type InfoId = Exclude<MessageText['id'], 'error' | 'configProblem' | 'searchCut' | 'searchIncomplete'>;

export function infoNode(parent: Node | undefined, id: InfoId): MessageNode {
  return { kind: 'message', parent, message: { id }, severity: 'info' };
}

/** An info line with data (what the filter's search could not cover). */
export function noteNode(parent: Node, message: Extract<MessageText, { id: 'searchCut' | 'searchIncomplete' }>): MessageNode {
  return { kind: 'message', parent, message, severity: 'info' };
}

export function errorNode(parent: Node | undefined, error: RegistryError): MessageNode {
  const registry = parent ? registryOfNode(parent) : undefined;
  const first = recoveryActions(error).find((a) => a !== 'showLog' && a !== 'whyProtected') ?? 'retry';
  let action: MessageAction;
  switch (first) {
    case 'signIn':
    case 'enterCredentials':
      action = { kind: first, registry };
      break;
    case 'openSettings':
      action = { kind: 'openSettings' };
      break;
    default:
      action = { kind: 'retry', node: parent };
      break;
  }
  return { kind: 'message', parent, message: { id: 'error', error }, severity: 'error', error, action };
}

/** An `acrLocks.registries` entry that was skipped, shown at the top level with Open Settings. */
export function configProblemNode(problem: ConfigProblem): MessageNode {
  return { kind: 'message', message: { id: 'configProblem', problem }, severity: 'error', action: { kind: 'openSettings' } };
}

export function registryOfNode(node: Node): RegistryNode | undefined {
  switch (node.kind) {
    case 'registry':
      return node;
    case 'loadMore':
      return registryOfNode(node.parent);
    case 'message':
      return node.parent ? registryOfNode(node.parent) : undefined;
    default:
      return registryOf(node);
  }
}
