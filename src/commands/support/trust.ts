/**
 * The one-time confirmation before the Azure sign-in token goes to a login server that is not an
 * ACR domain (the registry layer refuses it with 'untrustedDomain' until then).
 */
import * as vscode from 'vscode';
import { isAcrDomain } from '../../registry/loginServer';
import { type Services } from '../../services';
import { type RegistryNode } from '../../tree/nodes';
import { UserCancelled } from './command';

export function needsTrust(services: Services, registry: RegistryNode): boolean {
  const { auth, loginServer } = registry.config;
  return (auth === 'microsoft' || auth === 'azureIdentity') && !isAcrDomain(loginServer) && !services.trust.has(loginServer);
}

/** Asks once per login server; remembers a yes (and connects again), throws UserCancelled on no. */
export async function ensureTrusted(services: Services, registry: RegistryNode): Promise<void> {
  if (!needsTrust(services, registry)) {
    return;
  }
  const loginServer = registry.config.loginServer;
  const action = vscode.l10n.t('Trust {0}', loginServer);
  const chosen = await services.ui.confirm(
    vscode.l10n.t('Send your Azure sign-in token to {0}?', loginServer),
    vscode.l10n.t(
      '{0} is not an Azure Container Registry domain (*.azurecr.io, *.azurecr.cn, *.azurecr.us). Confirm only if it is your registry’s own custom domain: whoever runs it receives a token that acts as you. The answer is kept for this login server; Remove Registry forgets it.',
      loginServer,
    ),
    action,
  );
  if (chosen !== action) {
    throw new UserCancelled();
  }
  await services.trust.trust(loginServer);
  services.log.info(`${loginServer}: trusted with the Azure sign-in token (confirmed by the user)`);
  services.connections.reset(registry.config);
}
