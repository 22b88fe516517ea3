/**
 * Compose files: `services.<name>.image` (a service with only `build:` has no reference), with
 * `${VAR:-default}` / `${VAR-default}` resolved to the default and noted (`${VAR}` without a
 * default is a `template`), and build args whose name says they carry an image (`NODE_IMAGE`, …).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { interpolate } from '../interpolate';
import { deref, entries, get, items, scalarText } from '../yamlSource';
import type { YamlContext } from './yamlContext';

const IMAGE_ARG = /IMAGE/i;

export function extractCompose(ctx: YamlContext, format = 'compose'): void {
  for (const service of entries(deref(get(ctx.doc.contents, 'services'), ctx.doc))) {
    const body = deref(service.value, ctx.doc);
    if (!isMap(body)) {
      continue;
    }
    const hasBuild = get(body, 'build') !== undefined;
    addInterpolated(ctx, get(body, 'image'), format, hasBuild ? 'service also has build:' : undefined);
    const args = deref(get(deref(get(body, 'build'), ctx.doc), 'args'), ctx.doc);
    if (isMap(args)) {
      for (const arg of entries(args)) {
        if (IMAGE_ARG.test(arg.key)) {
          addInterpolated(ctx, arg.value, format, `build arg ${arg.key} of service ${service.key}`);
        }
      }
    } else if (isSeq(args)) {
      for (const item of items(args)) {
        const written = scalarText(item, ctx.source, ctx.doc);
        const equals = written?.text.indexOf('=') ?? -1;
        if (written && equals > 0 && IMAGE_ARG.test(written.text.slice(0, equals))) {
          add(ctx, written.offset + equals + 1, written.text.slice(equals + 1), format, `build arg ${written.text.slice(0, equals)} of service ${service.key}`);
        }
      }
    }
  }
}

function addInterpolated(ctx: YamlContext, node: unknown, format: string, note: string | undefined): void {
  if (!isScalar(deref(node, ctx.doc))) {
    return;
  }
  const written = scalarText(node, ctx.source, ctx.doc);
  if (written) {
    add(ctx, written.offset, written.text, format, note);
  }
}

function add(ctx: YamlContext, offset: number, text: string, format: string, note: string | undefined): void {
  const resolved = interpolate(text);
  const notes = [
    resolved.defaulted.length > 0 ? `${resolved.defaulted.map((name) => `\${${name}}`).join(', ')} resolved with their defaults` : undefined,
    resolved.unresolved.length > 0 ? `${resolved.unresolved.join(', ')} without default: unresolvable` : undefined,
    note,
  ].filter((part) => part !== undefined);
  ctx.out.add({
    offset,
    text,
    value: resolved.value,
    template: resolved.unresolved.length > 0,
    format,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  });
}
