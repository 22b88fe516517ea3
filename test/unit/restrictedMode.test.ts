// Restricted Mode (src/workspaceTrust.ts, docs/security.md): in a workspace that is not trusted
// nothing runs or sends. The gate's logic, and a check over the sources that every place a
// request can start in the extension goes through it.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHttpHeaders, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';
import { Connections } from '../../src/connections';
import {
  commandAllowedInRestrictedMode,
  gatedHttpClient,
  isRestrictedModeError,
  RESTRICTED_MODE_COMMANDS,
  type TrustSource,
  whenTrusted,
} from '../../src/workspaceTrust';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Every `src/` file (outside the command-line tool, which has no workspace) whose text matches. */
function filesMatching(pattern: RegExp): string[] {
  return sources(join(root, 'src'))
    .map((file) => relative(root, file))
    .filter((file) => !file.startsWith('src/cli/'))
    .filter((file) => pattern.test(readFileSync(join(root, file), 'utf8')))
    .sort();
}

function trustSource(trusted: boolean): TrustSource & { grant(): void; trusted: boolean } {
  const listeners = new Set<() => void>();
  return {
    trusted,
    isTrusted() {
      return this.trusted;
    },
    onDidGrant(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    grant() {
      this.trusted = true;
      for (const listener of [...listeners]) {
        listener();
      }
    },
  };
}

suite('Restricted Mode gate', () => {
  test('the gated HTTP client sends nothing while untrusted, asked per request', async () => {
    let sent = 0;
    const inner: HttpClient = {
      sendRequest: (request) => {
        sent += 1;
        return Promise.resolve({ request, status: 200, headers: createHttpHeaders() });
      },
    };
    let trusted = false;
    const client = gatedHttpClient(inner, () => trusted);
    const request = createPipelineRequest({ url: 'https://example.azurecr.io/acr/v1/_catalog' });
    await assert.rejects(client.sendRequest(request), (error: unknown) => isRestrictedModeError(error));
    assert.equal(sent, 0);
    trusted = true;
    assert.equal((await client.sendRequest(request)).status, 200);
    assert.equal(sent, 1);
  });

  test('Connections: no client, no sign-in, no password look-up while untrusted', async () => {
    let authCalls = 0;
    let trusted = false;
    const connections = new Connections({
      auth: {
        authFor: () => {
          authCalls += 1;
          return Promise.resolve({ ok: true, auth: { kind: 'anonymous' } });
        },
      },
      isWorkspaceTrusted: () => trusted,
    });
    const registry = { loginServer: 'example.azurecr.io', auth: 'password', username: 'u' } as const;
    await assert.rejects(connections.clientFor(registry), (error: unknown) => isRestrictedModeError(error));
    assert.equal(authCalls, 0);
    trusted = true;
    await connections.clientFor(registry);
    assert.equal(authCalls, 1, 'the refusal was not cached');
  });

  test('whenTrusted: starts at once when trusted; otherwise once, when trust is granted', () => {
    let started = 0;
    whenTrusted(trustSource(true), () => (started += 1));
    assert.equal(started, 1);
    const source = trustSource(false);
    whenTrusted(source, () => (started += 1));
    assert.equal(started, 1, 'nothing started while untrusted');
    source.grant();
    source.grant();
    assert.equal(started, 2, 'started once on grant');
  });

  test('commands: only those that send nothing run in Restricted Mode; every other contributed command is refused', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const ids = manifest.contributes.commands.map((c) => c.command);
    for (const allowed of RESTRICTED_MODE_COMMANDS) {
      assert.ok(ids.includes(allowed), `${allowed} is not a contributed command`);
    }
    for (const id of ['acrLocks.refresh', 'acrLocks.lockTag', 'acrLocks.checkPolicy', 'acrLocks.applyPolicy', 'acrLocks.signInToAzure', 'acrLocks.filter', 'acrLocks.addRegistry']) {
      if (ids.includes(id)) {
        assert.equal(commandAllowedInRestrictedMode(id, false), false, id);
      }
    }
    assert.ok(ids.every((id) => commandAllowedInRestrictedMode(id, true)));
  });

  test('every place a request can start in the extension goes through the gate (source check)', () => {
    const read = (file: string): string => readFileSync(join(root, file), 'utf8');
    // Commands: every one is registered through the boundary, which asks the gate first.
    assert.deepEqual(filesMatching(/vscode\.commands\.registerCommand\(/), ['src/commands/support/boundary.ts']);
    assert.match(read('src/commands/support/boundary.ts'), /if \(!commandAllowedInRestrictedMode\(command\.id, services\.workspaceTrusted\?\.\(\) \?\? true\)\)/);
    // Registry clients: only Connections creates them, and only the extension creates Connections — gated, over the gated HTTP client.
    assert.deepEqual(filesMatching(/new RegistryClient\(/), ['src/connections.ts']);
    assert.deepEqual(filesMatching(/new Connections\(/), ['src/extension.ts']);
    const extension = read('src/extension.ts');
    assert.match(extension, /new Connections\(\{[^}]*httpClient: gated,[^}]*isWorkspaceTrusted: workspaceTrust\.isTrusted \}\)/);
    assert.match(extension, /const gated = gatedHttpClient\(transport\.client, workspaceTrust\.isTrusted\)/);
    // Azure discovery: only register.ts creates it, over the extension's (gated) Resource Manager client; its view is gated.
    assert.deepEqual(filesMatching(/new AzureDiscovery\(/), ['src/azure/vscode/register.ts']);
    assert.match(extension, /const armHttpClient: HttpClient = \{ sendRequest: \(request\) => limitedHttpClient\(gated,/);
    assert.match(extension, /registerAzure\(\{ services, tree, httpClient: armHttpClient, isTrusted: workspaceTrust\.isTrusted \}\)/);
    // The registries view, the policy's checks and its watchers.
    assert.match(extension, /createExplorer\(\{[^}]*isTrusted: workspaceTrust\.isTrusted,/);
    assert.match(extension, /new PolicyWorkspace\(\{[^}]*\bisTrusted: workspaceTrust\.isTrusted\b[^}]*\}\)/);
    assert.match(extension, /whenTrusted\(workspaceTrust, \(\) => void policy\.start\(\)\)/);
    assert.equal(extension.match(/policy\.start\(\)/g)?.length, 1, 'policy.start() only through whenTrusted');
    // No other way out: the only HTTP clients are the extension's transport and the registry client's default (replaced by Connections' gated one).
    // (src/registry/access.ts asks the token service for `acr-locks doctor`: only the CLI imports it.)
    assert.deepEqual(filesMatching(/createDefaultHttpClient\(|globalThis\.fetch\)|\bhttps?\.request\(|\bnet\.connect\(|\btls\.connect\(/), [
      'src/extension.ts',
      'src/registry/access.ts',
      'src/registry/registryClient.ts',
    ]);
    assert.deepEqual(filesMatching(/from '[./]*(registry\/)?access'/), [], 'outside src/cli nothing imports registry/access.ts');
    assert.match(read('src/connections.ts'), /if \(this\.options\.isWorkspaceTrusted\?\.\(\) === false\) \{\n\s*return Promise\.reject\(restrictedModeError\(\)\);/);
  });
});
