/**
 * Kustomize `images:` overrides (kustomization.yaml, Flux `Kustomization.spec.images`) and Argo CD
 * `kustomize.images` strings. Each item gives two references: the `name` it matches (any tag) and
 * the override composed from `newName`/`newTag`/`digest`, which wins.
 */
import { type Scalar, isMap } from 'yaml';
import { scalarText, deref, getPair, items, walkCollections } from '../yamlSource';
import type { ReferencePart } from '../types';
import type { YamlContext } from './yamlContext';

export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** The override a Kustomize images item applies to `written` (an image as written in a resource), or null when it does not match. */
export function applyKustomizeImage(written: string, item: KustomizeImage): string | null {
  const { name, tag, digest } = splitForKustomize(written);
  if (name !== item.name) {
    return null;
  }
  let newName = item.newName ?? name;
  let newTag = tag;
  let newDigest = digest;
  if (item.newTag && item.digest) {
    newTag = item.newTag;
    newDigest = item.digest;
  } else if (item.newTag) {
    newTag = item.newTag;
    newDigest = null;
  } else if (item.digest) {
    newTag = null;
    newDigest = item.digest;
  }
  if (newTag !== null) {
    newName += `:${newTag}`;
  }
  if (newDigest !== null) {
    newName += `@${newDigest}`;
  }
  return newName;
}

/** Kustomize's split of an image string: name, tag and digest (a `:` after the last `/` starts the tag). */
function splitForKustomize(written: string): { name: string; tag: string | null; digest: string | null } {
  let rest = written;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  }
  return { name: rest, tag: null, digest };
}

/** The `images:` items of a kustomization node, as values (for the resolver). */
export function readKustomizeImages(ctx: Pick<YamlContext, 'doc'>, images: unknown): KustomizeImage[] {
  const out: KustomizeImage[] = [];
  for (const item of items(deref(images, ctx.doc))) {
    const map = deref(item, ctx.doc);
    const name = stringOf(getPair(map, 'name')?.value, ctx);
    if (!name) {
      continue;
    }
    const image: KustomizeImage = { name };
    for (const key of ['newName', 'newTag', 'digest'] as const) {
      const value = stringOf(getPair(map, key)?.value, ctx);
      if (value) {
        image[key] = value;
      }
    }
    out.push(image);
  }
  return out;
}

function stringOf(node: unknown, ctx: Pick<YamlContext, 'doc'>): string | undefined {
  const target = deref(node, ctx.doc) as Scalar | undefined;
  const value = target?.value;
  return value === null || value === undefined || typeof value === 'object' ? undefined : String(value);
}

/** The references written in an `images:` list (kustomization.yaml or Flux `spec.images`). */
export function extractKustomizeImages(ctx: YamlContext, images: unknown, format = 'kustomize'): void {
  for (const item of items(deref(images, ctx.doc))) {
    const map = deref(item, ctx.doc);
    if (!isMap(map)) {
      continue;
    }
    const name = scalarText(getPair(map, 'name')?.value, ctx.source, ctx.doc);
    const parts: ReferencePart[] = [];
    let lastEnd = 0;
    for (const key of ['newName', 'newTag', 'digest'] as const) {
      const written = scalarText(getPair(map, key)?.value, ctx.source, ctx.doc);
      if (written && written.text !== '') {
        lastEnd = Math.max(lastEnd, written.end);
        const at = ctx.out.lines.position(written.offset);
        parts.push({ key, line: at.line, column: at.column, value: written.text });
      }
    }
    const part = (key: string): string | undefined => parts.find((p) => p.key === key)?.value;
    const overridden = parts.length > 0;
    if (name && name.text !== '') {
      ctx.out.add({
        offset: name.offset,
        text: name.text,
        format,
        note: overridden ? 'kustomize images name: the original image matched (any tag); overridden by newName/newTag/digest, which win' : 'kustomize images name',
      });
    }
    if (!overridden || !name) {
      continue;
    }
    const newName = part('newName') ?? name.text;
    let composed = newName;
    if (part('newTag') !== undefined) {
      composed += `:${part('newTag') ?? ''}`;
    }
    if (part('digest') !== undefined) {
      composed += `@${part('digest') ?? ''}`;
    }
    const first = parts[0];
    const firstWritten = first ? scalarText(getPair(map, first.key)?.value, ctx.source, ctx.doc) : undefined;
    if (!firstWritten) {
      continue;
    }
    ctx.out.add({
      offset: firstWritten.offset,
      end: lastEnd,
      text: composed,
      format,
      parts,
      note: `kustomize override of ${name.text}: ${parts.map((p) => `${p.key} line ${p.line}`).join(' + ')}; wins`,
    });
  }
}

/** Argo CD `kustomize.images` strings: `name=newName:tag` (two references on one line) or `name:tag`. */
export function extractArgoImages(ctx: YamlContext, format = 'argocd'): void {
  walkCollections(ctx.doc, ctx.budget, (visit) => {
    if (visit.key !== 'kustomize' || !isMap(visit.node)) {
      return;
    }
    for (const item of items(deref(getPair(visit.node, 'images')?.value, ctx.doc))) {
      const written = scalarText(item, ctx.source, ctx.doc);
      if (!written) {
        continue;
      }
      const equals = written.text.indexOf('=');
      if (equals < 0) {
        ctx.out.add({ offset: written.offset, text: written.text, format, note: 'Argo CD kustomize.images override' });
        continue;
      }
      const left = written.text.slice(0, equals);
      const right = written.text.slice(equals + 1);
      ctx.out.add({ offset: written.offset, text: left, format, note: "Argo CD kustomize.images 'name=newName:tag': original image name matched (any tag); overridden by the right-hand side, which wins" });
      ctx.out.add({ offset: written.offset + equals + 1, text: right, format, note: "Argo CD kustomize.images override (right-hand side of '='): wins" });
    }
  });
}
