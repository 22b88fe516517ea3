// Connections (src/connections.ts) to an in-process sandbox, in plain Node: the SDK's own HTTP
// client trusting the sandbox's CA (RegistryClientOptions.httpClient), the admin user's password.
import { readFileSync } from 'node:fs';
import { createDefaultHttpClient, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { Connections, type RegistryDescription } from '../../src/connections';
import { type Sandbox } from '../sandbox/index';

export interface SandboxConnection {
  readonly connections: Connections;
  readonly registry: RegistryDescription;
}

/** `onSend` sees every request as it is handed to the wire (e.g. to cancel a PATCH in flight). */
export function sandboxConnection(sandbox: Sandbox, onSend?: (request: PipelineRequest) => void): SandboxConnection {
  const inner = createDefaultHttpClient();
  const tlsSettings = { ca: readFileSync(sandbox.caFile, 'utf8') };
  const httpClient: HttpClient = {
    sendRequest(request) {
      request.tlsSettings = tlsSettings;
      const response = inner.sendRequest(request);
      onSend?.(request);
      return response;
    },
  };
  const admin = sandbox.users.find((u) => u.username === sandbox.registries[0]?.name);
  if (!admin) {
    throw new Error('the sandbox has no admin user');
  }
  const registry: RegistryDescription = { loginServer: new URL(sandbox.endpoint).host, auth: 'password', username: admin.username };
  const connections = new Connections({
    auth: {
      authFor: () =>
        Promise.resolve({ ok: true, auth: { kind: 'password', credentials: { username: admin.username, getPassword: () => Promise.resolve(admin.password) } } }),
    },
    httpClient,
  });
  return { connections, registry };
}
