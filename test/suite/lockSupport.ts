// Shared by the lock*.test.ts host suites: a dedicated sandbox registry per suite (so tests can
// change locks and inject faults without disturbing the demo sandbox other suites read), reached
// through the extension's own explorer client (password kept in its SecretStorage).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type Prompts } from '../../src/services';
import { type RegistryNode, type RepositoryNode, type TagNode, type ManifestNode } from '../../src/tree/nodes';
import { isExplorerView } from '../../src/tree/createExplorer';
import { type Sandbox, type SandboxOptions, start } from '../sandbox/index';

const EXTENSION_ID = 'acr-image-locks.acr-image-locks';

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** Trusts the sandbox's CA in this extension host (NODE_EXTRA_CA_CERTS is read only at start). */
function trust(caFile: string): boolean {
  const setDefault = (tls as { setDefaultCACertificates?: (certs: string[]) => void }).setDefaultCACertificates;
  const getDefault = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  if (!setDefault || !getDefault) {
    return false;
  }
  setDefault([...getDefault('default'), readFileSync(caFile, 'utf8')]);
  return true;
}

export interface DedicatedSandbox {
  readonly sandbox: Sandbox;
  readonly registry: RegistryNode;
  /** The registry's name inside the sandbox (for `control`). */
  readonly name: string;
  stop(): Promise<void>;
}

export async function dedicatedSandbox(api: ExtensionApi, options: SandboxOptions): Promise<DedicatedSandbox | undefined> {
  const sandbox = await start({ ...options, caDir: mkdtempSync(join(tmpdir(), 'acr-locks-test-ca-')), log: () => undefined });
  if (!trust(sandbox.caFile)) {
    await sandbox.stop();
    return undefined;
  }
  const name = sandbox.registries[0].name;
  const admin = sandbox.users.find((u) => u.username === name);
  assert.ok(admin, 'the sandbox has an admin user');
  const loginServer = new URL(sandbox.endpoint).host;
  assert.ok(isExplorerView(api.explorer), 'the explorer exposes its password store');
  await api.explorer.passwords.store(loginServer, admin.username, admin.password);
  const registry: RegistryNode = { kind: 'registry', config: { loginServer, auth: 'password', username: admin.username } };
  return { sandbox, registry, name, stop: () => sandbox.stop() };
}

export function repositoryNode(registry: RegistryNode, name: string): RepositoryNode {
  return { kind: 'repository', registry, name };
}

export async function tagNode(api: ExtensionApi, registry: RegistryNode, repository: string, tag: string): Promise<TagNode> {
  const client = await api.explorer.clientFor(registry);
  return { kind: 'tag', repository: repositoryNode(registry, repository), tag: await client.getTag(repository, tag), hidden: false };
}

export async function manifestNode(api: ExtensionApi, registry: RegistryNode, repository: string, reference: string): Promise<ManifestNode> {
  const client = await api.explorer.clientFor(registry);
  return { kind: 'manifest', repository: repositoryNode(registry, repository), manifest: await client.getManifest(repository, reference) };
}

/** Prompts that answer every confirmation with `answer(actions)` and record what was asked. */
export class RecordingPrompts implements Prompts {
  readonly asked: { message: string; detail: string; actions: string[] }[] = [];
  answer: (actions: string[], message: string) => string | undefined = (actions) => actions[0];
  inputText: string | undefined = '';
  picks: ((items: readonly vscode.QuickPickItem[]) => readonly vscode.QuickPickItem[] | undefined) | undefined;

  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    this.asked.push({ message, detail, actions });
    return Promise.resolve(this.answer(actions, message));
  }

  input(): Promise<string | undefined> {
    return Promise.resolve(this.inputText);
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[]): Promise<readonly T[] | undefined> {
    if (!this.picks) {
      return Promise.resolve(undefined);
    }
    const chosen = this.picks(items);
    return Promise.resolve(chosen ? items.filter((i) => chosen.includes(i)) : undefined);
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('acrLocks').update(key, value, vscode.ConfigurationTarget.Global);
}
