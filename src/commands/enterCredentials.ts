import * as vscode from 'vscode';
import { readRegistries, writeRegistries } from '../tree/vscode/settings';
import { type Command, required } from './support/command';
import { pickRegistry, reconnect } from './support/registryPick';

/**
 * Enter Credentials…: user name and password of a password-mode registry (kept in SecretStorage).
 * A new user name replaces the old one in the settings, and the old user's stored password is deleted.
 */
export const enterCredentials: Command = {
  id: 'acrLocks.enterCredentials',
  run: async (context, node) => {
    const { connections, explorer, passwords, ui } = context.services;
    const registry = await pickRegistry(context.services, node, vscode.l10n.t('Enter Credentials'));
    if (registry.config.auth !== 'password') {
      await vscode.commands.executeCommand('acrLocks.signIn', registry);
      return;
    }
    const typed = await required(
      ui.input({
        title: vscode.l10n.t('User name for {0}', registry.config.loginServer),
        value: registry.config.username,
        validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Enter the user name (admin user or token name).') : undefined),
      }),
    );
    const username = typed.trim();
    const password = await required(ui.input({ title: vscode.l10n.t('Password for {0}', username), password: true }));
    const loginServer = registry.config.loginServer;
    await passwords.store(loginServer, username, password);
    const previous = registry.config.username;
    if (username === previous) {
      reconnect(context.services, registry);
      return;
    }
    if (previous !== undefined) {
      await passwords.delete(loginServer, previous);
    }
    connections.reset(registry.config);
    const all = readRegistries().registries;
    await writeRegistries(all.map((r) => (r.loginServer === loginServer ? { ...r, username } : r)));
    explorer.reloadSettings();
  },
};
