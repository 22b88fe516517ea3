/**
 * Helm. Values files: `image: <string>` and the split forms (`registry` + `repository` + `tag` /
 * `digest`, with `global.imageRegistry` overriding the registry when set), under any key named
 * `image` or ending in `Image`. Chart templates: the Go template actions are masked (same length,
 * so every offset stays true) and the result is read as Kubernetes YAML; an image holding `{{ }}`
 * is a `template` reference, never guessed.
 */
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { ReferencePart } from '../types';
import { deref, get, getPair, getString, scalarText, type Visit, walkCollections } from '../yamlSource';
import { addScalar, type YamlContext } from './yamlContext';

const IMAGE_KEY = /^(?:image|[A-Za-z0-9_]*Image)$/;

export function extractHelmValues(ctx: YamlContext, root: unknown = ctx.doc.contents, format = 'helm-values'): void {
  const globalRegistry = getString(get(root, 'global', ctx.doc), 'imageRegistry', ctx.doc) ?? '';
  walkCollections(
    ctx.doc,
    ctx.budget,
    (visit) => {
      if (!isMap(visit.node)) {
        return;
      }
      for (const pair of (visit.node as YAMLMap).items) {
        if (!isScalar(pair.key) || !IMAGE_KEY.test(String(pair.key.value))) {
          continue;
        }
        const value = deref(pair.value, ctx.doc);
        const note = disabledNote(visit, ctx);
        if (isMap(value)) {
          addSplit(ctx, value, globalRegistry, format, note);
        } else if (isScalar(value) && typeof value.value === 'string') {
          addScalar(ctx, pair.value, { format, ...(note ? { note } : {}) });
        }
      }
    },
    root,
  );
}

/** "only when X.enabled" when an enclosing block has `enabled: false`. */
function disabledNote(visit: Visit, ctx: YamlContext): string | undefined {
  for (let at: Visit | null = visit; at; at = at.parent) {
    const enabled = get(at.node, 'enabled', ctx.doc);
    if (isScalar(enabled) && enabled.value === false) {
      return `only deployed when ${at.key ?? 'its block'}.enabled (false by default)`;
    }
  }
  return undefined;
}

function addSplit(ctx: YamlContext, map: unknown, globalRegistry: string, format: string, note: string | undefined): void {
  const repository = scalarText(getPair(map, 'repository')?.value, ctx.source, ctx.doc);
  if (!repository || repository.text === '') {
    return;
  }
  const parts: ReferencePart[] = [];
  const written: Record<string, string> = {};
  let firstOffset = repository.offset;
  let lastEnd = repository.end;
  for (const key of ['registry', 'repository', 'tag', 'digest'] as const) {
    const pair = getPair(map, key);
    if (!pair) {
      continue;
    }
    const text = scalarText(pair.value, ctx.source, ctx.doc);
    const keyStart = pair.key.range?.[0] ?? 0;
    const offset = text?.offset ?? keyStart;
    if (key === 'registry') {
      firstOffset = offset;
    }
    const at = ctx.out.lines.position(offset);
    parts.push({ key, line: at.line, column: at.column, value: text?.text ?? '' });
    lastEnd = Math.max(lastEnd, text?.end ?? offset);
    written[key] = text?.text ?? '';
  }
  const registry = globalRegistry !== '' ? globalRegistry : (written.registry ?? '');
  let composed = registry !== '' ? `${registry}/${repository.text}` : repository.text;
  if (written.tag) {
    composed += `:${written.tag}`;
  }
  if (written.digest) {
    composed += `@${written.digest}`;
  }
  const details = [
    `Helm split image: ${parts.map((p) => `${p.key} line ${p.line}`).join(', ')}`,
    globalRegistry !== '' ? `global.imageRegistry ${globalRegistry} overrides the registry` : undefined,
    written.tag ? undefined : 'no tag written (the chart may default it to appVersion)',
    note,
  ].filter((part) => part !== undefined);
  ctx.out.add({ offset: firstOffset, end: lastEnd, text: composed, format, parts, note: details.join('; ') });
}

/**
 * Masks Go template actions (`{{ … }}`) without moving any offset: an action alone on its line
 * becomes spaces; an action inside a value becomes `T` characters (a plain scalar).
 */
export function maskGoTemplate(text: string): string {
  const out = text.split('');
  let i = text.indexOf('{{');
  while (i >= 0) {
    const close = text.indexOf('}}', i + 2);
    const end = close < 0 ? text.length : close + 2;
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    const alone = text.slice(lineStart, i).trim() === '' && text.slice(end, lineEnd).trim() === '';
    for (let j = i; j < end; j++) {
      if (out[j] !== '\n') {
        out[j] = alone ? ' ' : 'T';
      }
    }
    i = text.indexOf('{{', end);
  }
  return out.join('');
}

/** Whether a YAML file looks like a Helm chart template (`{{ … }}` actions outside GitHub-style `${{ }}`). */
export function isHelmTemplate(path: string, text: string): boolean {
  if (!text.includes('{{')) {
    return false;
  }
  // Actions in comments (values files document `{{ .Values… }}` usage) do not make a template.
  const uncommented = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');
  if (/(^|[/\\]|__)templates([/\\]|__)/.test(path) && /(^|[^$]){{/.test(uncommented)) {
    return true;
  }
  return /(^|[^$]){{-?\s*(\.Values|\.Release|\.Chart|\$|include |if |range |with |toYaml|template |tpl )/.test(uncommented);
}
