/**
 * Turns a registry's settings into the RegistryAuth its client uses, and reports what is
 * missing (no stored password) before any request is made.
 */
import { cloudFor } from '../registry/loginServer';
import { type AuthResult, type AuthSource, type RegistryDescription } from '../connections';
import { authProviderFor, azureIdentityCredential, sessionCredential } from './credentials';
import { type SandboxEnvInfo, sandboxPassword } from './sandbox';
import { type PasswordStore } from './secrets';
import { type SessionSource } from './sessions';

export class AuthFactory implements AuthSource {
  private sessionSource: SessionSource;

  constructor(
    private readonly passwords: PasswordStore,
    sessions: SessionSource,
    private readonly sandbox: () => SandboxEnvInfo | undefined,
  ) {
    this.sessionSource = sessions;
  }

  get sessions(): SessionSource {
    return this.sessionSource;
  }

  /** Replaces the VS Code session source (tests); returns the previous one. */
  setSessions(sessions: SessionSource): SessionSource {
    const previous = this.sessionSource;
    this.sessionSource = sessions;
    return previous;
  }

  providerFor(config: RegistryDescription): string {
    return authProviderFor(cloudFor(config));
  }

  async authFor(config: RegistryDescription): Promise<AuthResult> {
    switch (config.auth) {
      case 'microsoft':
        return { ok: true, auth: { kind: 'token', credential: sessionCredential(() => this.sessionSource, this.providerFor(config)) } };
      case 'azureIdentity':
        return { ok: true, auth: { kind: 'token', credential: azureIdentityCredential() } };
      case 'anonymous':
        return { ok: true, auth: { kind: 'anonymous' } };
      case 'password': {
        const username = config.username ?? '';
        const stored = await this.passwords.get(config.loginServer, username);
        const password = stored ?? sandboxPassword(config, this.sandbox());
        if (password === undefined) {
          return { ok: false, missing: 'password' };
        }
        // Read at token time, so "Enter Credentials…" takes effect without a new client.
        const getPassword = async (): Promise<string> =>
          (await this.passwords.get(config.loginServer, username)) ?? sandboxPassword(config, this.sandbox()) ?? password;
        return { ok: true, auth: { kind: 'password', credentials: { username, getPassword } } };
      }
    }
  }
}
