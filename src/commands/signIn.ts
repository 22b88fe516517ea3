import * as vscode from 'vscode';
import { audienceFor } from '../registry/loginServer';
import { type Command, UserCancelled } from './support/command';
import { pickRegistry, reconnect } from './support/registryPick';
import { ensureTrusted } from './support/trust';

/**
 * Sign In: for `microsoft`, VS Code's account sign-in (`microsoft-sovereign-cloud` for China
 * and US Government); for `azureIdentity`, a terminal running `az login`; for `password`,
 * Enter Credentials. Then the registry is listed again.
 */
export const signIn: Command = {
  id: 'acrLocks.signIn',
  run: async (context, node) => {
    const { auth, ui } = context.services;
    const registry = await pickRegistry(context.services, node, vscode.l10n.t('Sign In'));
    // A custom domain gets the Azure token only once the user confirmed it (asked once).
    await ensureTrusted(context.services, registry);
    switch (registry.config.auth) {
      case 'microsoft': {
        const session = await auth.sessions.getSession(
          auth.providerFor(registry.config),
          [`${audienceFor(registry.config)}/.default`],
          { createIfNone: true },
        );
        if (!session) {
          throw new UserCancelled();
        }
        break;
      }
      case 'azureIdentity': {
        const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Azure sign-in') });
        terminal.show();
        terminal.sendText('az login');
        const done = vscode.l10n.t('Signed In');
        const answer = await ui.info(vscode.l10n.t('Sign in with “az login” in the terminal, then continue.'), done);
        if (answer !== done) {
          throw new UserCancelled();
        }
        break;
      }
      case 'password':
        await vscode.commands.executeCommand('acrLocks.enterCredentials', registry);
        return;
      case 'anonymous':
        break;
    }
    reconnect(context.services, registry);
  },
};
