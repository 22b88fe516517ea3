import * as vscode from 'vscode';
import { readRegistries, writeRegistries } from '../tree/vscode/settings';
import { type Command, UserCancelled } from './support/command';
import { pickRegistry } from './support/registryPick';

/** Remove Registry: confirms, removes it from settings and deletes its stored password. */
export const removeRegistry: Command = {
  id: 'acrLocks.removeRegistry',
  run: async (context, node) => {
    const { connections, explorer, passwords, trust, ui } = context.services;
    const registry = await pickRegistry(context.services, node, vscode.l10n.t('Remove Registry'));
    const remove = vscode.l10n.t('Remove');
    const answer = await ui.confirm(
      vscode.l10n.t('Remove {0} from the explorer?', registry.config.loginServer),
      vscode.l10n.t('Its stored password and trust, if any, are deleted. Nothing changes in the registry.'),
      remove,
    );
    if (answer !== remove) {
      throw new UserCancelled();
    }
    if (registry.config.username) {
      await passwords.delete(registry.config.loginServer, registry.config.username);
    }
    await trust.forget(registry.config.loginServer);
    connections.reset(registry.config);
    await writeRegistries(readRegistries().registries.filter((r) => r.loginServer !== registry.config.loginServer));
    explorer.reloadSettings();
  },
};
