/**
 * Nodes → TreeItems: lock-state icon (codicon + theme colour), a short description with the
 * state in words (the icon's text equivalent), and a Markdown tooltip with every flag.
 */
import { MANAGE_TRUST_COMMAND } from '../../workspaceTrust';
import { markdownText } from '../../util/safeText';
import * as vscode from 'vscode';
import { type ConfigProblem, type RegistryConfig } from '../../config';
import { describeError, loginServerProblemText, rowErrorText, shortErrorText } from '../../errorText';
import { type LockAttributes, blocksDelete } from '../../locks/attributes';
import { type RegistryError } from '../../registry/errors';
import { cloudFor, type CloudName } from '../../registry/loginServer';
import { type ManifestInfo, shortDigest } from '../../registry/models';
import { contextValue } from '../contextValue';
import { type DeployedMarkText } from '../deployed';
import { type PolicyMarkText } from '../drift';
import {
  formatSize,
  lockedByRepository,
  manifestPresentation,
  presentationOf,
  repositoryOnlyDeleteProtected,
  type StatePresentation,
  type StateWord,
  stateWords,
  tagPresentation,
} from '../lockPresentation';
import { registryOfNode } from '../messages';
import { fitDescription, MANIFEST_ROW_CHARS } from '../rowFit';
import { type ManifestNode, type MessageAction, type MessageNode, type Node, type RegistryNode, type RepositoryNode, type TagNode } from '../nodes';

function word(w: StateWord): string {
  switch (w) {
    case 'locked':
      return vscode.l10n.t('locked');
    case 'deleteProtected':
      return vscode.l10n.t('delete-protected');
    case 'writeProtected':
      return vscode.l10n.t('write-protected');
    case 'readBlocked':
      return vscode.l10n.t('pulls blocked');
    case 'hidden':
      return vscode.l10n.t('hidden');
    case 'unlocked':
      return vscode.l10n.t('unlocked');
  }
}

export function stateText(a: LockAttributes): string {
  return stateWords(a).map(word).join(', ');
}

/** How a registry signs in: in full for the tooltip, or in a few words for the row (`short`). */
export function authLabel(config: RegistryConfig, short = false): string {
  switch (config.auth) {
    case 'microsoft':
      return vscode.l10n.t('Microsoft account');
    case 'azureIdentity':
      return vscode.l10n.t('Azure identity');
    case 'password':
      return short ? vscode.l10n.t('user {0}', config.username ?? '') : vscode.l10n.t('password ({0})', config.username ?? '');
    case 'anonymous':
      return vscode.l10n.t('anonymous');
  }
}

export function cloudLabel(cloud: CloudName): string {
  switch (cloud) {
    case 'AzureCloud':
      return vscode.l10n.t('Azure');
    case 'AzureChinaCloud':
      return vscode.l10n.t('Azure China');
    case 'AzureUSGovernment':
      return vscode.l10n.t('Azure US Government');
    case 'custom':
      return vscode.l10n.t('custom domain');
  }
}

function themeIcon(p: StatePresentation): vscode.ThemeIcon {
  return new vscode.ThemeIcon(p.icon, p.color ? new vscode.ThemeColor(p.color) : undefined);
}

function lockIcon(a: LockAttributes): vscode.ThemeIcon {
  return themeIcon(presentationOf(a));
}

