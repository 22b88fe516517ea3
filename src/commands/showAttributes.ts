/**
 * Show Attributes: a read-only JSON document shaped like `az acr repository show` (repository,
 * `--image repo:tag`) or `az acr manifest show-metadata` (digest), read fresh and refreshable.
 */
import type * as vscode from 'vscode';
import { type LockAttributes } from '../locks/attributes';
import { type ManifestInfo, type RepositoryInfo, type TagInfo, targetLabel } from '../registry/models';
import { type RegistryClient } from '../registry/registryClient';
import { type Services } from '../services';
import { type LockableNode, registryOf, targetOf } from '../tree/nodes';
import { type Command } from './support/command';
import { clientOf } from './lock/apply';
import { documentUri } from '../ui/documents';
import { lockTargets } from './lock/targets';

function changeable(a: LockAttributes): Record<string, boolean> {
  return { deleteEnabled: a.deleteEnabled, listEnabled: a.listEnabled, readEnabled: a.readEnabled, writeEnabled: a.writeEnabled };
}

export function attributesJson(loginServer: string, info: RepositoryInfo | TagInfo | ManifestInfo, kind: LockableNode['kind']): object {
  if (kind === 'repository') {
    const r = info as RepositoryInfo;
    return {
      changeableAttributes: changeable(r.attributes),
      createdTime: r.createdOn.toISOString(),
      imageName: r.name,
      lastUpdateTime: r.lastUpdatedOn.toISOString(),
      manifestCount: r.manifestCount,
      registry: loginServer,
      tagCount: r.tagCount,
    };
  }
  if (kind === 'tag') {
    const t = info as TagInfo;
    return {
      registry: loginServer,
      imageName: t.repository,
      tag: {
        changeableAttributes: changeable(t.attributes),
        createdTime: t.createdOn.toISOString(),
        digest: t.digest,
        lastUpdateTime: t.lastUpdatedOn.toISOString(),
        name: t.name,
      },
    };
  }
  const m = info as ManifestInfo;
  return {
    architecture: m.architecture,
    changeableAttributes: changeable(m.attributes),
    createdTime: m.createdOn.toISOString(),
    digest: m.digest,
    imageSize: m.sizeInBytes,
    lastUpdateTime: m.lastUpdatedOn.toISOString(),
    os: m.os,
    references: m.references.length > 0 ? m.references : undefined,
    tags: m.tags,
  };
}

export async function renderAttributes(client: RegistryClient, node: LockableNode): Promise<string> {
  const info = await client.read(targetOf(node));
  return `${JSON.stringify(attributesJson(client.loginServer, info, node.kind), undefined, 2)}\n`;
}

export function attributesUri(node: LockableNode): vscode.Uri {
  const registry = registryOf(node).config.loginServer;
  return documentUri('attributes', `${registry}/${targetLabel(targetOf(node)).replace(/[:@]/g, '_')}.json`);
}

export async function showAttributes(services: Services, node: LockableNode): Promise<vscode.TextDocument> {
  const client = await clientOf(services, node);
  return services.documents.show(attributesUri(node), () => renderAttributes(client, node), 'json');
}

export const showAttributesCommand: Command = {
  id: 'acrLocks.showAttributes',
  async run(context, node, selected) {
    const nodes = await lockTargets(context.services, node, selected, ['repository', 'tag', 'manifest']);
    context.itemCount = nodes.length;
    for (const n of nodes.slice(0, 10)) {
      await showAttributes(context.services, n);
    }
  },
};
