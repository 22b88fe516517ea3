/**
 * Copy az Command: the `az acr repository update` equivalent of the change just made to the
 * item, or else of its current attributes (all four flags), one line per selected item. Only a
 * registry az can address (`*.azurecr.io`, `.cn`, `.us`) has one; for any other login server
 * (`localhost:5000`, a custom domain) it says why none exists and offers a template instead.
 */
import * as vscode from 'vscode';
import { type LockChange } from '../locks/attributes';
import { azAddress, azTemplateCommand, azUpdateCommand } from '../locks/azCommand';
import { type LockTarget } from '../registry/models';
import { type Services } from '../services';
import { type LockableNode, registryOf, targetOf } from '../tree/nodes';
import { type Command, type CommandContext } from './support/command';
import { clientOf } from './lock/apply';
import { lockTargets } from './lock/targets';

interface Wanted {
  readonly loginServer: string;
  readonly target: LockTarget;
  readonly change: LockChange;
}

async function wantedFor(services: Services, node: LockableNode): Promise<Wanted> {
  const loginServer = registryOf(node).config.loginServer;
  const target = targetOf(node);
  const made = services.engine.history.lastFor(loginServer, target);
  if (made) {
    return made;
  }
  const info = await (await clientOf(services, node)).read(target);
  return { loginServer, target, change: info.attributes };
}

/** The command for a node, or undefined when az cannot address its registry (tests and the Why document use it). */
export async function azCommandFor(services: Services, node: LockableNode): Promise<string | undefined> {
  const wanted = await wantedFor(services, node);
  return azAddress(wanted.loginServer).ok ? azUpdateCommand(wanted.loginServer, wanted.target, wanted.change) : undefined;
}

function cloudNote(loginServers: readonly string[]): string {
  const clouds = new Set(loginServers.map((l) => azAddress(l)).flatMap((a) => (a.ok ? [a.cloud] : [])));
  if (clouds.has('AzureChinaCloud')) {
    return ` ${vscode.l10n.t('(az must be set to Azure China: az cloud set --name AzureChinaCloud)')}`;
  }
  if (clouds.has('AzureUSGovernment')) {
    return ` ${vscode.l10n.t('(az must be set to Azure US Government: az cloud set --name AzureUSGovernment)')}`;
  }
  return '';
}

async function copy(context: CommandContext, wanted: readonly Wanted[]): Promise<void> {
  const { services } = context;
  const supported = wanted.filter((w) => azAddress(w.loginServer).ok);
  const unsupported = wanted.filter((w) => !azAddress(w.loginServer).ok);
  if (supported.length > 0) {
    const lines = supported.map((w) => azUpdateCommand(w.loginServer, w.target, w.change));
    await vscode.env.clipboard.writeText(lines.join('\n'));
    const note = cloudNote(supported.map((w) => w.loginServer));
    const skipped =
      unsupported.length === 0
        ? ''
        : ` ${unsupported.length === 1 ? vscode.l10n.t('1 item has no az command (not an Azure login server).') : vscode.l10n.t('{0} items have no az command (not an Azure login server).', unsupported.length)}`;
    void services.ui.info(
      lines.length === 1 ? `${vscode.l10n.t('Copied: {0}', lines[0])}${note}${skipped}` : `${vscode.l10n.t('Copied {0} az commands.', lines.length)}${note}${skipped}`,
    );
    return;
  }
  if (unsupported.length === 0) {
    return;
  }
  const loginServer = unsupported[0].loginServer;
  const template = vscode.l10n.t('Copy Template');
  context.offer(
    services.ui.warn(
      vscode.l10n.t(
        'No az command exists for {0}: az reaches registries only as <name>.azurecr.io (it would try {0}.azurecr.io).',
        loginServer,
      ),
      template,
    ),
    template,
    async () => {
      await vscode.env.clipboard.writeText(unsupported.map((w) => azTemplateCommand(w.target, w.change)).join('\n'));
    },
  );
}

export const copyAzCommand: Command = {
  id: 'acrLocks.copyAzCommand',
  async run(context, node, selected) {
    const { services } = context;
    const latest = services.engine.history.latest();
    let wanted: Wanted[];
    if (!node && !selected && latest) {
      // From the palette right after a change: that change.
      wanted = [latest];
    } else {
      const nodes = await lockTargets(services, node, selected, ['repository', 'tag', 'manifest']);
      wanted = [];
      for (const n of nodes) {
        wanted.push(await wantedFor(services, n));
      }
    }
    context.itemCount = wanted.length;
    await copy(context, wanted);
  },
};
