import * as vscode from 'vscode';
import { cloudInfo } from '../registry/loginServer';
import { type Command, UserCancelled } from './command';
import { explorerView } from './explorerSupport';

/**
 * Sign in to Azure (welcome view): signs in with the Microsoft account VS Code manages, then
 * offers to add a registry that uses that account.
 */
export const signInToAzure: Command = {
  id: 'acrLocks.signInToAzure',
  run: async (context) => {
    const view = explorerView(context.services);
    const session = await view.auth.sessions.getSession('microsoft', [`${cloudInfo('AzureCloud').audience}/.default`], {
      createIfNone: true,
    });
    if (!session) {
      throw new UserCancelled();
    }
    const add = vscode.l10n.t('Add Registry…');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Signed in to Azure. Add a registry to see its locks; choose “Microsoft account” to sign in with this account.'),
      add,
    );
    if (answer === add) {
      await vscode.commands.executeCommand('acrLocks.addRegistry');
    }
  },
};
