/**
 * Why Is This Protected?: reads the repository, the tag, its manifest and the manifest's other
 * tags, and shows one report, rendered (lock/whyPanel.ts): per level (repository / manifest / tag
 * / other tags) which operations it blocks (overwrite, delete, pull, listing) and what changing it
 * would unblock, with Unlock for Deletion as a button in the page. The page is read again after
 * lock changes. The same Markdown is kept as the document `acr-locks:/why/…md` (tests read it).
 */
import * as vscode from 'vscode';
import { type FlagName, type LockAttributes } from '../locks/attributes';
import { flagsFalse } from '../locks/explanation';
import { azAddress, azUpdateCommand } from '../locks/azCommand';
import { type LockTarget } from '../registry/models';
import { analyseProtection, type Blocker, type Level, type Operation, type ProtectionReport } from '../locks/protection';
import { type Services } from '../services';
import { type LockableNode, registryOf, targetOf } from '../tree/nodes';
import { type Command } from './support/command';
import { flagsText } from '../locks/flagsText';
import { clientOf, describeTarget } from './lock/apply';
import { lockTargets } from './lock/targets';
import { whyUri } from './lock/whyUri';
import { mark, WALKTHROUGH_KEYS } from '../ui/walkthrough';

const OPERATION: Readonly<Record<Operation, () => string>> = {
  overwrite: () => vscode.l10n.t('Overwrite (push to this tag)'),
  untag: () => vscode.l10n.t('Untag (delete only this tag)'),
  deleteImage: () => vscode.l10n.t('Delete the image (manifest and all its tags)'),
  pull: () => vscode.l10n.t('Pull'),
  list: () => vscode.l10n.t('Appear in listings'),
  deleteRepository: () => vscode.l10n.t('Delete the repository'),
};

/** Names as the registry sent them, made inert in Markdown (a hostile registry's names are not markup). */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>&|#]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function levelName(level: Level, target: LockTarget): string {
  switch (level) {
    case 'repository':
      return vscode.l10n.t('Repository {0}', plain(target.repository));
    case 'manifest':
      return vscode.l10n.t('Manifest {0}', plain(target.kind === 'manifest' ? target.digest : ''));
    case 'tag':
      return vscode.l10n.t('Tag {0}', plain(target.kind === 'tag' ? target.tag : ''));
    case 'otherTag':
      return vscode.l10n.t('Other tag {0} of the same manifest', plain(target.kind === 'tag' ? target.tag : ''));
  }
}

const keyOf = (b: Blocker): string => JSON.stringify(b.target);

/** One entry per level: "Manifest sha256:… (writeEnabled=false, deleteEnabled=false)". */
function groupedBlockers(blockers: readonly Blocker[]): string[] {
  const byLevel = new Map<string, { blocker: Blocker; flags: FlagName[] }>();
  for (const b of blockers) {
    const entry = byLevel.get(keyOf(b)) ?? { blocker: b, flags: [] };
    entry.flags.push(b.flag);
    byLevel.set(keyOf(b), entry);
  }
  return [...byLevel.values()].map(({ blocker, flags }) => `${levelName(blocker.level, blocker.target)} (${flagsFalse(flags)})`);
}

/** Operations that become possible when every blocker of one target is removed. */
function unblockedBy(report: ProtectionReport, targetKey: string): { freed: Operation[]; partly: Operation[] } {
  const freed: Operation[] = [];
  const partly: Operation[] = [];
  for (const op of report.operations) {
    const blockers = report.blockers[op];
    const mine = blockers.filter((b) => keyOf(b) === targetKey);
    if (mine.length === 0) {
      continue;
    }
    (mine.length === blockers.length ? freed : partly).push(op);
  }
  return { freed, partly };
}

