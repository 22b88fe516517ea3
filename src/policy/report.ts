/**
 * The lock report for audits: every repository, tag and manifest of a registry (or of some of
 * its repositories) with its four flags, and, when a policy covers the registry, whether each
 * item is in policy. Listings carry the flags; the only reads per item are a repository's own
 * properties and tags hidden from listings (found in their manifests' tag lists). Pure over a source.
 */
import { type LockAttributes, type LockChange } from '../locks/attributes';
import { type NameFilter } from '../util/glob';
import { targetLabel } from '../registry/models';
import { type PolicyEvaluation } from './evaluate';
import { type PolicyManifest, type PolicySource, type PolicyTag, type RegistryInventory, type RepositoryInventory } from './inventory';
import { type PolicyPlan } from './plan';

export interface ReportSource extends PolicySource {
  getRepository(repository: string, signal?: AbortSignal): Promise<{ readonly attributes: LockAttributes; readonly lastUpdatedOn: Date }>;
  getTag(repository: string, tag: string, signal?: AbortSignal): Promise<PolicyTag>;
}

export type PolicyStatus = 'inPolicy' | 'drift' | 'conflict';

export interface LockReportRow {
  readonly kind: 'repository' | 'tag' | 'manifest';
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** A manifest's tags. */
  readonly tags?: readonly string[];
  readonly attributes: LockAttributes;
  readonly lastUpdatedOn: Date;
  /** False for a tag hidden from the `_tags` listing (read directly). */
  readonly listed: boolean;
  /** Absent when no rule selects the item (or no policy was given). */
  readonly policy?: { readonly status: PolicyStatus; readonly rules: readonly string[]; readonly change?: LockChange };
}

export interface LockReport {
  readonly loginServer: string;
  readonly generatedOn: Date;
  readonly rows: readonly LockReportRow[];
}

export interface ReportOptions {
  /** Only these repositories (default: all). */
  readonly repositories?: NameFilter;
  readonly signal?: AbortSignal;
  readonly onRepository?: (repository: string, index: number, total: number) => void;
}

export interface ReportInventory {
  readonly rows: LockReportRow[];
  /** The same listings, for evaluating a policy without reading again. */
  readonly inventory: RegistryInventory;
}

async function hiddenTags(source: ReportSource, name: string, tags: readonly PolicyTag[], manifests: readonly PolicyManifest[], signal?: AbortSignal): Promise<PolicyTag[]> {
  const listed = new Set(tags.map((t) => t.name));
  const missing = [...new Set(manifests.flatMap((m) => m.tags))].filter((t) => !listed.has(t));
  const found: PolicyTag[] = [];
  for (const tag of missing) {
    found.push(await source.getTag(name, tag, signal));
  }
  return found;
}

export async function collectReport(source: ReportSource, loginServer: string, options: ReportOptions = {}): Promise<ReportInventory> {
  const names = (await source.listRepositoryNames(options.signal)).filter((n) => options.repositories?.(n) ?? true);
  const rows: LockReportRow[] = [];
  const repositories: RepositoryInventory[] = [];
  for (const [index, name] of names.entries()) {
    options.signal?.throwIfAborted();
    options.onRepository?.(name, index, names.length);
    const repository = await source.getRepository(name, options.signal);
    const tags = await source.listTags(name, options.signal);
    const manifests = await source.listManifests(name, options.signal);
    const hidden = await hiddenTags(source, name, tags, manifests, options.signal);
    rows.push({ kind: 'repository', repository: name, attributes: repository.attributes, lastUpdatedOn: repository.lastUpdatedOn, listed: true });
    for (const [tag, listed] of [...tags.map((t) => [t, true] as const), ...hidden.map((t) => [t, false] as const)]) {
      rows.push({ kind: 'tag', repository: name, tag: tag.name, digest: tag.digest, attributes: tag.attributes, lastUpdatedOn: tag.lastUpdatedOn, listed });
    }
    for (const m of manifests) {
      rows.push({ kind: 'manifest', repository: name, digest: m.digest, tags: m.tags, attributes: m.attributes, lastUpdatedOn: m.lastUpdatedOn, listed: true });
    }
    repositories.push({ name, tags: [...tags, ...hidden], manifests });
  }
  return { rows, inventory: { loginServer, repositories } };
}

function rowKey(row: Pick<LockReportRow, 'kind' | 'repository' | 'tag' | 'digest'>): string {
  return row.kind === 'tag' ? `t ${row.repository}:${row.tag ?? ''}` : row.kind === 'manifest' ? `m ${row.repository}@${row.digest ?? ''}` : `r ${row.repository}`;
}

/** Marks each selected row in policy, drifting (with the change and its rules) or in conflict. */
export function annotateReport(rows: readonly LockReportRow[], evaluation: PolicyEvaluation, plan: PolicyPlan): LockReportRow[] {
  const status = new Map<string, NonNullable<LockReportRow['policy']>>();
  for (const repository of evaluation.repositories) {
    for (const item of repository.items) {
      const t = item.target;
      const key = rowKey(t.kind === 'tag' ? { kind: 'tag', repository: t.repository, tag: t.tag } : { kind: 'manifest', repository: t.repository, digest: t.digest });
      const rules = [...new Set([...Object.values(item.desired).flatMap((d) => d.rules), ...repository.conflicts.filter((c) => targetLabel(c.target) === targetLabel(t)).flatMap((c) => c.settings.map((s) => s.rule))])];
      status.set(key, { status: item.conflicted.length > 0 ? 'conflict' : 'inPolicy', rules });
    }
  }
  for (const change of plan.repositories.flatMap((r) => r.changes)) {
    const t = change.target;
    const key = rowKey(t.kind === 'tag' ? { kind: 'tag', repository: t.repository, tag: t.tag } : { kind: 'manifest', repository: t.repository, digest: t.digest });
    const previous = status.get(key);
    status.set(key, { status: previous?.status === 'conflict' ? 'conflict' : 'drift', rules: previous?.rules ?? change.rules, change: change.change });
  }
  return rows.map((row) => {
    const found = status.get(rowKey(row));
    return found === undefined ? row : { ...row, policy: found };
  });
}
