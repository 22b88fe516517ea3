import * as vscode from 'vscode';
import { cloudInfo } from '../registry/loginServer';
import { type Command, UserCancelled } from './support/command';

/**
 * Sign in to Azure (welcome view): signs in with the Microsoft account VS Code manages, then
 * offers to add a registry that uses that account.
 */
export const signInToAzure: Command = {
  id: 'acrLocks.signInToAzure',
  run: async (context) => {
    const { auth, followUps, ui } = context.services;
    const session = await auth.sessions.getSession('microsoft', [`${cloudInfo('AzureCloud').audience}/.default`], {
      createIfNone: true,
    });
    if (!session) {
      throw new UserCancelled();
    }
    const add = vscode.l10n.t('Add Registry…');
    const answer = ui.info(
      vscode.l10n.t('Signed in to Azure. Add a registry to see its locks; choose “Microsoft account” to sign in with this account.'),
      add,
    );
    // Add Registry… runs in its own command boundary.
    followUps.add(
      answer.then(async (chosen) => {
        if (chosen === add) {
          await vscode.commands.executeCommand('acrLocks.addRegistry');
        }
      }),
    );
  },
};
