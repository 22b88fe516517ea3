/** Shared helpers of the explorer commands: the clicked node's registry, or a pick from the palette. */
import { type Services } from '../../services';
import { registryOfNode } from '../../tree/messages';
import { type Node, type RegistryNode } from '../../tree/nodes';
import { pickRegistry as pickConfigured } from './pickers';

/** The clicked node's registry, or a quick pick among the configured ones (their settings are what these commands change). */
export async function pickRegistry(services: Services, node: Node | undefined, title: string): Promise<RegistryNode> {
  const fromNode = node ? registryOfNode(node) : undefined;
  return fromNode ?? pickConfigured(services, title, false);
}

/** New credentials or a new session: connect again and list the registry again. */
export function reconnect(services: Services, registry: RegistryNode): void {
  services.connections.reset(registry.config);
  services.explorer.refresh(registry);
}
