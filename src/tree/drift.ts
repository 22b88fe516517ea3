/**
 * Where the tree looks up the lock policy's verdict on a node: the items the last Check Policy
 * found out of policy (flags to change, with the rules that want them) or in conflict (rules that
 * disagree), and per repository how many of each. Filled by src/policy after each check; the
 * renderer consults it for the description, tooltip and contextValue. No VS Code.
 */
import { type FlagName } from '../locks/attributes';
import { Emitter } from '../util/emitter';
import { type Node } from './nodes';

/** One flag of a marked item: what the rules want of it. */
export interface FlagMark {
  readonly flag: FlagName;
  /** The item's value when checked (absent for a flag in conflict). */
  readonly current?: boolean;
  /** Each rule's wish, in file order (one value for drift; at least two for a conflict). */
  readonly settings: readonly { readonly rule: string; readonly value: boolean }[];
  readonly conflict: boolean;
}

export interface DriftMark {
  /** 'conflict' when any flag is in conflict. */
  readonly kind: 'drift' | 'conflict';
  readonly flags: readonly FlagMark[];
  /** The rules behind the mark, in file order. */
  readonly rules: readonly string[];
  /** The policy file, as the user knows it (workspace-relative). */
  readonly file: string;
}

export interface RepositoryDrift {
  /** Items of the repository with a flag to change. */
  readonly drift: number;
  /** Items of the repository in conflict. */
  readonly conflicts: number;
  readonly rules: readonly string[];
  readonly file: string;
}

/** One item's mark, as src/policy hands it over. */
export interface DriftEntry {
  readonly loginServer: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly mark: DriftMark;
}

function registryKey(loginServer: string): string {
  return loginServer.toLowerCase();
}

function itemKey(loginServer: string, repository: string, tag: string | undefined, digest: string | undefined): string {
  return JSON.stringify([registryKey(loginServer), repository, tag === undefined ? 'm' : 't', tag ?? digest ?? '']);
}

function merge(a: DriftMark, b: DriftMark): DriftMark {
  return {
    kind: a.kind === 'conflict' || b.kind === 'conflict' ? 'conflict' : 'drift',
    flags: [...a.flags, ...b.flags.filter((f) => !a.flags.some((g) => g.flag === f.flag))],
    rules: [...new Set([...a.rules, ...b.rules])],
    file: a.file,
  };
}

export class DriftIndex {
  private readonly changed = new Emitter<void>();
  /** Fires after every `replace`/`clear`: the tree redraws. */
  readonly onDidChange = this.changed.event;
  private items = new Map<string, DriftMark>();
  private repositories = new Map<string, RepositoryDrift>();

  /** Replaces every mark with the latest check's. */
  replace(entries: readonly DriftEntry[]): void {
    const items = new Map<string, DriftMark>();
    for (const e of entries) {
      const key = itemKey(e.loginServer, e.repository, e.tag, e.digest);
      const previous = items.get(key);
      items.set(key, previous === undefined ? e.mark : merge(previous, e.mark));
    }
    const repositories = new Map<string, RepositoryDrift>();
    for (const e of entries) {
      const key = JSON.stringify([registryKey(e.loginServer), e.repository]);
      const r = repositories.get(key) ?? { drift: 0, conflicts: 0, rules: [], file: e.mark.file };
      repositories.set(key, {
        drift: r.drift + (e.mark.kind === 'drift' ? 1 : 0),
        conflicts: r.conflicts + (e.mark.kind === 'conflict' ? 1 : 0),
        rules: [...new Set([...r.rules, ...e.mark.rules])],
        file: r.file,
      });
    }
    this.items = items;
    this.repositories = repositories;
    this.changed.fire();
  }

  clear(): void {
    this.replace([]);
  }

  /** Items out of policy or in conflict (what the view's badge counts). */
  get size(): number {
    return this.items.size;
  }

  /** A tag's or manifest's mark (undefined: in policy, not selected, or not checked). */
  markOf(node: Node): DriftMark | undefined {
    switch (node.kind) {
      case 'tag':
        return this.items.get(itemKey(node.repository.registry.config.loginServer, node.repository.name, node.tag.name, undefined));
      case 'manifest':
        return this.items.get(itemKey(node.repository.registry.config.loginServer, node.repository.name, undefined, node.manifest.digest));
      default:
        return undefined;
    }
  }

  /** A repository's counts (undefined when none of its items is marked). */
  repositoryOf(node: Node): RepositoryDrift | undefined {
    return node.kind === 'repository' ? this.repositories.get(JSON.stringify([registryKey(node.registry.config.loginServer), node.name])) : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A node's policy mark in words (src/policy words it; the renderer only places it). */
export interface PolicyMarkText {
  /** Appended to the row's description, e.g. "out of policy". */
  readonly suffix: string;
  /** The short form a narrow row shows beside another mark: "drift" or "conflict" (the suffix itself for a repository's counts). */
  readonly word: string;
  /** Markdown appended to the tooltip: which rule wants what. */
  readonly tooltip: string;
  /** The contextValue token (package.json `when` clauses). */
  readonly token: 'policyDrift' | 'policyConflict';
}

/** What the explorer is given to show policy marks. */
export interface PolicyMarks {
  text(node: Node): PolicyMarkText | undefined;
  readonly onDidChange: (listener: () => unknown) => { dispose(): void };
}
