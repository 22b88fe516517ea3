import * as vscode from 'vscode';
import { type AuthMode, type RegistryConfig } from '../config';
import { describeError, loginServerProblemText } from '../errorText';
import { type RegistryError } from '../registry/errors';
import { checkLoginServer } from '../registry/loginServer';
import { readRegistries, writeRegistries } from '../tree/vscode/settings';
import { type Command, type CommandContext, required, UserCancelled } from './support/command';

export { loginServerProblemText } from '../errorText';

/** Kinds of failure that mean "probably the wrong login server" (as opposed to "sign in first"). */
const UNREACHABLE: ReadonlySet<RegistryError['kind']> = new Set(['unreachable', 'certificate', 'notFound', 'badResponse', 'crossOrigin']);

/**
 * Right after adding: reads the registry's first catalog page in the background (the add itself
 * does not wait), so its row shows at once whether it answers; a registry that cannot be reached
 * is also said in a notification, with Remove Registry.
 */
function checkReachable(context: CommandContext, loginServer: string): void {
  const { explorer, ui } = context.services;
  const registry = explorer.registries().find((r) => r.config.loginServer === loginServer);
  if (!registry) {
    return;
  }
  const remove = vscode.l10n.t('Remove Registry');
  const warning = explorer.probe(registry).then((error) => {
    if (!error || !UNREACHABLE.has(error.kind)) {
      return undefined;
    }
    return ui.warn(vscode.l10n.t('{0} was added, but: {1}', loginServer, describeError(error, loginServer).message), remove);
  });
  context.offer(warning, remove, async () => {
    await vscode.commands.executeCommand('acrLocks.removeRegistry', registry);
  });
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
            return loginServerProblemText(checked);
          }
          return existing.some((r) => r.loginServer === checked.loginServer)
            ? vscode.l10n.t('{0} is already in the list.', checked.loginServer)
            : undefined;
        },
      }),
    );
    const checked = checkLoginServer(typed);
    if (!checked.ok) {
      // The input box does not accept invalid text; a test double might.
      void ui.error(loginServerProblemText(checked));
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
    checkReachable(context, config.loginServer);
  },
};
