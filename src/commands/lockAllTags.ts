/**
 * Lock All Tags… / Unlock All Tags… on a repository, optionally filtered by a glob (`v*`).
 * The engine holds the repository for the whole run (a second run on it waits), reads its tags
 * page by page (each tag already carries its attributes), PATCHes only the tags not yet in the
 * wanted state (so re-running is idempotent) and verifies every answer; this adds the prompts,
 * a cancellable progress notification and a summary that names every item not as wanted.
 */
import * as vscode from 'vscode';
import { planTags, type RepositoryRun } from '../locks/engine';
import { PRESETS } from '../locks/attributes';
import { type TagInfo } from '../registry/models';
import { compileGlob } from '../util/glob';
import { type Services } from '../services';
import { type RepositoryNode } from '../tree/nodes';
import { type Command, type CommandContext, required } from './support/command';
import { flagsText } from '../locks/flagsText';
import { clientOf } from './lock/apply';
import { confirmChange } from './lock/confirm';
import { reportSummary, runWithProgress, waitText } from './lock/progress';
import { markLocked } from '../ui/walkthrough';
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

/** Holds the repository (waiting, with progress, while another run holds it) and lists its tags. */
async function reserveAndList(services: Services, repository: RepositoryNode): Promise<{ run: RepositoryRun; tags: TagInfo[] }> {
  const client = await clientOf(services, repository);
  return services.ui.withProgress(
    { title: vscode.l10n.t('Reading the tags of {0}…', repository.name), cancellable: true },
    async (progress, signal) => {
      const run = await services.engine.reserveRepository(client, repository.name, {
        signal,
        onBusy: () => progress.report(vscode.l10n.t('Waiting for another change to {0} to finish…', repository.name)),
      });
      try {
        const tags = await run.listTags({
          signal,
          onPage: (count) => progress.report(vscode.l10n.t('{0} tags', count)),
          onWait: (wait) => {
            const text = waitText(wait);
            if (text) {
              progress.report(text);
            }
          },
        });
        return { run, tags };
      } catch (error: unknown) {
        run.release();
        throw error;
      }
    },
  );
}

async function changeRepository(context: CommandContext, repository: RepositoryNode, preset: 'lock' | 'unlock', verb: string): Promise<void> {
  const { services } = context;
  const change = PRESETS[preset];
  const filter = await askFilter(services, repository.name);
  const { run, tags } = await reserveAndList(services, repository);
  try {
    const plan = planTags(repository.name, tags, change, filter === '' ? undefined : compileGlob(filter, { caseInsensitive: true }));
    context.itemCount = (context.itemCount ?? 0) + plan.tags.length;
    if (plan.pending === 0) {
      void services.ui.info(
        plan.tags.length === 0
          ? vscode.l10n.t('{0}: no tag of {1} matches {2}; nothing to change.', verb, repository.name, filter)
          : plan.tags.length === 1
            ? vscode.l10n.t('{0}: the 1 matching tag of {1} already is as wanted; nothing to change.', verb, repository.name)
            : vscode.l10n.t('{0}: all {1} matching tags of {2} already are as wanted; nothing to change.', verb, plan.tags.length, repository.name),
      );
      return;
    }
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
    const title = vscode.l10n.t('{0} in {1}', verb, repository.name);
    const report = await runWithProgress(context, title, plan.tags.length, (hooks) =>
      run.changeTags(plan.tags, change, {
        ...hooks,
        onProgress: (done, total, outcome) => {
          hooks.onProgress(done, total);
          // Rows follow the run: each tag is redrawn as the registry answers for it.
          if (outcome.value?.info?.kind === 'tag') {
            services.explorer.applyTagUpdate(repository, outcome.value.info);
          }
        },
      }),
    );
    reportSummary(context, title, report, (t) => `${repository.name}:${t.name}`);
    if (report.changed > 0 && preset === 'lock') {
      markLocked();
    }
  } finally {
    run.release();
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
