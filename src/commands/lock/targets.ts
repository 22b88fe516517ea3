/** Which items a command acts on: the multi-selection, the clicked node, or a palette pick. */
import { type Services } from '../../services';
import { isLockable, type LockableNode, type Node } from '../../tree/nodes';
import { pickLockable, pickRepository, pickTag } from '../support/pickers';

export type LockableKind = LockableNode['kind'];

/**
 * With a multi-selection, every selected item of a fitting kind (VS Code passes the clicked node
 * and the whole selection); else the clicked node; else (palette) the user picks one.
 */
export async function lockTargets(
  services: Services,
  node: Node | undefined,
  selected: readonly Node[] | undefined,
  kinds: readonly LockableKind[],
): Promise<LockableNode[]> {
  const fits = (n: Node): n is LockableNode => isLockable(n) && kinds.includes(n.kind);
  if (selected && selected.length > 1) {
    return selected.filter(fits);
  }
  if (node) {
    return fits(node) ? [node] : [];
  }
  if (kinds.length === 1 && kinds[0] === 'repository') {
    return [await pickRepository(services)];
  }
  if (!kinds.includes('repository')) {
    return [await pickTag(services)];
  }
  return [await pickLockable(services)];
}