export function protectionMarkdown(
  loginServer: string,
  subject: string,
  report: ProtectionReport,
  levels: readonly { level: Level; target: LockTarget; attributes: LockAttributes }[],
): string {
  const az = azAddress(loginServer).ok;
  const lines: string[] = [`# ${vscode.l10n.t('Why is {0} protected?', plain(subject))}`, '', vscode.l10n.t('Registry: {0}', plain(loginServer)), ''];
  lines.push(`| ${vscode.l10n.t('Operation')} | ${vscode.l10n.t('Blocked by')} |`, '|---|---|');
  for (const op of report.operations) {
    const blockers = report.blockers[op];
    const text =
      blockers.length === 0
        ? vscode.l10n.t('nothing — allowed')
        : groupedBlockers(blockers).join('; ');
    lines.push(`| ${OPERATION[op]()} | ${text} |`);
  }
  lines.push('', `## ${vscode.l10n.t('By level')}`, '');
  for (const { level, target, attributes } of levels) {
    const key = JSON.stringify(target);
    const blocking = report.operations.filter((op) => report.blockers[op].some((b) => keyOf(b) === key));
    lines.push(`### ${levelName(level, target)}`, '', `- ${vscode.l10n.t('Attributes: {0}', flagsText(attributes))}`);
    if (blocking.length === 0) {
      lines.push(`- ${vscode.l10n.t('Blocks nothing here.')}`, '');
      continue;
    }
    lines.push(`- ${vscode.l10n.t('Blocks: {0}', blocking.map((op) => OPERATION[op]()).join(', '))}`);
    const flags = [...new Set(blocking.flatMap((op) => report.blockers[op].filter((b) => keyOf(b) === key).map((b) => b.flag)))];
    const { freed, partly } = unblockedBy(report, key);
    const change = Object.fromEntries(flags.map((f) => [f, true]));
    lines.push(
      `- ${vscode.l10n.t('Changing {0} here would unblock: {1}', flagsText(change), freed.length ? freed.map((op) => OPERATION[op]()).join(', ') : vscode.l10n.t('nothing on its own'))}`,
    );
    if (partly.length > 0) {
      lines.push(`- ${vscode.l10n.t('…and remove this level from what blocks: {0} (other levels still block it)', partly.map((op) => OPERATION[op]()).join(', '))}`);
    }
    lines.push(...(az ? [`- \`${azUpdateCommand(loginServer, target, change)}\``] : []), '');
  }
  lines.push(`## ${vscode.l10n.t('Unlock for Deletion')}`, '');
  if (report.unlockForDeletion.length === 0) {
    lines.push(vscode.l10n.t('Nothing blocks deletion.'));
  } else {
    lines.push(
      vscode.l10n.t('The Unlock for Deletion button above makes these changes in one step, after one confirmation (read and list flags stay as they are):'),
      '',
      ...report.unlockForDeletion.map((u) => `- ${levelName(u.target.kind === 'repository' ? 'repository' : u.target.kind === 'manifest' ? 'manifest' : 'tag', u.target)}: ${flagsText(u.change)}`),
      '',
    );
    if (az) {
      lines.push(vscode.l10n.t('The same with az:'), '', '```sh', ...report.unlockForDeletion.map((u) => azUpdateCommand(loginServer, u.target, u.change)), '```');
    }
  }
  if (!az) {
    lines.push(
      '',
      `_${vscode.l10n.t('No az commands are shown: az reaches a registry only by its Azure name, as <name>.azurecr.io, and {0} is not one.', plain(loginServer))}_`,
    );
  }
  return lines.join('\n') + '\n';
}

export async function renderWhy(services: Services, node: LockableNode): Promise<{ text: string; report: ProtectionReport }> {
  const registry = registryOf(node);
  const read = await services.engine.readProtection(await clientOf(services, node), targetOf(node));
  const report = analyseProtection(read.input);
  const repoTarget: LockTarget = { kind: 'repository', repository: read.input.repository.name };
  const levels: { level: Level; target: LockTarget; attributes: LockAttributes }[] = [
    { level: 'repository', target: repoTarget, attributes: read.input.repository.attributes },
  ];
  if (read.input.manifest) {
    levels.push({
      level: 'manifest',
      target: { kind: 'manifest', repository: repoTarget.repository, digest: read.input.manifest.digest },
      attributes: read.input.manifest.attributes,
    });
  }
  if (read.input.tag) {
    levels.push({ level: 'tag', target: { kind: 'tag', repository: repoTarget.repository, tag: read.input.tag.name }, attributes: read.input.tag.attributes });
  }
  for (const other of read.input.otherTags ?? []) {
    levels.push({ level: 'otherTag', target: { kind: 'tag', repository: repoTarget.repository, tag: other.name }, attributes: other.attributes });
  }
  return { text: protectionMarkdown(registry.config.loginServer, describeTarget(node), report, levels), report };
}

export const whyProtectedCommand: Command = {
  id: 'acrLocks.whyProtected',
  async run(context, node) {
    const { services } = context;
    const [target] = await lockTargets(services, node, undefined, ['repository', 'tag', 'manifest']);
    if (!target) {
      return;
    }
    context.itemCount = 1;
    const uri = whyUri(target);
    services.documents.bindNode(uri, target);
    let latest: { text: string; report: ProtectionReport } | undefined;
    const render = async (): Promise<string> => (latest ??= await renderWhy(services, target)).text;
    // The page and the document show one reading (a failed one too); each refresh of the page reads again.
    services.documents.set(uri, render);
    await services.why.show(uri.toString(), target, {
      subject: describeTarget(target),
      render: async () => {
        latest = await renderWhy(services, target);
        return {
          title: vscode.l10n.t('Why: {0}', describeTarget(target)),
          markdown: latest.text,
          canUnlock: latest.report.unlockForDeletion.length > 0,
        };
      },
      shown: (markdown) => services.documents.set(uri, () => Promise.resolve(markdown)),
    });
    mark(WALKTHROUGH_KEYS.whyShown);
  },
};
