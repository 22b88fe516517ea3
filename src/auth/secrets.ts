/** Passwords live only in VS Code SecretStorage, keyed by login server and user name. */
import type * as vscode from 'vscode';

export function passwordKey(loginServer: string, username: string): string {
  return `acrLocks.password/${loginServer}/${username}`;
}

export class PasswordStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(loginServer: string, username: string): Thenable<string | undefined> {
    return this.secrets.get(passwordKey(loginServer, username));
  }

  store(loginServer: string, username: string, password: string): Thenable<void> {
    return this.secrets.store(passwordKey(loginServer, username), password);
  }

  delete(loginServer: string, username: string): Thenable<void> {
    return this.secrets.delete(passwordKey(loginServer, username));
  }
}
