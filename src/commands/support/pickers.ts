/**
 * Palette quick picks: when a command runs without a node, it asks for the registry, the
 * repository and (for image commands) the tag, one page at a time ("Load more…"). Every pick
 * shows the item's lock state; in the tag pick the tags come first (Enter takes a tag, never the
 * whole repository), the repository itself last, under a separator.
 */
import * as vscode from 'vscode';
import { type LockAttributes } from '../../locks/attributes';
import { shortDigest, type TagInfo } from '../../registry/models';
import { PageGuard } from '../../registry/pages';
import { type RegistryClient } from '../../registry/registryClient';
import { type Services } from '../../services';
import { type LockableNode, type RegistryNode, type RepositoryNode, type TagNode } from '../../tree/nodes';
import { stateText } from '../../tree/vscode/render';
import { type PickItem } from '../../ui/ui';
import { required, UserCancelled } from './command';
import { clientFor } from '../lock/apply';
import { appendAll } from '../../util/arrays';

const PAGE_SIZE = 100;
/** Repository states read for a pick page when the tree does not know them, at most (4 at a time). */
const STATE_READS = 25;

interface Item<T> extends PickItem {
  readonly value?: T;
  readonly more?: string;
}

/** Only a registry that links back to a page it sent would reach this; the guard stops that loop. */
const MAX_PICK_PAGES = 100_000;

/** A quick pick fed page by page; `more` items load the next page; `tail` items stay last. */
async function pickPaged<T>(
  services: Services,
  title: string,
  load: (token: string | undefined) => Promise<{ items: Item<T>[]; continuationToken?: string }>,
  tail: readonly Item<T>[] = [],
): Promise<T> {
  const items: Item<T>[] = [];
  const guard = new PageGuard({ maxPages: MAX_PICK_PAGES });
  let token: string | undefined;
  for (;;) {
    const page = await load(token);
    appendAll(items, page.items);
    guard.check(page.continuationToken);
    token = page.continuationToken;
    const more: Item<T>[] = token ? [{ label: vscode.l10n.t('$(more) Load more…'), more: token }] : [];
    const chosen = await required(services.ui.pick([...items, ...more, ...tail], { title, matchOnDescription: true }));
    if (chosen.more === undefined) {
      return required(Promise.resolve(chosen.value));
    }
  }
}

/**
 * The registry of a palette command: My Registries', then (for image commands: `discovered`) those
 * the Azure view discovered; settings commands (Remove Registry, Enter Credentials) pass false.
 */
export async function pickRegistry(services: Services, title = vscode.l10n.t('Registry'), discovered = true): Promise<RegistryNode> {
  const registries = [...services.explorer.registries(), ...(discovered ? services.explorer.discoveredRegistries() : [])];
  if (registries.length === 1) {
    return registries[0];
  }
  if (registries.length === 0) {
    void services.ui.info(vscode.l10n.t('No registry is configured. Run “Add Registry…” first.'));
    throw new UserCancelled();
  }
  const configured = new Set(services.explorer.registries());
  const chosen = await required(
    services.ui.pick(
      registries.map((r) => ({
        label: r.config.loginServer,
        description: configured.has(r) ? r.config.auth : vscode.l10n.t('{0} · Azure view', r.config.auth),
        value: r,
      })),
      { title, placeHolder: vscode.l10n.t('Registry') },
    ),
  );
  return chosen.value;
}

/** Each repository's lock state: the tree's when it knows it, else read (bounded); undefined when not read. */
async function repositoryStates(services: Services, client: RegistryClient, registry: RegistryNode, names: readonly string[]): Promise<Map<string, LockAttributes>> {
  const states = new Map<string, LockAttributes>();
  const unknown: string[] = [];
  for (const name of names) {
    const known = services.explorer.knownRepository(registry, name);
    if (known) {
      states.set(name, known.attributes);
    } else if (unknown.length < STATE_READS) {
      unknown.push(name);
    }
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unknown.length) {
      const name = unknown[next++];
      try {
        states.set(name, (await client.getRepository(name)).attributes);
      } catch {
        // The pick still offers it, without a state.
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return states;
}

export async function pickRepository(services: Services, registry?: RegistryNode): Promise<RepositoryNode> {
  const reg = registry ?? (await pickRegistry(services));
  const client = await clientFor(services, reg);
  const name = await pickPaged<string>(services, vscode.l10n.t('Repository in {0}', reg.config.loginServer), async (token) => {
    const page = await client.listRepositories({ pageSize: PAGE_SIZE, continuationToken: token });
    const states = await repositoryStates(services, client, reg, page.items);
    return {
      items: page.items.map((r) => {
        const state = states.get(r);
        return { label: r, ...(state ? { description: stateText(state) } : {}), value: r };
      }),
      continuationToken: page.continuationToken,
    };
  });
  return { kind: 'repository', registry: reg, name };
}

function tagItem(t: TagInfo): Item<TagInfo> {
  return { label: t.name, description: `${stateText(t.attributes)} · ${shortDigest(t.digest)}`, value: t };
}

async function pickTagInfo(services: Services, client: RegistryClient, repository: RepositoryNode, allowRepository: boolean): Promise<TagInfo | undefined> {
  const tail: Item<TagInfo | 'repository'>[] = [];
  if (allowRepository) {
    const known = services.explorer.knownRepository(repository.registry, repository.name) ?? (await client.getRepository(repository.name).catch(() => undefined));
    tail.push(
      { label: vscode.l10n.t('Repository'), separator: true },
      {
        label: vscode.l10n.t('$(repo) The whole repository {0}', repository.name),
        ...(known ? { description: stateText(known.attributes) } : {}),
        value: 'repository',
      },
    );
  }
  const picked = await pickPaged<TagInfo | 'repository'>(
    services,
    vscode.l10n.t('Tag in {0}', repository.name),
    async (token) => {
      const page = await client.listTags(repository.name, { pageSize: PAGE_SIZE, order: 'lastUpdated', continuationToken: token });
      return { items: page.items.map(tagItem), continuationToken: page.continuationToken };
    },
    tail,
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
