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
  /** The one registry the password goes to (--registry), named in the prompt. */
  readonly registry?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  readStdin(): Promise<StdinResult>;
  /** Where the prompt goes (standard error). */
  prompt?(text: string): void;
}

/** What reading standard input gave: the text, nothing within the timeout, or a signal (Ctrl+C, SIGTERM). */
export type StdinResult =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'timeout'; readonly seconds: number }
  | { readonly kind: 'cancelled' };

/** How long the tool waits for a password on standard input. */
export const STDIN_TIMEOUT_SEC = 60;

/**
 * Reads a stream to its end, but not for ever: after `timeoutMs` without the end, or when the
 * signal fires, it stops reading (the stream is destroyed so the process can exit) and says why.
 */
export function readStreamBounded(stream: NodeJS.ReadableStream, options: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<StdinResult> {
  return new Promise<StdinResult>((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: StdinResult): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onEnd);
      if (result.kind !== 'text') {
        stream.pause();
        (stream as { destroy?: () => void }).destroy?.();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer | string): void => void chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onEnd = (): void => finish({ kind: 'text', text: Buffer.concat(chunks).toString('utf8') });
    const onAbort = (): void => finish({ kind: 'cancelled' });
    const timer = setTimeout(() => finish({ kind: 'timeout', seconds: Math.round(options.timeoutMs / 1000) }), options.timeoutMs);
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onEnd);
  });
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
    input.prompt?.(`Password for ${username}@${input.registry ?? 'the registry'} (from stdin; set ACR_PASSWORD to skip):\n`);
    const read = await input.readStdin();
    if (read.kind === 'timeout') {
      return {
        ok: false,
        message: `No password for ${username}: nothing ended on standard input within ${read.seconds} s (it was still open). Set ACR_PASSWORD, or pipe the password (echo "$PW" | acr-locks …); nothing was sent.`,
      };
    }
    if (read.kind === 'cancelled') {
      return { ok: false, message: `Cancelled while waiting for the password of ${username} on standard input; nothing was sent.` };
    }
    password = stripLineEnd(read.text);
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
