/**
 * Extraction per set: each set's files read and every reference classified; a position found by
 * several sets is one reference (the sets listed, the best classification kept). Then one
 * DeployedReference per position, in file and line order.
 */
import { join } from 'node:path';
import { type NameFilter, pathGlob, tagGlob } from '../../util/glob';
import { extractTree } from '../extract';
import { type ExtractError } from '../types';
import { type Classified, classify, STATUS_RANK } from './classify';
import { type Blocker, type DeployedReference, type DeploySetInput, type PlanDeploymentsOptions } from './types';

/** One position (`path\nline\ncolumn\ntext`): the sets that found it and the best classification. */
type Positions = Map<string, { best: Classified; sets: string[] }>;

export interface SetsRead {
  readonly positions: Positions;
  readonly extractionErrors: ExtractError[];
  /** Unreadable files and sets without any image reference, set by set. */
  readonly blockers: Blocker[];
  readonly summaries: { name: string; files: number; references: number }[];
}

/** Every set in turn (see readSet); an error of a file two sets read is reported once. */
export async function readSets(options: PlanDeploymentsOptions, managed: ReadonlyMap<string, string>): Promise<SetsRead> {
  const read: SetsRead = { positions: new Map(), extractionErrors: [], blockers: [], summaries: [] };
  const seenErrors = new Set<string>();
  for (const set of options.sets) {
    options.signal?.throwIfAborted();
    await readSet(set, options, managed, seenErrors, read);
  }
  return read;
}

/** One set: its files (less `exclude`), their errors as blockers, each reference classified at its position. */
async function readSet(set: DeploySetInput, options: PlanDeploymentsOptions, managed: ReadonlyMap<string, string>, seenErrors: Set<string>, read: SetsRead): Promise<void> {
  const extract = options.extract ?? extractTree;
  const root = set.root ?? options.root;
  const excluded = set.exclude.map((g) => pathGlob(g));
  const keep = (file: string): boolean => !excluded.some((filter) => filter(file));
  const floating = ((filters: NameFilter[]) => (tag: string) => filters.some((f) => f(tag)))(set.floatingTags.map((g) => tagGlob(g)));
  const tree = await extract(root, set.files);
  const files = tree.files.filter((f) => keep(f.file));
  const errors = tree.errors.filter((e) => keep(e.file));
  for (const error of errors) {
    const key = `${root}\n${error.file}\n${error.error}`;
    if (!seenErrors.has(key)) {
      seenErrors.add(key);
      read.extractionErrors.push({ file: join(root, error.file), error: error.error });
      read.blockers.push({ kind: 'extraction', message: `${join(root, error.file)}: ${error.error.startsWith(`${error.file}: `) ? error.error.slice(error.file.length + 2) : error.error}` });
    }
  }
  let images = 0;
  for (const file of files) {
    for (const ref of file.references) {
      if (ref.kind === 'build-stage') {
        continue;
      }
      const classified = classify(ref, set, root, managed, floating);
      if (classified.status === 'image' || classified.status === 'notManaged' || (classified.status === 'baseImage' && set.baseImages)) {
        images += 1;
      }
      const key = `${join(root, ref.file)}\n${ref.line}\n${ref.column}\n${ref.text}`;
      const existing = read.positions.get(key);
      if (existing === undefined) {
        read.positions.set(key, { best: classified, sets: [set.name] });
      } else {
        existing.sets.push(set.name);
        if (STATUS_RANK[classified.status] < STATUS_RANK[existing.best.status]) {
          existing.best = classified;
        }
      }
    }
  }
  read.summaries.push({ name: set.name, files: files.length, references: images });
  if (images === 0) {
    read.blockers.push({
      kind: 'noReferences',
      message: `deployment set "${set.name}" found no image reference in ${files.length} ${files.length === 1 ? 'file' : 'files'} (files: ${set.files.join(', ')})`,
    });
  }
}

/** One reference per position, sorted by path, line and column, each with its classification. */
export function referencesOf(positions: Positions): { references: DeployedReference[]; classifiedOf: Map<DeployedReference, Classified> } {
  const references: DeployedReference[] = [...positions.values()].map(({ best, sets }) => {
    const { ref } = best;
    return {
      sets,
      file: ref.file,
      path: join(best.root, ref.file),
      line: ref.line,
      column: ref.column,
      text: ref.text,
      image: ref.image,
      kind: ref.kind,
      format: ref.format,
      ...(best.loginServer === undefined ? {} : { loginServer: best.loginServer }),
      ...(best.registry === undefined ? {} : { registry: best.registry }),
      ...(best.repository === undefined ? {} : { repository: best.repository }),
      ...(best.tag === undefined ? {} : { tag: best.tag }),
      ...(best.digest === undefined ? {} : { digest: best.digest }),
      status: best.status !== 'image' ? best.status : best.floating === true ? 'floating' : 'unchecked',
      ...(best.status === 'notManaged' ? { message: 'not managed here' } : {}),
      ...(best.floating === true ? { message: 'floating tag: pin by digest' } : {}),
    };
  });
  references.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  const classifiedOf = new Map<DeployedReference, Classified>();
  for (const r of references) {
    const key = `${r.path}\n${r.line}\n${r.column}\n${r.text}`;
    const found = positions.get(key);
    if (found !== undefined) {
      classifiedOf.set(r, found.best);
    }
  }
  return { references, classifiedOf };
}
