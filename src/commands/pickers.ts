/**
 * Palette quick picks: when a command runs without a node, it asks for the registry, the
 * repository and (for image commands) the tag, one page at a time ("Load more…").
 */
import * as vscode from 'vscode';
import { type TagInfo } from '../registry/models';
import { PageGuard } from '../registry/pages';
import { type RegistryClient } from '../registry/registryClient';
import { type Services } from '../services';
import { type LockableNode, type RegistryNode, type RepositoryNode, type TagNode } from '../tree/nodes';
import { type PickItem } from '../ui/ui';
import { required, UserCancelled } from './command';
import { clientFor } from './lock/apply';

const PAGE_SIZE = 100;

interface Item<T> extends PickItem {
  readonly value?: T;
  readonly more?: string;
}

/** Only a registry that links back to a page it sent would reach this; the guard stops that loop. */
const MAX_PICK_PAGES = 100_000;

/** A quick pick fed page by page; `more` items load the next page. */
async function pickPaged<T>(
  services: Services,
  title: string,
  load: (token: string | undefined) => Promise<{ items: Item<T>[]; continuationToken?: string }>,
  extra: readonly Item<T>[] = [],
): Promise<T> {
  const items: Item<T>[] = [...extra];
  const guard = new PageGuard({ maxPages: MAX_PICK_PAGES });
  let token: string | undefined;
  for (;;) {
    const page = await load(token);
    items.push(...page.items);
    guard.check(page.continuationToken);
    token = page.continuationToken;
    const offered: Item<T>[] = token ? [...items, { label: vscode.l10n.t('$(more) Load more…'), more: token }] : items;
    const chosen = await required(services.ui.pick(offered, { title, matchOnDescription: true }));
    if (chosen.more === undefined) {
      return required(Promise.resolve(chosen.value));
    }
  }
}

export async function pickRegistry(services: Services, title = vscode.l10n.t('Registry')): Promise<RegistryNode> {
  const registries = services.explorer.registries();
  if (registries.length === 1) {
    return registries[0];
  }
  if (registries.length === 0) {
    void services.ui.info(vscode.l10n.t('No registry is configured. Run “Add Registry…” first.'));
    throw new UserCancelled();
  }
  const chosen = await required(
    services.ui.pick(
      registries.map((r) => ({ label: r.config.loginServer, description: r.config.auth, value: r })),
      { title, placeHolder: vscode.l10n.t('Registry') },
    ),
  );
  return chosen.value;
}

export async function pickRepository(services: Services, registry?: RegistryNode): Promise<RepositoryNode> {
  const reg = registry ?? (await pickRegistry(services));
  const client = await clientFor(services, reg);
  const name = await pickPaged<string>(services, vscode.l10n.t('Repository in {0}', reg.config.loginServer), async (token) => {
    const page = await client.listRepositories({ pageSize: PAGE_SIZE, continuationToken: token });
    return { items: page.items.map((r) => ({ label: r, value: r })), continuationToken: page.continuationToken };
  });
  return { kind: 'repository', registry: reg, name };
}

async function pickTagInfo(services: Services, client: RegistryClient, repository: RepositoryNode, allowRepository: boolean): Promise<TagInfo | undefined> {
  const repoItem: Item<TagInfo | 'repository'> = {
    label: vscode.l10n.t('$(repo) The repository {0} itself', repository.name),
    value: 'repository',
  };
  const picked = await pickPaged<TagInfo | 'repository'>(
    services,
    vscode.l10n.t('Tag in {0}', repository.name),
    async (token) => {
      const page = await client.listTags(repository.name, { pageSize: PAGE_SIZE, order: 'lastUpdated', continuationToken: token });
      return {
        items: page.items.map((t) => ({ label: t.name, description: t.digest.slice(0, 19), value: t })),
        continuationToken: page.continuationToken,
      };
    },
    allowRepository ? [repoItem] : [],
  );
  return picked === 'repository' ? undefined : picked;
}

export async function pickTag(services: Services): Promise<TagNode> {
  const repository = await pickRepository(services);
  const client = await clientFor(services, repository.registry);
  const tag = await required(pickTagInfo(services, client, repository, false));
  return { kind: 'tag', repository, tag, hidden: false };
}

/** A repository or one of its tags (the palette form of "any lockable item"). */
export async function pickLockable(services: Services): Promise<LockableNode> {
  const repository = await pickRepository(services);
  const client = await clientFor(services, repository.registry);
  const tag = await pickTagInfo(services, client, repository, true);
  return tag ? { kind: 'tag', repository, tag, hidden: false } : repository;
}
