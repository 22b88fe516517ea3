/**
 * Which image references a document has that name a registry the user configured or discovered.
 * The cheap step first: a file whose text names none of those registries is not parsed at all.
 * Pure (no `vscode`): positions are 0-based here, ready for editor ranges.
 */
import { extractFile } from '../deploy/extract';
import { parseReference } from '../deploy/reference';
import { type ImageReference, type ReferencePart } from '../deploy/types';

/** A 0-based range in a document. */
export interface EditorRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface EditorReference {
  /** Position in the document's list (command links name a reference by it). */
  readonly index: number;
  readonly range: EditorRange;
  /** The reference as written. */
  readonly text: string;
  /** The login server as configured (its spelling), the repository, tag and digest. */
  readonly loginServer: string;
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
  readonly kind: ImageReference['kind'];
  readonly format: string;
  /** Helm split values and Kustomize overrides: where each component is written (0-based). */
  readonly parts?: readonly EditorPart[];
}

export interface EditorPart {
  readonly key: string;
  readonly line: number;
  readonly column: number;
  readonly value: string;
}

function part(p: ReferencePart): EditorPart {
  return { key: p.key, line: p.line - 1, column: p.column - 1, value: p.value };
}

/** True when the text names one of the login servers (case-insensitive substring): the cheap pre-check. */
export function mentionsRegistry(text: string, loginServers: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return loginServers.some((server) => server !== '' && lower.includes(server.toLowerCase()));
}

/**
 * The references of one document that name a known registry, in document order. `path` decides the
 * format (as the extractor's `detectFormat`), `loginServers` are the known registries.
 */
export function documentReferences(path: string, text: string, loginServers: readonly string[]): EditorReference[] {
  if (loginServers.length === 0 || !mentionsRegistry(text, loginServers)) {
    return [];
  }
  const byHost = new Map(loginServers.map((server) => [server.toLowerCase(), server]));
  const out: EditorReference[] = [];
  for (const ref of extractFile(path, text).references) {
    if ((ref.kind !== 'image' && ref.kind !== 'base-image') || ref.image === null) {
      continue;
    }
    const parsed = parseReference(ref.image);
    if (!parsed.ok) {
      continue;
    }
    const loginServer = byHost.get(parsed.ref.domain.toLowerCase());
    if (loginServer === undefined) {
      continue;
    }
    const endLine = (ref.endLine ?? ref.line) - 1;
    const endColumn = ref.endColumn !== undefined ? ref.endColumn - 1 : ref.column - 1 + ref.text.length;
    out.push({
      index: out.length,
      range: { startLine: ref.line - 1, startColumn: ref.column - 1, endLine, endColumn },
      text: ref.text,
      loginServer,
      repository: parsed.ref.path,
      tag: parsed.ref.tag,
      digest: parsed.ref.digest,
      kind: ref.kind,
      format: ref.format,
      ...(ref.parts ? { parts: ref.parts.map(part) } : {}),
    });
  }
  return out;
}

/** The repositories a document's references name, each with the tags and digests wanted of it. */
export interface RepositoryWanted {
  readonly loginServer: string;
  readonly repository: string;
  readonly tags: Set<string>;
  readonly digests: Set<string>;
}

/** One entry per repository (the batching: one lookup per repository, however many references). */
export function groupByRepository(refs: readonly EditorReference[]): RepositoryWanted[] {
  const groups = new Map<string, RepositoryWanted>();
  for (const ref of refs) {
    const key = repositoryKey(ref.loginServer, ref.repository);
    let group = groups.get(key);
    if (!group) {
      group = { loginServer: ref.loginServer, repository: ref.repository, tags: new Set(), digests: new Set() };
      groups.set(key, group);
    }
    if (ref.digest !== null) {
      group.digests.add(ref.digest);
    } else {
      // No tag and no digest: `latest` is what is pulled.
      group.tags.add(ref.tag ?? 'latest');
    }
  }
  return [...groups.values()];
}

export function repositoryKey(loginServer: string, repository: string): string {
  return `${loginServer.toLowerCase()}/${repository}`;
}
