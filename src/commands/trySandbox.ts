import * as vscode from 'vscode';
import { readSandboxEnv, sandboxAdmin, sandboxHost } from '../auth/sandbox';
import { readRegistries, writeRegistries } from '../tree/vscode/settings';
import { type Command } from './support/command';

/**
 * Try the Sandbox (only offered when ACR_LOCKS_SANDBOX is set, i.e. under `npm start` or the
 * test host): adds the local sandbox registry with its admin user; its password comes from
 * that environment variable, never from settings.
 */
export const trySandbox: Command = {
  id: 'acrLocks.trySandbox',
  run: async (context) => {
    const { explorer, ui } = context.services;
    const info = readSandboxEnv();
    if (!info) {
      void ui.info(vscode.l10n.t('No sandbox registry is running (ACR_LOCKS_SANDBOX is not set).'));
      return;
    }
    const loginServer = sandboxHost(info);
    const admin = sandboxAdmin(info, loginServer);
    const existing = readRegistries().registries.filter((r) => r.loginServer !== loginServer);
    await writeRegistries([...existing, { loginServer, auth: 'password', username: admin?.username ?? 'admin' }]);
    explorer.reloadSettings();
  },
};
