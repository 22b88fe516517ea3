import * as vscode from 'vscode';
import { type AuthMode, type RegistryConfig } from '../config';
import { checkLoginServer, type LoginServerProblem } from '../registry/loginServer';
import { readRegistries, writeRegistries } from '../tree/settings';
import { type Command, required, UserCancelled } from './command';

export function loginServerProblemText(problem: LoginServerProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter the registry’s login server, for example myregistry.azurecr.io.');
    case 'hasPath':
      return vscode.l10n.t('Enter only the login server, without a path (for example myregistry.azurecr.io, not …/myrepo).');
    case 'badScheme':
      return vscode.l10n.t('Registries are reached over HTTPS: leave out the scheme or use https://.');
    case 'badHost':
      return vscode.l10n.t('This is not a valid host name.');
    case 'badPort':
      return vscode.l10n.t('The port must be a number from 1 to 65535.');
    case 'badRegistryName':
      return vscode.l10n.t('Azure registry names have 5–50 letters and digits (for example myregistry.azurecr.io).');
  }
}

/** Add Registry…: login server (validated), sign-in mode, and for passwords the user name and password (SecretStorage only). */
export const addRegistry: Command = {
  id: 'acrLocks.addRegistry',
  run: async (context) => {
    const { explorer, passwords, ui } = context.services;
    const existing = readRegistries().registries;
    const typed = await required(
      ui.input({
        title: vscode.l10n.t('Add Registry'),
        prompt: vscode.l10n.t('Login server: myregistry.azurecr.io, .azurecr.cn, .azurecr.us, a custom domain or host:port'),
        placeHolder: 'myregistry.azurecr.io',
        validateInput: (text) => {
          const checked = checkLoginServer(text);
          if (!checked.ok) {
            return loginServerProblemText(checked.reason);
          }
          return existing.some((r) => r.loginServer === checked.loginServer)
            ? vscode.l10n.t('{0} is already in the list.', checked.loginServer)
            : undefined;
        },
      }),
    );
    const checked = checkLoginServer(typed);
    if (!checked.ok) {
      throw new UserCancelled();
    }
    const modes: { label: string; detail: string; auth: AuthMode }[] = [
      { label: vscode.l10n.t('Microsoft account'), detail: vscode.l10n.t('The Microsoft account signed in to VS Code (Entra ID).'), auth: 'microsoft' },
      { label: vscode.l10n.t('Azure identity'), detail: vscode.l10n.t('Azure CLI login, environment variables or managed identity.'), auth: 'azureIdentity' },
      { label: vscode.l10n.t('User name and password'), detail: vscode.l10n.t('Admin user or repository-scoped token; the password is kept in VS Code’s secret storage.'), auth: 'password' },
      { label: vscode.l10n.t('Anonymous'), detail: vscode.l10n.t('Anonymous pull access (read only).'), auth: 'anonymous' },
    ];
    const mode = await required(ui.pick(modes, { title: vscode.l10n.t('How to sign in to {0}', checked.loginServer) }));
    let config: RegistryConfig = { loginServer: checked.loginServer, auth: mode.auth };
    if (mode.auth === 'password') {
      const username = await required(
        ui.input({
          title: vscode.l10n.t('User name for {0}', checked.loginServer),
          validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Enter the user name (admin user or token name).') : undefined),
        }),
      );
      const password = await required(ui.input({ title: vscode.l10n.t('Password for {0}', username.trim()), password: true }));
      config = { ...config, username: username.trim() };
      await passwords.store(config.loginServer, username.trim(), password);
    }
    await writeRegistries([...existing, config]);
    explorer.reloadSettings();
  },
};
