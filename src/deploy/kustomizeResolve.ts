/**
 * Kustomize overrides applied: the images a kustomization renders to, i.e. the container images
 * of its resources / bases / components (recursively, overlays over bases) after each level's
 * `images:` entries (matched on the name as written, tag/digest replaced as Kustomize 5 does).
 * The oracle is `kubectl kustomize DIR`; the unit tests compare against its committed output.
 * Remote bases (URLs) are not fetched: they are listed in `skipped`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Collector } from './collector';
import { DeployInputError } from './errors';
import { extractKubernetes } from './formats/kubernetes';
import { applyKustomizeImage, readKustomizeImages } from './formats/kustomize';
import { MAX_KUSTOMIZE_DEPTH, MAX_KUSTOMIZE_FILES } from './limits';
import { LineIndex } from './lines';
import type { ImageReference } from './types';
import { Budget, get, items, parseYaml, scalarValue } from './yamlSource';

export interface KustomizeFs {
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  isDirectory(path: string): boolean;
}

export const nodeKustomizeFs: KustomizeFs = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
};

export interface ResolvedImage {
  /** The image as Kustomize writes it in the rendered output. */
  image: string;
  /** Where the original reference is written (a resource file of the tree). */
  source: ImageReference;
  /** The kustomization directories whose `images:` rewrote it, innermost first. */
  rewrittenBy: string[];
}

export interface KustomizeResolution {
  images: ResolvedImage[];
  errors: string[];
  skipped: string[];
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function resolveKustomization(dir: string, fs: KustomizeFs = nodeKustomizeFs): KustomizeResolution {
  const state = { files: 0, errors: [] as string[], skipped: [] as string[] };
  const images = resolveDir(dir, fs, 0, state, new Set());
  return { images, errors: state.errors, skipped: state.skipped };
}

interface State {
  files: number;
  errors: string[];
  skipped: string[];
}

function resolveDir(dir: string, fs: KustomizeFs, depth: number, state: State, active: Set<string>): ResolvedImage[] {
  if (depth > MAX_KUSTOMIZE_DEPTH) {
    throw new DeployInputError(`${dir}: kustomization bases nest deeper than ${MAX_KUSTOMIZE_DEPTH}`);
  }
  if (active.has(dir)) {
    state.errors.push(`${dir}: kustomization cycle`);
    return [];
  }
  const name = KUSTOMIZATION_NAMES.find((candidate) => fs.readFile(join(dir, candidate)) !== undefined);
  if (!name) {
    state.errors.push(`${dir}: no kustomization.yaml`);
    return [];
  }
  const path = join(dir, name);
  const text = fs.readFile(path) ?? '';
  countFile(state, path);
  const parsed = parseYaml(text, new LineIndex(text));
  state.errors.push(...parsed.errors.map((error) => `${path}: ${error}`));
  const doc = parsed.docs[0];
  if (!doc) {
    return [];
  }
  active.add(dir);
  const out: ResolvedImage[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    for (const entry of items(get(doc.contents, field, doc))) {
      const relative = scalarValue(entry, doc);
      if (!relative) {
        continue;
      }
      if (/^[a-z]+:\/\//i.test(relative) || relative.startsWith('github.com/')) {
        state.skipped.push(`${path}: remote ${field} entry ${relative}`);
        continue;
      }
      const target = join(dir, relative);
      if (fs.isDirectory(target)) {
        out.push(...resolveDir(target, fs, depth + 1, state, active));
      } else {
        out.push(...resourceImages(target, fs, state));
      }
    }
  }
  active.delete(dir);
  const overrides = readKustomizeImages({ doc }, get(doc.contents, 'images'));
  for (const resolved of out) {
    for (const override of overrides) {
      const next = applyKustomizeImage(resolved.image, override);
      if (next !== null) {
        resolved.image = next;
        resolved.rewrittenBy.push(dir);
      }
    }
  }
  return out;
}

function countFile(state: State, path: string): void {
  if (++state.files > MAX_KUSTOMIZE_FILES) {
    throw new DeployInputError(`${path}: more than ${MAX_KUSTOMIZE_FILES} files in one kustomization`);
  }
}

function resourceImages(path: string, fs: KustomizeFs, state: State): ResolvedImage[] {
  const text = fs.readFile(path);
  if (text === undefined) {
    state.errors.push(`${path}: resource not found`);
    return [];
  }
  countFile(state, path);
  const lines = new LineIndex(text);
  const out = new Collector(path, lines, 'kubernetes');
  const parsed = parseYaml(text, lines);
  state.errors.push(...parsed.errors.map((error) => `${path}: ${error}`));
  const budget = new Budget();
  for (const doc of parsed.docs) {
    extractKubernetes({ doc, source: text, out, budget });
  }
  return out.refs.map((ref) => ({ image: ref.text, source: ref, rewrittenBy: [] }));
}