function collapsible(expanded: boolean): vscode.TreeItemCollapsibleState {
  return expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

/** Registry nodes numbered per object, so ids of rows under the same login server shown twice stay unique. */
const registrySerials = new WeakMap<RegistryNode, number>();
let nextSerial = 0;
function serialOf(registry: RegistryNode): number {
  let serial = registrySerials.get(registry);
  if (serial === undefined) {
    serial = ++nextSerial;
    registrySerials.set(registry, serial);
  }
  return serial;
}

function tagCountText(count: number, hidden: number | undefined): string {
  if (hidden !== undefined) {
    return count === 1 ? vscode.l10n.t('1 tag ({0} hidden)', hidden) : vscode.l10n.t('{0} tags ({1} hidden)', count, hidden);
  }
  return count === 1 ? vscode.l10n.t('1 tag') : vscode.l10n.t('{0} tags', count);
}

function flag(on: boolean): string {
  return on ? vscode.l10n.t('yes') : vscode.l10n.t('**no**');
}

function flagsMarkdown(md: vscode.MarkdownString, a: LockAttributes): void {
  md.appendMarkdown(`| | |\n|---|---|\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Write (push/overwrite)')} | ${flag(a.writeEnabled)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Delete')} | ${flag(a.deleteEnabled)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('Read (pull)')} | ${flag(a.readEnabled)} |\n`);
  md.appendMarkdown(`| ${vscode.l10n.t('List')} | ${flag(a.listEnabled)} |\n\n`);
}

function when(md: vscode.MarkdownString, created: Date, updated: Date): void {
  md.appendMarkdown(`${vscode.l10n.t('Created: {0}', created.toISOString())}  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Updated: {0}', updated.toISOString())}  \n`);
}

function code(text: string): string {
  return '`' + text.replace(/`/g, '') + '`';
}

function registryItem(node: RegistryNode, context: RenderContext): vscode.TreeItem {
  const item = new vscode.TreeItem(node.config.loginServer, collapsible(context.expanded?.(node) ?? false));
  const cloud = cloudFor(node.config);
  // Short enough for the default side-bar width: the public cloud and custom domains go in the tooltip.
  const words = [authLabel(node.config, true)];
  if (cloud === 'AzureChinaCloud' || cloud === 'AzureUSGovernment') {
    words.push(cloudLabel(cloud));
  }
  const error = context.registryError?.(node);
  if (error) {
    words.unshift(rowErrorText(error));
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  } else {
    item.iconPath = new vscode.ThemeIcon('server');
  }
  // With an error, its short word first; the sign-in gives way when it does not fit (the tooltip and the accessible name say all).
  item.description = error ? fitDescription({ label: node.config.loginServer, words: words.slice(0, 1), details: words.slice(1) }) : words.join(' · ');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${node.config.loginServer}**  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Sign-in: {0}', authLabel(node.config))}  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Cloud: {0}', cloudLabel(cloud))}  \n`);
  if (node.config.audience) {
    md.appendMarkdown(`${vscode.l10n.t('Audience: {0}', node.config.audience)}  \n`);
  }
  if (error) {
    md.appendMarkdown(`\n${markdownText(describeError(error, node.config.loginServer).message)}\n`);
  }
  item.tooltip = md;
  const spoken = error ? [shortErrorText(error), ...words.slice(1)] : words;
  item.accessibilityInformation = { label: vscode.l10n.t('Registry {0}, {1}', node.config.loginServer, spoken.join(' · ')) };
  return item;
}

function repositoryItem(node: RepositoryNode, context: RenderContext): vscode.TreeItem {
  const attributeError = context.attributeError(node);
  const item = new vscode.TreeItem(node.name, collapsible(context.expanded?.(node) ?? false));
  if (context.filterEpoch !== undefined) {
    // A fresh id per filter: rows the filter opens are its own, and clearing it brings back the
    // rows (and expansions) as they were before.
    item.id = `filter-${context.filterEpoch}|${serialOf(node.registry)}|${node.name}`;
  }
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(node.name)}** (${vscode.l10n.t('repository')})\n\n`);
  /** Every word, for the accessible name (the row's description may be shortened). */
  let spoken: string | undefined;
  if (node.info) {
    const a = node.info.attributes;
    const hidden = context.hiddenTags?.(node);
    item.iconPath = lockIcon(a);
    const onlyItself = repositoryOnlyDeleteProtected(a);
    const state = onlyItself ? vscode.l10n.t('delete-protected (repository only)') : stateText(a);
    const tagCount = tagCountText(node.info.tagCount, hidden);
    const mark = context.policyMark?.(node)?.suffix;
    // With a policy mark: short enough for a 300 px side bar (the tag count gives way first).
    spoken = `${state} · ${tagCount}`;
    item.description = mark ? fitDescription({ label: node.name, words: [state], details: [tagCount], mark }) : spoken;
    md.appendMarkdown(`${vscode.l10n.t('State: {0}', state)}\n\n`);
    if (!a.writeEnabled) {
      md.appendMarkdown(`${vscode.l10n.t('writeEnabled=false locks the repository and every image in it: nothing in it can be pushed, overwritten or deleted, whatever the tags’ and manifests’ own flags say.')}\n\n`);
    } else if (onlyItself) {
      md.appendMarkdown(`${vscode.l10n.t('deleteEnabled=false protects the repository itself from deletion; its images can still be updated or deleted.')}\n\n`);
    }
    flagsMarkdown(md, a);
    when(md, node.info.createdOn, node.info.lastUpdatedOn);
    md.appendMarkdown(`${vscode.l10n.t('Tags: {0}, manifests: {1}', String(node.info.tagCount), String(node.info.manifestCount))}  \n`);
    if (hidden !== undefined) {
      md.appendMarkdown(
        `${hidden === 1 ? vscode.l10n.t('1 tag is hidden from tag listings (listEnabled=false): find it under its manifest in Manifests.') : vscode.l10n.t('{0} tags are hidden from tag listings (listEnabled=false): find them under their manifests in Manifests.', hidden)}  \n`,
      );
    }
  } else if (attributeError) {
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.description = vscode.l10n.t('lock state unknown');
    md.appendMarkdown(vscode.l10n.t('The lock state could not be read ({0}).', attributeError.kind));
  } else {
    item.iconPath = new vscode.ThemeIcon('repo');
    item.description = vscode.l10n.t('reading locks…');
    md.appendMarkdown(vscode.l10n.t('Reading the lock state…'));
  }
  item.tooltip = md;
  item.accessibilityInformation = { label: vscode.l10n.t('Repository {0}, {1}', node.name, spoken ?? String(item.description)) };
  return item;
}

