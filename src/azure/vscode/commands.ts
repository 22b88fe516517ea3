/** The Azure section's commands: sign in, refresh, filter subscriptions, add a discovered registry to My Registries. */
import * as vscode from 'vscode';
import { type Command, UserCancelled } from '../../commands/support/command';
import { readRegistries, writeRegistries } from '../../tree/vscode/settings';
import { registryOf, isLockable, type Node, type RegistryNode } from '../../tree/nodes';
import { type AzureModel } from '../azureModel';
import { filterValue, isShown } from '../filter';
import { type AzureSession } from './session';
import { readFilter, writeFilter } from './settings';

export interface AzureCommandDeps {
  readonly model: AzureModel;
  readonly session: () => AzureSession;
}

function registryNodeOf(node: Node | undefined): RegistryNode | undefined {
  if (!node) {
    return undefined;
  }
  if (node.kind === 'registry') {
    return node;
  }
  return isLockable(node) ? registryOf(node) : undefined;
}

export function azureCommands(deps: AzureCommandDeps): Command[] {
  const signIn: Command = {
    id: 'acrLocks.azureSignIn',
    run: async () => {
      if (!(await deps.session().signIn())) {
        throw new UserCancelled();
      }
      deps.model.refresh();
    },
  };

  const refresh: Command = {
    id: 'acrLocks.azureRefresh',
    run: (context) => {
      // What the section shows is read anew: the registries' repositories and tags too (changes made with
      // az or the portal show), then the tenants, subscriptions and registries.
      for (const registry of deps.model.discoveredRegistries()) {
        context.services.explorer.refresh(registry);
      }
      deps.model.refresh();
      return Promise.resolve();
    },
  };

  const filterSubscriptions: Command = {
    id: 'acrLocks.filterSubscriptions',
    run: async (context) => {
      const { ui } = context.services;
      const { subscriptions, signedIn } = await deps.model.allSubscriptions();
      if (subscriptions.length === 0) {
        void ui.info(
          signedIn
            ? vscode.l10n.t('No subscriptions to choose from: Azure lists none for this account.')
            : vscode.l10n.t('Sign in to Azure first: the subscriptions come from your Microsoft account.'),
        );
        return;
      }
      const filter = readFilter();
      const items = subscriptions.map((s) => ({ label: s.displayName, description: s.subscriptionId, picked: isShown(filter, s), subscription: s }));
      const chosen = await ui.pickMany(items, {
        title: vscode.l10n.t('Subscriptions shown in the Azure section'),
        placeHolder: vscode.l10n.t('Choose the subscriptions to show'),
        matchOnDescription: true,
      });
      if (!chosen) {
        throw new UserCancelled();
      }
      if (chosen.length === 0) {
        void ui.warn(vscode.l10n.t('Choose at least one subscription; the filter was not changed.'));
        throw new UserCancelled();
      }
      await writeFilter(filterValue(chosen.map((c) => c.subscription), subscriptions));
      context.itemCount = chosen.length;
      deps.model.filterChanged();
    },
  };

  const addToMyRegistries: Command = {
    id: 'acrLocks.addToMyRegistries',
    run: async (context, node) => {
      const { ui } = context.services;
      const registry = registryNodeOf(node);
      if (!registry) {
        void ui.info(vscode.l10n.t('Choose a registry in the Azure section, then “Add to My Registries”.'));
        return;
      }
      const existing = readRegistries().registries;
      if (existing.some((r) => r.loginServer === registry.config.loginServer)) {
        void ui.info(vscode.l10n.t('{0} is already in My Registries.', registry.config.loginServer));
        return;
      }
      await writeRegistries([...existing, { loginServer: registry.config.loginServer, auth: 'microsoft' }]);
      context.itemCount = 1;
      void ui.info(vscode.l10n.t('Added {0} to My Registries (signed in with your Microsoft account).', registry.config.loginServer));
    },
  };

  return [signIn, refresh, filterSubscriptions, addToMyRegistries];
}
