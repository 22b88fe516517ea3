/**
 * The VS Code authentication session seam. Production uses `vscode.authentication`; the
 * extension-host tests replace only this (through ExtensionApi.auth) with a double that
 * returns the sandbox's AAD token.
 */
import * as vscode from 'vscode';

export interface SessionSource {
  getSession(
    providerId: string,
    scopes: readonly string[],
    options: { readonly createIfNone: boolean },
  ): PromiseLike<{ readonly accessToken: string } | undefined>;
}

export const vscodeSessions: SessionSource = {
  getSession: (providerId, scopes, options) =>
    options.createIfNone
      ? vscode.authentication.getSession(providerId, [...scopes], { createIfNone: true })
      : vscode.authentication.getSession(providerId, [...scopes], { silent: true }),
};
