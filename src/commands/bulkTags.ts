/**
 * Lock All Tags… / Unlock All Tags… on a repository, optionally filtered by a glob (`v*`).
 * Reads the tags page by page (each tag already carries its attributes), PATCHes only the tags
 * not yet in the wanted state (so re-running is idempotent), with bounded concurrency, backoff
 * on 429/5xx, a cancellable progress notification and a summary that names every failure.
 */
import * as vscode from 'vscode';
import { effectiveChange, isEmptyChange, type LockChange, PRESETS } from '../registry/attributes';
import { type BulkReport, retryTransient } from '../registry/bulk';
import { compileGlob } from '../registry/glob';
import { type TagInfo } from '../registry/models';
import { type RegistryClient } from '../registry/registryClient';
import { type Services } from '../services';
import { type RepositoryNode } from '../tree/nodes';
import { type Command, UserCancelled } from './command';
import { describeChange } from './applyPreset';
import { confirmChange } from './lock/confirm';
import { reportSummary, runWithProgress } from './lock/progress';
import { lockTargets } from './lock/targets';

const PAGE_SIZE = 1000;

async function askFilter(services: Services, repository: string): Promise<string> {
  const options: vscode.InputBoxOptions = {
    title: vscode.l10n.t('Tags of {0}', repository),
    prompt: vscode.l10n.t('Only tags matching this glob (e.g. v* or release-?); leave empty for all tags.'),
    value: '',
    ignoreFocusOut: true,
  };
  const text = await (services.prompts.input ? services.prompts.input(options) : vscode.window.showInputBox(options));
  if (text === undefined) {
    throw new UserCancelled();
  }
  return text.trim();
}

export async function listAllTags(client: RegistryClient, repository: string, signal?: AbortSignal): Promise<TagInfo[]> {
  const tags: TagInfo[] = [];
  let token: string | undefined;
  do {
    const page = await retryTransient(
      () => client.listTags(repository, { pageSize: PAGE_SIZE, order: 'name', continuationToken: token, abortSignal: signal }),
      { signal, maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 10_000 },
    );
    tags.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return tags;
}

/** The bulk change itself, without UI prompts (the command adds confirmation and the summary). */
export async function changeTags(
  services: Services,
  client: RegistryClient,
  repository: string,
  tags: readonly TagInfo[],
  change: LockChange,
  title: string,
): Promise<BulkReport<TagInfo>> {
  return runWithProgress(services, title, tags, async (tag, signal) => {
    const sent = effectiveChange(tag.attributes, change);
    if (isEmptyChange(sent)) {
      return 'unchanged';
    }
    const answer = await client.updateTag(repository, tag.name, sent, { abortSignal: signal });
    if (!isEmptyChange(effectiveChange(answer.attributes, change))) {
      throw new Error(vscode.l10n.t('the registry answered {0}', JSON.stringify(answer.attributes)));
    }
    return 'changed';
  });
}

function bulkCommand(id: string, preset: 'lock' | 'unlock'): Command {
  return {
    id,
    async run(context, node, selected) {
      const { services } = context;
      const repositories = (await lockTargets(services, node, selected, ['repository'])).filter(
        (n): n is RepositoryNode => n.kind === 'repository',
      );
      const change = PRESETS[preset];
      const verb = preset === 'lock' ? vscode.l10n.t('Lock All Tags') : vscode.l10n.t('Unlock All Tags');
      for (const repository of repositories) {
        const filter = await askFilter(services, repository.name);
        const matches = filter === '' ? () => true : compileGlob(filter, { caseInsensitive: true });
        const client = await services.explorer.clientFor(repository.registry);
        const all = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the tags of {0}…', repository.name) },
          () => listAllTags(client, repository.name),
        );
        const tags = all.filter((t) => matches(t.name));
        const pending = tags.filter((t) => !isEmptyChange(effectiveChange(t.attributes, change))).length;
        context.itemCount = (context.itemCount ?? 0) + tags.length;
        if (pending === 0) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t('{0}: all {1} matching tags of {2} already are as wanted; nothing to change.', verb, tags.length, repository.name),
          );
          continue;
        }
        await confirmChange(
          services,
          filter === ''
            ? vscode.l10n.t('{0}: change {1} of {2} tags in {3}?', verb, pending, tags.length, repository.name)
            : vscode.l10n.t('{0}: change {1} of {2} tags matching {3} in {4}?', verb, pending, tags.length, filter, repository.name),
          vscode.l10n.t(
            'Sets {0} on each tag where it differs; tags already as wanted are not touched. Manifest and repository locks are not changed.',
            describeChange(change),
          ),
          verb,
        );
        const title = vscode.l10n.t('{0} in {1}', verb, repository.name);
        const report = await changeTags(services, client, repository.name, tags, change, title);
        reportSummary(services, title, report, (t) => `${repository.name}:${t.name}`);
        services.explorer.refresh(repository);
      }
    },
  };
}

export const lockAllTagsCommand = bulkCommand('acrLocks.lockAllTags', 'lock');
export const unlockAllTagsCommand = bulkCommand('acrLocks.unlockAllTags', 'unlock');
