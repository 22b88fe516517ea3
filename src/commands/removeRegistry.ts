import * as vscode from 'vscode';
import { readRegistries, writeRegistries } from '../tree/settings';
import { type Command, UserCancelled } from './command';
import { pickRegistry } from './explorerSupport';

/** Remove Registry: confirms, removes it from settings and deletes its stored password. */
export const removeRegistry: Command = {
  id: 'acrLocks.removeRegistry',
  run: async (context, node) => {
    const { explorer, passwords, ui } = context.services;
    const registry = await pickRegistry(context.services, node, vscode.l10n.t('Remove Registry'));
    const remove = vscode.l10n.t('Remove');
    const answer = await ui.confirm(
      vscode.l10n.t('Remove {0} from the explorer?', registry.config.loginServer),
      vscode.l10n.t('Its stored password, if any, is deleted. Nothing changes in the registry.'),
      remove,
    );
    if (answer !== remove) {
      throw new UserCancelled();
    }
    if (registry.config.username) {
      await passwords.delete(registry.config.loginServer, registry.config.username);
    }
    await writeRegistries(readRegistries().registries.filter((r) => r.loginServer !== registry.config.loginServer));
    explorer.reloadSettings();
  },
};
