/**
 * Lock All Tags… / Unlock All Tags… on a repository, optionally filtered by a glob (`v*`): the
 * prompts and wording over one engine call (src/locks/lockAllTags.ts), which holds the repository,
 * lists its tags, plans, asks through `confirm`, changes only what differs (verified) and releases
 * it. This adds the filter prompt, the two cancellable progress notifications (reading, changing)
 * and a summary that names every item not as wanted.
 */
import * as vscode from 'vscode';
import { PRESETS } from '../locks/attributes';
import { tagFilterOf } from '../locks/lockAllTags';
import { type Services } from '../services';
import { type RepositoryNode } from '../tree/nodes';
import { type Command, type CommandContext, required } from './support/command';
import { flagsText } from '../locks/flagsText';
import { clientOf } from './lock/apply';
import { confirmChange } from './lock/confirm';
import { reportSummary, runWithProgress, waitText } from './lock/progress';
import { markLocked } from '../ui/walkthrough';
import { lockSettings } from './lock/settings';
import { lockTargets } from './lock/targets';

async function askFilter(services: Services, repository: string): Promise<string> {
  const text = await required(
    services.ui.input({
      title: vscode.l10n.t('Tags of {0}', repository),
      prompt: vscode.l10n.t('Only tags matching this glob (e.g. v* or release-?); leave empty for all tags.'),
      value: '',
    }),
  );
  return text.trim();
}

async function changeRepository(context: CommandContext, repository: RepositoryNode, preset: 'lock' | 'unlock', verb: string): Promise<void> {
  const { services } = context;
  const change = PRESETS[preset];
  const filter = await askFilter(services, repository.name);
  const client = await clientOf(services, repository);
  const title = vscode.l10n.t('{0} in {1}', verb, repository.name);
  const result = await services.engine.changeAllTags(client, repository.name, change, {
    concurrency: lockSettings().bulkConcurrency,
    filter: tagFilterOf(filter),
    listing: (work) =>
      services.ui.withProgress({ title: vscode.l10n.t('Reading the tags of {0}…', repository.name), cancellable: true }, (progress, signal) =>
        work({
          signal,
          onBusy: () => progress.report(vscode.l10n.t('Waiting for another change to {0} to finish…', repository.name)),
          onPage: (count) => progress.report(vscode.l10n.t('{0} tags', count)),
          onWait: (wait) => {
            const text = waitText(wait);
            if (text) {
              progress.report(text);
            }
          },
        }),
      ),
    confirm: async (plan) => {
      context.itemCount = (context.itemCount ?? 0) + plan.tags.length;
      await confirmChange(
        services,
        plan.tags.length === 1
          ? vscode.l10n.t('{0}: change the 1 matching tag of {1}?', verb, repository.name)
          : filter === ''
            ? vscode.l10n.t('{0}: change {1} of {2} tags in {3}?', verb, plan.pending, plan.tags.length, repository.name)
            : vscode.l10n.t('{0}: change {1} of {2} tags matching {3} in {4}?', verb, plan.pending, plan.tags.length, filter, repository.name),
        vscode.l10n.t(
          'Sets {0} on each tag where it differs; tags already as wanted are not touched. Manifest and repository locks are not changed.',
          flagsText(change),
        ),
        verb,
      );
      return true;
    },
    changing: (plan, work) =>
      runWithProgress(context, title, plan.tags.length, (hooks) =>
        work({
          ...hooks,
          onProgress: (done, total, outcome) => {
            hooks.onProgress(done, total);
            // Rows follow the run: each tag is redrawn as the registry answers for it.
            if (outcome.value?.info?.kind === 'tag') {
              services.explorer.applyTagUpdate(repository, outcome.value.info);
            }
          },
        }),
      ),
  });
  if (result.outcome === 'nothingToChange') {
    const plan = result.plan;
    context.itemCount = (context.itemCount ?? 0) + plan.tags.length;
    void services.ui.info(
      plan.tags.length === 0
        ? vscode.l10n.t('{0}: no tag of {1} matches {2}; nothing to change.', verb, repository.name, filter)
        : plan.tags.length === 1
          ? vscode.l10n.t('{0}: the 1 matching tag of {1} already is as wanted; nothing to change.', verb, repository.name)
          : vscode.l10n.t('{0}: all {1} matching tags of {2} already are as wanted; nothing to change.', verb, plan.tags.length, repository.name),
    );
    return;
  }
  if (result.outcome === 'done') {
    reportSummary(context, title, result.report, (t) => `${repository.name}:${t.name}`);
    if (result.report.changed > 0 && preset === 'lock') {
      markLocked();
    }
  }
}

function bulkCommand(id: string, preset: 'lock' | 'unlock'): Command {
  return {
    id,
    async run(context, node, selected) {
      const repositories = (await lockTargets(context.services, node, selected, ['repository'])).filter(
        (n): n is RepositoryNode => n.kind === 'repository',
      );
      const verb = preset === 'lock' ? vscode.l10n.t('Lock All Tags') : vscode.l10n.t('Unlock All Tags');
      for (const repository of repositories) {
        await changeRepository(context, repository, preset, verb);
      }
    },
  };
}

export const lockAllTagsCommand = bulkCommand('acrLocks.lockAllTags', 'lock');
export const unlockAllTagsCommand = bulkCommand('acrLocks.unlockAllTags', 'unlock');
