/**
 * Copy az Command: the `az acr repository update` equivalent of the change just made to the
 * item, or else of its current attributes (all four flags), one line per selected item.
 */
import * as vscode from 'vscode';
import { azUpdateCommand } from '../registry/azCommand';
import { type Services } from '../services';
import { type LockableNode, registryOf, targetOf } from '../tree/nodes';
import { type Command } from './command';
import { clientOf } from './lock/apply';
import { lockTargets } from './lock/targets';

export async function azCommandFor(services: Services, node: LockableNode): Promise<string> {
  const loginServer = registryOf(node).config.loginServer;
  const target = targetOf(node);
  const made = services.engine.history.lastFor(loginServer, target);
  if (made) {
    return azUpdateCommand(made.loginServer, made.target, made.change);
  }
  const info = await (await clientOf(services, node)).read(target);
  return azUpdateCommand(loginServer, target, info.attributes);
}

export const copyAzCommand: Command = {
  id: 'acrLocks.copyAzCommand',
  async run(context, node, selected) {
    const { services } = context;
    let lines: string[];
    const latest = services.engine.history.latest();
    if (!node && !selected && latest) {
      // From the palette right after a change: that change.
      lines = [azUpdateCommand(latest.loginServer, latest.target, latest.change)];
    } else {
      const nodes = await lockTargets(services, node, selected, ['repository', 'tag', 'manifest']);
      lines = [];
      for (const n of nodes) {
        lines.push(await azCommandFor(services, n));
      }
    }
    context.itemCount = lines.length;
    if (lines.length === 0) {
      return;
    }
    await vscode.env.clipboard.writeText(lines.join('\n'));
    void services.ui.info(lines.length === 1 ? vscode.l10n.t('Copied: {0}', lines[0]) : vscode.l10n.t('Copied {0} az commands.', lines.length));
  },
};