/**
 * A row's marks in its description: the policy's mark, then the deployment mark — "out of policy ·
 * deployed · values-prod.yaml:12" when the row has room, then "out of policy · deployed", then
 * "drift · deployed" (both words still there in a 300 px side bar); the tooltip and the accessible
 * name say everything.
 */
function rowMarks(node: Node, context: RenderContext): { mark?: string; shortMarks?: readonly string[] } {
  const deployed = context.deployedMark?.(node);
  const policy = context.policyMark?.(node);
  const joined = (...marks: (string | undefined)[]): string | undefined => {
    const kept = marks.filter((m): m is string => m !== undefined && m !== '');
    return kept.length > 0 ? kept.join(' · ') : undefined;
  };
  const mark = joined(policy?.suffix, deployed?.suffix);
  if (mark === undefined) {
    return {};
  }
  const forms = [joined(policy?.suffix, deployed?.word), ...(deployed !== undefined ? [joined(policy?.word, deployed.word)] : [])];
  const shortMarks = forms.filter((form, i): form is string => form !== undefined && form !== mark && forms.indexOf(form) === i);
  return shortMarks.length > 0 ? { mark, shortMarks } : { mark };
}

function manifestCaveat(tag: TagNode): boolean {
  return tag.manifest !== undefined && blocksDelete(tag.manifest.attributes);
}

