/**
 * Entry points: `extractFile(path, text)` for one file, `extractTree(root, globs)` for a directory.
 * Every failure is an explicit `ExtractError` naming the file (size, binary, nesting, alias
 * expansion, syntax), never a silent empty result.
 */
import { type Dirent, promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileGlob } from '../util/glob';
import { Collector } from './collector';
import { detectFormat, formatFromName } from './detect';
import { DeployInputError, fileError, looksBinary, precheck } from './errors';
import { extractArm } from './formats/arm';
import { extractBicep } from './formats/bicep';
import { extractDockerfile } from './formats/dockerfile';
import { extractBake, extractTerraform } from './formats/hcl';
import { extractYaml } from './formats/yaml';
import { MAX_FILE_BYTES, MAX_TREE_FILES } from './limits';
import { LineIndex } from './lines';
import type { ExtractError, FileResult, ImageReference } from './types';

export type { ExtractError, FileResult, ImageReference, RefKind } from './types';

export function extractFile(path: string, text: string): FileResult {
  const format = detectFormat(path, text);
  const result: FileResult = { file: path, format, references: [], errors: [] };
  if (format === null) {
    return result;
  }
  const refused = precheck(text);
  if (refused) {
    result.errors.push(fileError(path, refused));
    return result;
  }
  const lines = new LineIndex(text);
  const out = new Collector(path, lines, format);
  try {
    switch (format) {
      case 'yaml': {
        const yaml = extractYaml(path, text, lines, out);
        result.format = yaml.flavours.find((flavour) => flavour !== 'yaml') ?? 'yaml';
        result.errors.push(...yaml.errors.map((message) => fileError(path, message)));
        break;
      }
      case 'dockerfile':
        extractDockerfile(text, lines, out);
        break;
      case 'bicep':
        extractBicep(text, out);
        break;
      case 'arm':
        extractArm(text, out);
        break;
      case 'terraform':
        extractTerraform(text, out);
        break;
      case 'bake':
        extractBake(text, out);
        break;
    }
  } catch (error) {
    result.errors.push(fileError(path, describe(error)));
    return result;
  }
  result.references = dedupe(out.refs);
  return result;
}

function describe(error: unknown): string {
  if (error instanceof DeployInputError) {
    return error.message;
  }
  if (error instanceof RangeError) {
    return `input too deeply nested to read (${error.message})`;
  }
  return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
}

/** One reference per position, text and kind (an alias walked twice, or two rules on one node). */
function dedupe(refs: readonly ImageReference[]): ImageReference[] {
  const seen = new Set<string>();
  const out: ImageReference[] = [];
  for (const ref of refs) {
    const key = `${ref.line}:${ref.column}:${ref.kind}:${ref.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(ref);
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

export interface TreeResult {
  files: FileResult[];
  references: ImageReference[];
  errors: ExtractError[];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.terraform']);

/**
 * Every deployment file under `root` whose path (relative, `/`-separated) matches one of `globs`
 * (all files when none), extracted. Paths in the results are relative to `root`.
 */
export async function extractTree(root: string, globs: readonly string[] = []): Promise<TreeResult> {
  const filters = globs.map((glob) => compileGlob(glob, { pathSegments: true }));
  const result: TreeResult = { files: [], references: [], errors: [] };
  const pending = [root];
  let seen = 0;
  while (pending.length > 0) {
    const dir = pending.pop();
    if (dir === undefined) {
      break;
    }
    let names: Dirent[];
    try {
      names = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      result.errors.push(fileError(relative(root, dir) || '.', `cannot list directory: ${error instanceof Error ? error.message : String(error)}`));
      continue;
    }
    for (const entry of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) {
          pending.push(full);
        }
        continue;
      }
      if (!entry.isFile() || formatFromName(rel) === undefined || (filters.length > 0 && !filters.some((filter) => filter(rel)))) {
        continue;
      }
      if (++seen > MAX_TREE_FILES) {
        result.errors.push(fileError(rel, `more than ${MAX_TREE_FILES} candidate files under ${root}; stopped`));
        return result;
      }
      const file = await readTreeFile(full, rel);
      if ('error' in file) {
        result.errors.push(file);
        continue;
      }
      const extracted = extractFile(rel, file.text);
      result.files.push(extracted);
      result.references.push(...extracted.references);
      result.errors.push(...extracted.errors);
    }
  }
  return result;
}

async function readTreeFile(full: string, rel: string): Promise<{ text: string } | ExtractError> {
  try {
    const stat = await fs.stat(full);
    if (stat.size > MAX_FILE_BYTES) {
      return fileError(rel, `file is ${stat.size} bytes, larger than the ${MAX_FILE_BYTES}-byte limit for deployment files`);
    }
    const buffer = await fs.readFile(full);
    if (buffer.includes(0)) {
      return fileError(rel, 'file is binary (NUL bytes), not a text deployment file');
    }
    const text = buffer.toString('utf8');
    return looksBinary(text) ? fileError(rel, 'file is binary (control bytes), not a text deployment file') : { text };
  } catch (error) {
    return fileError(rel, `cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
