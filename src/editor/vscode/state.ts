/**
 * The editor features' shared state: each document's references (by version, found with the
 * cheap check first), and their status from one lookup per repository (src/editor/lookups.ts),
 * dropped after a lock change this extension makes or a Refresh of the registries view. A
 * repository the tree has listed completely is answered from the tree's listings (no request).
 * Nothing in an untrusted workspace.
 */
import * as vscode from 'vscode';
import { type KnownListings, resolveRepository } from '../../deploy/resolve';
import { type ChangeResult } from '../../locks/apply';
import { type RegistryClient } from '../../registry/registryClient';
import { type RegistryNode } from '../../tree/nodes';
import { RepositoryLookups } from '../lookups';
import { documentReferences, type EditorReference, groupByRepository, mentionsRegistry, repositoryKey } from '../refs';
import { type ReferenceStatus, statusOf } from '../status';
import { editorSettings, fileCounts } from './settings';

export interface EditorDeps {
  /** Registries the user configured or discovered. */
  registries(): readonly RegistryNode[];
  clientFor(registry: RegistryNode): Promise<RegistryClient>;
  isTrusted(): boolean;
  /** Shows the repository (and tag) in the registries view: its filter set to `repository:tag`. */
  reveal(repository: string, tag: string | null): Promise<void>;
  /** The repository's complete listings when the registries view holds them (answered without listing again). */
  loadedListing?(loginServer: string, repository: string): KnownListings | undefined;
  readonly log: vscode.LogOutputChannel;
}

export class EditorState implements vscode.Disposable {
  readonly lookups: RepositoryLookups;
  /** Repositories changed by a lock change made here since the tree's last Refresh of their registry. */
  private readonly changedHere = new Set<string>();
  private readonly refs = new Map<string, { version: number; refs: EditorReference[] }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Documents given to the deployment parsers (the cheap check found a known registry in them): tests read it. */
  parsed = 0;
  /** Fires when statuses may have changed (a lock change, a refresh). */
  readonly onDidChange = this.changed.event;

  constructor(readonly deps: EditorDeps) {
    this.lookups = new RepositoryLookups((loginServer, repository, wanted) => this.resolve(loginServer, repository, wanted));
  }

  registryOf(loginServer: string): RegistryNode | undefined {
    const key = loginServer.toLowerCase();
    return this.deps.registries().find((r) => r.config.loginServer.toLowerCase() === key);
  }

  private async resolve(loginServer: string, repository: string, wanted: Parameters<typeof resolveRepository>[2]): ReturnType<typeof resolveRepository> {
    const registry = this.registryOf(loginServer);
    if (!registry) {
      throw new Error(`${loginServer} is not a configured registry`);
    }
    // After a lock change made here the tree's rows may not be updated yet (or at all): list it ourselves.
    const known = this.changedHere.has(repositoryKey(loginServer, repository)) ? undefined : this.deps.loadedListing?.(loginServer, repository);
    const from = known ? (known.manifests ? ', listings from the tree' : ', tags from the tree') : '';
    this.deps.log.debug(`editor: looking up ${loginServer}/${repository} (${wanted.tags.size} tags, ${wanted.digests.size} digests${from})`);
    return resolveRepository(await this.deps.clientFor(registry), repository, wanted, undefined, known);
  }

  /** The document's references to known registries (none when untrusted or not counted by the settings). */
  referencesOf(document: vscode.TextDocument): EditorReference[] {
    if (!this.deps.isTrusted() || document.uri.scheme === 'output' || !fileCounts(document.uri, editorSettings().files)) {
      return [];
    }
    const key = document.uri.toString();
    const cached = this.refs.get(key);
    if (cached?.version === document.version) {
      return cached.refs;
    }
    const servers = this.deps.registries().map((r) => r.config.loginServer);
    const text = document.getText();
    // The cheap check first: a document naming no known registry never reaches the parsers (dist/deploy.js).
    const refs = mentionsRegistry(text, servers) ? (this.parsed++, documentReferences(document.uri.path, text, servers)) : [];
    this.refs.set(key, { version: document.version, refs });
    return refs;
  }

  /** Each reference's status: one lookup per repository named (none when the cache answers). */
  async statuses(refs: readonly EditorReference[]): Promise<ReferenceStatus[]> {
    const groups = groupByRepository(refs);
    const results = new Map(
      await Promise.all(groups.map(async (g) => [`${g.loginServer.toLowerCase()}/${g.repository}`, await this.lookups.get(g.loginServer, g.repository, g)] as const)),
    );
    return refs.map((ref) => {
      const result = results.get(`${ref.loginServer.toLowerCase()}/${ref.repository}`);
      return result ? statusOf(ref, result) : { word: 'unknown' };
    });
  }

  async statusAt(document: vscode.TextDocument, index: number): Promise<{ ref: EditorReference; status: ReferenceStatus } | undefined> {
    const refs = this.referencesOf(document);
    const ref = refs[index];
    if (!ref) {
      return undefined;
    }
    // The whole document's repositories at once: the lenses and problems need them too.
    const statuses = await this.statuses(refs);
    const status = statuses[index];
    return status ? { ref, status } : undefined;
  }

  /** After a lock change the extension made: that repository is looked up again. */
  lockChanged(loginServer: string, result: ChangeResult): void {
    this.lookups.drop(loginServer, result.target.repository);
    this.changedHere.add(repositoryKey(loginServer, result.target.repository));
    this.changed.fire();
  }

  /** The registries view refreshed a registry (or everything): its lookups are dropped, never older than the tree. */
  treeRefreshed(loginServer: string | undefined): void {
    this.lookups.drop(loginServer);
    const prefix = loginServer === undefined ? '' : `${loginServer.toLowerCase()}/`;
    [...this.changedHere].filter((key) => key.startsWith(prefix)).forEach((key) => this.changedHere.delete(key));
    this.changed.fire();
  }

  /** Everything is looked up again (settings changed, trust granted, refresh). */
  refresh(): void {
    this.lookups.drop();
    this.refs.clear();
    this.changed.fire();
  }

  forget(document: vscode.TextDocument): void {
    this.refs.delete(document.uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}
