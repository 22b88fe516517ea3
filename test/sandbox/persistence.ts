/** `--state DIR`: the whole store as JSON (blobs base64), written atomically on stop, read at start. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ManifestRecord, type RegistryRecord, type TagRecord, type ChangeableAttributes } from './model';
import { type SandboxUser } from './users';

interface RepositoryState {
  name: string;
  createdTime: string;
  lastUpdateTime: string;
  attributes: ChangeableAttributes;
  tags: TagRecord[];
  manifests: ManifestRecord[];
}

interface RegistryState {
  name: string;
  repositories: RepositoryState[];
  blobs: Record<string, string>;
}

export interface SandboxState {
  version: 1;
  secret: string;
  users: SandboxUser[];
  registries: RegistryState[];
}

export function stateFile(dir: string): string {
  return join(dir, 'state.json');
}

export function readState(dir: string): SandboxState | undefined {
  const file = stateFile(dir);
  if (!existsSync(file)) {
    return undefined;
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
  if (parsed.version !== 1 || !Array.isArray(parsed.registries)) {
    throw new Error(`${file} is not a sandbox state file (version 1)`);
  }
  return parsed;
}

export function restoreRegistry(target: RegistryRecord, state: RegistryState): void {
  for (const [digest, data] of Object.entries(state.blobs)) {
    target.blobs.set(digest, Buffer.from(data, 'base64'));
  }
  for (const repo of state.repositories) {
    target.repositories.set(repo.name, {
      name: repo.name,
      createdTime: repo.createdTime,
      lastUpdateTime: repo.lastUpdateTime,
      attributes: repo.attributes,
      tags: new Map(repo.tags.map((t) => [t.name, t])),
      manifests: new Map(repo.manifests.map((m) => [m.digest, m])),
    });
  }
}

function registryState(registry: RegistryRecord): RegistryState {
  const blobs: Record<string, string> = {};
  for (const [digest, data] of registry.blobs) {
    blobs[digest] = data.toString('base64');
  }
  return {
    name: registry.name,
    blobs,
    repositories: [...registry.repositories.values()].map((r) => ({
      name: r.name,
      createdTime: r.createdTime,
      lastUpdateTime: r.lastUpdateTime,
      attributes: r.attributes,
      tags: [...r.tags.values()],
      manifests: [...r.manifests.values()],
    })),
  };
}

export function writeState(dir: string, secret: Buffer, users: readonly SandboxUser[], registries: readonly RegistryRecord[]): void {
  const state: SandboxState = { version: 1, secret: secret.toString('base64'), users: [...users], registries: registries.map(registryState) };
  const file = stateFile(dir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}
