import * as vscode from 'vscode';
import { readRegistries, writeRegistries } from '../tree/settings';
import { type Command, UserCancelled } from './command';
import { explorerView, pickRegistry } from './explorerSupport';

/** Enter Credentials…: user name and password of a password-mode registry (kept in SecretStorage). */
export const enterCredentials: Command = {
  id: 'acrLocks.enterCredentials',
  run: async (context, node) => {
    const view = explorerView(context.services);
    const registry = await pickRegistry(context.services, node, vscode.l10n.t('Enter Credentials'));
    if (registry.config.auth !== 'password') {
      await vscode.commands.executeCommand('acrLocks.signIn', registry);
      return;
    }
    const username = await vscode.window.showInputBox({
      title: vscode.l10n.t('User name for {0}', registry.config.loginServer),
      value: registry.config.username,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Enter the user name (admin user or token name).') : undefined),
    });
    if (username === undefined) {
      throw new UserCancelled();
    }
    const password = await vscode.window.showInputBox({
      title: vscode.l10n.t('Password for {0}', username.trim()),
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) {
      throw new UserCancelled();
    }
    await view.passwords.store(registry.config.loginServer, username.trim(), password);
    if (username.trim() !== registry.config.username) {
      const all = readRegistries().registries;
      await writeRegistries(all.map((r) => (r.loginServer === registry.config.loginServer ? { ...r, username: username.trim() } : r)));
      view.reloadSettings();
    } else {
      view.resetClient(registry);
    }
  },
};