function tagItem(node: TagNode, context: RenderContext): vscode.TreeItem {
  const item = new vscode.TreeItem(node.tag.name, collapsible(context.expanded?.(node) ?? false));
  const a = node.tag.attributes;
  const words = stateWords(a).map(word);
  if (node.hidden && a.listEnabled === false && !stateWords(a).includes('hidden')) {
    words.push(vscode.l10n.t('hidden'));
  }
  const repository = node.repository.info?.attributes;
  const byRepository = lockedByRepository(repository) && a.writeEnabled;
  if (byRepository) {
    // The repository's write lock is what holds it: say so first (its own flags are in the tooltip).
    words.unshift(vscode.l10n.t('locked by repository'));
  }
  if (manifestCaveat(node)) {
    words.push(vscode.l10n.t('manifest locked'));
  }
  const digest = shortDigest(node.tag.digest);
  // Short enough for a 300 px side bar (the digest goes first); the full words are in the tooltip and the accessible name.
  const marks = rowMarks(node, context);
  item.description = fitDescription({ label: node.tag.name, words, details: [digest], ...marks });
  const fullDescription = `${words.join(', ')} · ${digest}`;
  item.iconPath = themeIcon(tagPresentation(a, node.manifest?.attributes, repository));
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(`${node.repository.name}:${node.tag.name}`)}** (${vscode.l10n.t('tag')})\n\n`);
  if (lockedByRepository(repository)) {
    md.appendMarkdown(`$(lock) ${vscode.l10n.t('Locked by its repository {0} (writeEnabled=false): it cannot be overwritten or deleted, whatever its own flags say.', markdownText(node.repository.name))}\n\n`);
  }
  md.appendMarkdown(
    `${lockedByRepository(repository) ? vscode.l10n.t('State: locked by repository (own flags: {0})', stateText(a)) : vscode.l10n.t('State: {0}', stateText(a))}\n\n`,
  );
  if (node.hidden) {
    md.appendMarkdown(`${vscode.l10n.t('Hidden from tag listings (listEnabled=false); shown here through its manifest.')}\n\n`);
  }
  flagsMarkdown(md, a);
  md.appendMarkdown(`${vscode.l10n.t('Digest: {0}', code(node.tag.digest))}  \n`);
  when(md, node.tag.createdOn, node.tag.lastUpdatedOn);
  if (node.manifest) {
    md.appendMarkdown(`\n${vscode.l10n.t('Manifest: {0}', stateText(node.manifest.attributes))}  \n`);
    if (manifestCaveat(node)) {
      md.appendMarkdown(
        `$(warning) ${vscode.l10n.t('The manifest this tag points to is locked: deleting the image is blocked even if the tag itself is unlocked (tag and manifest locks are separate; either blocks deletion).')}\n`,
      );
    }
  }
  md.supportThemeIcons = true;
  item.tooltip = md;
  item.accessibilityInformation = { label: vscode.l10n.t('Tag {0}, {1}', node.tag.name, fullDescription) };
  return item;
}

function platformOf(m: ManifestInfo): string | undefined {
  return m.architecture || m.os ? [m.os, m.architecture].filter(Boolean).join('/') : undefined;
}

function manifestItem(node: ManifestNode, context: RenderContext): vscode.TreeItem {
  const m = node.manifest;
  const underTag = node.parent?.kind === 'tag';
  const expandable = m.references.length > 0 || (!underTag && m.tags.length > 0) || !m.architecture;
  // The short digest the tag rows show: `sha256:` and the full digest are in the tooltip.
  const label = shortDigest(m.digest);
  const item = new vscode.TreeItem(
    label,
    expandable ? collapsible(context.expanded?.(node) ?? false) : vscode.TreeItemCollapsibleState.None,
  );
  const a = m.attributes;
  const words = stateWords(a).map(word);
  const details: string[] = [];
  const platform = platformOf(m);
  if (platform) {
    details.push(platform);
  } else if (m.references.length > 0) {
    details.push(vscode.l10n.t('multi-arch index'));
  }
  details.push(m.tags.length > 0 ? m.tags.join(', ') : vscode.l10n.t('untagged'));
  const repository = node.repository.info?.attributes;
  if (lockedByRepository(repository) && a.writeEnabled) {
    words.unshift(vscode.l10n.t('locked by repository'));
  }
  const marks = rowMarks(node, context);
  item.description = fitDescription({ label, words, details, ...marks }, MANIFEST_ROW_CHARS);
  const fullDescription = [words.join(', '), ...details].join(' · ');
  item.iconPath = themeIcon(manifestPresentation(a, repository));
  const md = new vscode.MarkdownString();
  md.supportThemeIcons = true;
  md.appendMarkdown(`**${markdownText(`${node.repository.name}@${shortDigest(m.digest)}`)}** (${vscode.l10n.t('manifest')})\n\n`);
  if (lockedByRepository(repository)) {
    md.appendMarkdown(`$(lock) ${vscode.l10n.t('Locked by its repository {0} (writeEnabled=false): it cannot be overwritten or deleted, whatever its own flags say.', markdownText(node.repository.name))}\n\n`);
  }
  md.appendMarkdown(
    `${lockedByRepository(repository) ? vscode.l10n.t('State: locked by repository (own flags: {0})', stateText(a)) : vscode.l10n.t('State: {0}', stateText(a))}\n\n`,
  );
  flagsMarkdown(md, a);
  md.appendMarkdown(`${vscode.l10n.t('Digest: {0}', code(m.digest))}  \n`);
  when(md, m.createdOn, m.lastUpdatedOn);
  const size = formatSize(m.sizeInBytes);
  if (size) {
    md.appendMarkdown(`${vscode.l10n.t('Size: {0}', size)}  \n`);
  }
  if (platform) {
    md.appendMarkdown(`${vscode.l10n.t('Platform: {0}', platform)}  \n`);
  }
  md.appendMarkdown(`${vscode.l10n.t('Tags: {0}', m.tags.length > 0 ? m.tags.join(', ') : vscode.l10n.t('untagged'))}  \n`);
  if (blocksDelete(a)) {
    md.appendMarkdown(`\n${vscode.l10n.t('Deleting this image is blocked by this manifest lock, whatever its tags say.')}\n`);
  }
  item.tooltip = md;
  item.accessibilityInformation = { label: vscode.l10n.t('Manifest {0}, {1}', shortDigest(m.digest), fullDescription) };
  return item;
}

function configProblemText(problem: ConfigProblem): string {
  const entry =
    problem.loginServer !== undefined
      ? vscode.l10n.t('Entry {0} of acrLocks.registries (“{1}”)', String(problem.index + 1), problem.loginServer)
      : vscode.l10n.t('Entry {0} of acrLocks.registries', String(problem.index + 1));
  switch (problem.reason) {
    case 'notObject':
      return vscode.l10n.t('{0} is skipped: each entry is an object with a "loginServer" (for example myregistry.azurecr.io).', entry);
    case 'loginServer':
      return problem.loginServerProblem
        ? vscode.l10n.t('{0} is skipped: {1}', entry, loginServerProblemText(problem.loginServerProblem))
        : vscode.l10n.t('{0} is skipped: the login server is not valid (for example myregistry.azurecr.io).', entry);
    case 'auth':
      return vscode.l10n.t('{0} is skipped: "auth" must be microsoft, azureIdentity, password or anonymous.', entry);
    case 'username':
      return vscode.l10n.t('{0} is skipped: password sign-in needs a "username".', entry);
    case 'cloud':
      return vscode.l10n.t('{0} is skipped: "cloud" must be AzureCloud, AzureChinaCloud, AzureUSGovernment or custom.', entry);
    case 'audience':
      return vscode.l10n.t('{0} is skipped: "audience" must be an https:// address.', entry);
    case 'duplicate':
      return vscode.l10n.t('{0} is skipped: the same login server is listed before it.', entry);
  }
}

function configProblemShort(problem: ConfigProblem): string {
  const entry = String(problem.index + 1);
  switch (problem.reason) {
    case 'notObject':
      return vscode.l10n.t('Settings entry {0} skipped: not an object', entry);
    case 'loginServer':
      return vscode.l10n.t('Settings entry {0} skipped: invalid login server', entry);
    case 'auth':
      return vscode.l10n.t('Settings entry {0} skipped: unknown "auth"', entry);
    case 'username':
      return vscode.l10n.t('Settings entry {0} skipped: no "username"', entry);
    case 'cloud':
      return vscode.l10n.t('Settings entry {0} skipped: unknown "cloud"', entry);
    case 'audience':
      return vscode.l10n.t('Settings entry {0} skipped: "audience" not https', entry);
    case 'duplicate':
      return vscode.l10n.t('Settings entry {0} skipped: duplicate', entry);
  }
}

/** What a message node says in its row: short enough for the side bar (the tooltip has messageDetail). */
export function messageText(node: MessageNode): string {
  const message = node.message;
  switch (message.id) {
    case 'configProblem':
      return configProblemShort(message.problem);
    case 'error':
      return rowErrorText(message.error, true);
    default:
      return messageDetail(node);
  }
}

/** Everything a message node has to say (its tooltip). */
export function messageDetail(node: MessageNode): string {
  const message = node.message;
  switch (message.id) {
    case 'noRepositories':
      return vscode.l10n.t('No repositories.');
    case 'noRepositoryMatch':
      return vscode.l10n.t('No repository or tag matches the filter.');
    case 'searchCut':
      return vscode.l10n.t('Only the first {0} tags were searched. Narrow the filter to find later ones.', message.tags);
    case 'searchIncomplete':
      return message.repositories === 1
        ? vscode.l10n.t('1 repository was not searched (cancelled or over the limit). Narrow the filter, e.g. team/*:v1*.')
        : vscode.l10n.t('{0} repositories were not searched (cancelled or over the limit). Narrow the filter, e.g. team/*:v1*.', message.repositories);
    case 'noTags':
      return vscode.l10n.t('No tags.');
    case 'noTagMatch':
      return vscode.l10n.t('No tag matches the filter.');
    case 'noManifests':
      return vscode.l10n.t('No manifests.');
    case 'noManifestMatch':
      return vscode.l10n.t('No manifest matches the filter.');
    case 'untagged':
      return vscode.l10n.t('Untagged.');
    case 'restricted':
      return vscode.l10n.t('Restricted Mode: trust this workspace to read registries');
    case 'configProblem':
      return configProblemText(message.problem);
    case 'error': {
      const registry = node.parent ? registryOfNode(node.parent) : undefined;
      return describeError(message.error, registry?.config.loginServer ?? vscode.l10n.t('the registry')).message;
    }
  }
}

function actionCommand(action: MessageAction): vscode.Command {
  switch (action.kind) {
    case 'signIn':
      return { command: 'acrLocks.signIn', title: vscode.l10n.t('Sign In'), arguments: [action.registry] };
    case 'enterCredentials':
      return { command: 'acrLocks.enterCredentials', title: vscode.l10n.t('Enter Credentials'), arguments: [action.registry] };
    case 'openSettings':
      return { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['acrLocks.registries'] };
    case 'retry':
      return { command: 'acrLocks.refresh', title: vscode.l10n.t('Retry'), arguments: [action.node] };
    case 'manageTrust':
      return { command: MANAGE_TRUST_COMMAND, title: vscode.l10n.t('Manage Workspace Trust') };
  }
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const text = messageText(node);
  const detail = messageDetail(node);
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.iconPath =
    node.severity === 'error' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('info');
  if (node.action) {
    const command = actionCommand(node.action);
    item.description = command.title;
    item.command = command;
    item.tooltip = `${detail}\n\n${vscode.l10n.t('Click: {0}', command.title)}`;
  } else {
    item.tooltip = detail;
  }
  item.accessibilityInformation = { label: detail };
  return item;
}

export interface RenderContext {
  attributeError(node: RepositoryNode): RegistryError | undefined;
  /** The lock policy's mark on the node, worded (src/tree/drift.ts); undefined when none. */
  policyMark?(node: Node): PolicyMarkText | undefined;
  /** The deployment files' mark on the node (src/tree/deployed.ts); undefined when none. */
  deployedMark?(node: Node): DeployedMarkText | undefined;
  /** Tags of a repository hidden from its listing, once the listing is complete. */
  hiddenTags?(node: RepositoryNode): number | undefined;
  /** Whether a node is drawn expanded (remembered, or opened by the filter). */
  expanded?(node: Node): boolean;
  /** Set while a filter is active: filtered repository rows get ids of their own. */
  readonly filterEpoch?: number;
  /** Why a registry's catalog could not be read, once tried. */
  registryError?(node: RegistryNode): RegistryError | undefined;
}

/** Appends the policy's mark: description suffix (tags and manifests fit it in themselves), tooltip lines, accessible name. */
function withPolicyMark(item: vscode.TreeItem, mark: Pick<PolicyMarkText, 'suffix' | 'tooltip'>, inDescription: boolean): void {
  if (!inDescription) {
    item.description = item.description ? `${String(item.description)} · ${mark.suffix}` : mark.suffix;
  }
  if (item.tooltip instanceof vscode.MarkdownString) {
    item.tooltip.appendMarkdown(`\n\n---\n\n${mark.tooltip}`);
    item.tooltip.supportThemeIcons = true;
  }
  if (item.accessibilityInformation) {
    item.accessibilityInformation = { ...item.accessibilityInformation, label: `${item.accessibilityInformation.label}, ${mark.suffix}` };
  }
}

export function toTreeItem(node: Node, context: RenderContext): vscode.TreeItem {
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'registry':
      item = registryItem(node, context);
      break;
    case 'repository':
      item = repositoryItem(node, context);
      break;
    case 'tag':
      item = tagItem(node, context);
      break;
    case 'manifest':
      item = manifestItem(node, context);
      break;
    case 'manifestGroup':
      item = new vscode.TreeItem(vscode.l10n.t('Manifests'), collapsible(context.expanded?.(node) ?? false));
      item.iconPath = new vscode.ThemeIcon('layers');
      item.tooltip = vscode.l10n.t('Every manifest of {0} by digest: untagged ones, multi-arch indexes and their platforms.', node.repository.name);
      item.accessibilityInformation = { label: vscode.l10n.t('Manifests of {0}', node.repository.name) };
      break;
    case 'loadMore':
      item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.tooltip = vscode.l10n.t('Load the next page (setting acrLocks.pageSize).');
      item.command = { command: 'acrLocks.loadMore', title: vscode.l10n.t('Load more…'), arguments: [node] };
      break;
    case 'message':
      item = messageItem(node);
      break;
  }
  const mark = context.policyMark?.(node);
  if (mark) {
    withPolicyMark(item, mark, node.kind === 'tag' || node.kind === 'manifest' || (node.kind === 'repository' && node.info !== undefined));
  }
  const extra: string[] = mark ? [mark.token] : [];
  const deployed = context.deployedMark?.(node);
  if (deployed) {
    withPolicyMark(item, deployed, node.kind === 'tag' || node.kind === 'manifest');
    extra.push(deployed.token);
  }
  if (node.kind === 'registry' && context.registryError?.(node)?.kind === 'unreachable') {
    extra.push('unreachable');
  }
  item.contextValue = contextValue(node, extra);
  return item;
}
