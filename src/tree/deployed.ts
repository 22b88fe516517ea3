/**
 * Where the tree looks up what the deployment files say of a node: the tags and manifests a
 * deployment references (with each `file:line`), and the orphans — locked items of the deployed
 * repositories that nothing deploys — shown only when the user asked. Filled by src/deploy's VS
 * Code half after each scan (Protect Deployed Images…); the renderer only places the words. No VS Code.
 */
import { Emitter } from '../util/emitter';
import { type Node } from './nodes';

/** One tag or manifest a scan found, as src/deploy hands it over. */
export interface DeployedEntry {
  readonly loginServer: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Where it is deployed: workspace-relative `file:line`, in file and line order (empty for an orphan). */
  readonly at: readonly string[];
  /** Locked, in a deployed repository, and referenced by no deployment. */
  readonly orphan: boolean;
}

export interface DeployedMark {
  readonly at: readonly string[];
  readonly orphan: boolean;
}

function itemKey(loginServer: string, repository: string, tag: string | undefined, digest: string | undefined): string {
  return JSON.stringify([loginServer.toLowerCase(), repository, tag === undefined ? 'm' : 't', tag ?? digest ?? '']);
}

export class DeployedIndex {
  private readonly changed = new Emitter<void>();
  /** Fires after every `replace` or orphan toggle: the tree redraws. */
  readonly onDidChange = this.changed.event;
  private items = new Map<string, DeployedMark>();
  private orphansShown = false;

  /** Replaces every mark with the latest scan's. */
  replace(entries: readonly DeployedEntry[]): void {
    const items = new Map<string, DeployedMark>();
    for (const e of entries) {
      const key = itemKey(e.loginServer, e.repository, e.tag, e.digest);
      const previous = items.get(key);
      items.set(key, previous === undefined ? { at: e.at, orphan: e.orphan } : { at: [...new Set([...previous.at, ...e.at])], orphan: previous.orphan && e.orphan });
    }
    this.items = items;
    this.changed.fire();
  }

  /** Whether orphans are marked in the tree (off until the user asks). */
  get showOrphans(): boolean {
    return this.orphansShown;
  }

  set showOrphans(value: boolean) {
    if (value !== this.orphansShown) {
      this.orphansShown = value;
      this.changed.fire();
    }
  }

  /** Orphans the last scan found. */
  get orphans(): number {
    return [...this.items.values()].filter((m) => m.orphan).length;
  }

  /** A tag's or manifest's mark (undefined: not deployed, or an orphan while orphans are not shown). */
  markOf(node: Node): DeployedMark | undefined {
    let mark: DeployedMark | undefined;
    if (node.kind === 'tag') {
      mark = this.items.get(itemKey(node.repository.registry.config.loginServer, node.repository.name, node.tag.name, undefined));
    } else if (node.kind === 'manifest') {
      mark = this.items.get(itemKey(node.repository.registry.config.loginServer, node.repository.name, undefined, node.manifest.digest));
    }
    return mark === undefined || (mark.orphan && !this.orphansShown) ? undefined : mark;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A node's deployment mark in words (src/deploy words it; the renderer only places it). */
export interface DeployedMarkText {
  /** The mark in words, e.g. "deployed · values-prod.yaml:12": the row's description when it has room, and the accessible name. */
  readonly suffix: string;
  /** The short form a narrow row shows: "deployed" or "orphan". */
  readonly word: string;
  /** Markdown appended to the tooltip: every `file:line`. */
  readonly tooltip: string;
  /** The contextValue token. */
  readonly token: 'deployed' | 'orphan';
}

/** What the explorer is given to show deployment marks. */
export interface DeployedMarks {
  text(node: Node): DeployedMarkText | undefined;
  readonly onDidChange: (listener: () => unknown) => { dispose(): void };
}
