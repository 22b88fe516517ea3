/**
 * How the tool signs in: `--username` (or ACR_USERNAME) with the password from ACR_PASSWORD
 * or standard input — never from the command line — else @azure/identity's default chain
 * (environment / service principal, workload identity, managed identity, Azure CLI).
 * The password is read once, before any request, and kept only in memory.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { type RegistryAuth } from '../registry/registryClient';

export interface AuthInput {
  readonly username?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  readStdin(): Promise<string>;
}

export type AuthChoice = { readonly ok: true; readonly auth: RegistryAuth; readonly description: string } | { readonly ok: false; readonly message: string };

/** One trailing line end is not part of the password (`echo $PW | acr-locks …`). */
function stripLineEnd(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** DefaultAzureCredential, created on first token request (so --help and bad files never load it). */
export function defaultAzureCredential(): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then((identity) => new identity.DefaultAzureCredential());
      return (await credential).getToken(scopes, options);
    },
  };
}

export async function chooseAuth(input: AuthInput): Promise<AuthChoice> {
  const username = input.username ?? (input.env.ACR_USERNAME?.trim() || undefined);
  if (username === undefined) {
    return { ok: true, auth: { kind: 'token', credential: defaultAzureCredential() }, description: 'Azure credentials (DefaultAzureCredential)' };
  }
  let password = input.env.ACR_PASSWORD;
  if (password === undefined || password === '') {
    if (input.stdinIsTTY) {
      return {
        ok: false,
        message: `No password for ${username}: set the ACR_PASSWORD environment variable, or pipe the password on standard input (never as an argument).`,
      };
    }
    password = stripLineEnd(await input.readStdin());
    if (password === '') {
      return { ok: false, message: `No password for ${username}: standard input was empty and ACR_PASSWORD is not set.` };
    }
  }
  const secret = password;
  return {
    ok: true,
    auth: { kind: 'password', credentials: { username, getPassword: () => Promise.resolve(secret) } },
    description: `user ${username}`,
  };
}
