/**
 * Login servers that are not ACR domains (*.azurecr.io, .cn, .us) but that the user trusts with
 * the Azure sign-in token (a custom domain of their registry): confirmed once, remembered per
 * login server in the extension's global state, forgotten by Remove Registry.
 */
import type * as vscode from 'vscode';

const KEY = 'acrLocks.trustedLoginServers';

export class TrustedDomains {
  constructor(private readonly state: vscode.Memento) {}

  has(loginServer: string): boolean {
    return this.list().includes(loginServer);
  }

  async trust(loginServer: string): Promise<void> {
    if (!this.has(loginServer)) {
      await this.state.update(KEY, [...this.list(), loginServer]);
    }
  }

  async forget(loginServer: string): Promise<void> {
    if (this.has(loginServer)) {
      await this.state.update(
        KEY,
        this.list().filter((s) => s !== loginServer),
      );
    }
  }

  private list(): string[] {
    const value: unknown = this.state.get(KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }
}
