/**
 * CI workflows.
 * GitHub Actions: `jobs.<id>.container` (string or `image:`), `jobs.<id>.services.<id>.image`,
 * `uses: docker://<image>` steps, the matrix values a `container: ${{ matrix.x }}` consumes
 * (`strategy.matrix.x` lists and `include` entries, YAML aliases included), and in `run:` scripts
 * the images `docker pull` pulls (literal, or through a shell variable assigned in the script).
 * Azure Pipelines: `resources.containers[].image`, and `container:` / `services:` values that
 * are images rather than the alias of a `resources.containers` entry. VM images (`vmImage`,
 * `pool.image`) are not container references.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { deref, entries, get, getPair, items, scalarText, walkCollections } from '../yamlSource';
import { addScalar, type YamlContext } from './yamlContext';

const MATRIX_EXPRESSION = /^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$/;

export function extractGithubWorkflow(ctx: YamlContext, format = 'github-actions'): void {
  for (const job of entries(deref(get(ctx.doc.contents, 'jobs'), ctx.doc))) {
    const body = deref(job.value, ctx.doc);
    if (!isMap(body)) {
      continue;
    }
    const matrixNames = new Set<string>();
    const container = deref(get(body, 'container'), ctx.doc);
    const imageNodes: Array<{ node: unknown; note: string }> = [];
    if (isMap(container)) {
      imageNodes.push({ node: get(container, 'image'), note: `job ${job.key} container` });
    } else {
      imageNodes.push({ node: get(body, 'container'), note: `job ${job.key} container` });
    }
    for (const service of entries(deref(get(body, 'services'), ctx.doc))) {
      const value = deref(service.value, ctx.doc);
      imageNodes.push({ node: isMap(value) ? get(value, 'image') : service.value, note: `job ${job.key} services: ${service.key}` });
    }
    for (const { node, note } of imageNodes) {
      const written = scalarText(node, ctx.source, ctx.doc);
      if (!written) {
        continue;
      }
      const matrix = MATRIX_EXPRESSION.exec(written.text);
      if (matrix?.[1]) {
        matrixNames.add(matrix[1]);
      }
      addScalar(ctx, node, { format, note: matrix ? `${note}; GitHub Actions expression, values from the matrix` : note });
    }
    addMatrixValues(ctx, body, matrixNames, format);
    for (const step of items(deref(get(body, 'steps'), ctx.doc))) {
      const uses = scalarText(get(deref(step, ctx.doc), 'uses'), ctx.source, ctx.doc);
      if (uses?.text.startsWith('docker://')) {
        const text = uses.text.slice('docker://'.length);
        ctx.out.add({ offset: uses.offset + 'docker://'.length, text, format, note: 'docker:// step' });
      }
      const run = getPair(deref(step, ctx.doc), 'run')?.value;
      if (isScalar(run) && run.range) {
        extractShellPulls(ctx, run.range[0], run.range[1], format);
      }
    }
  }
}

function addMatrixValues(ctx: YamlContext, job: unknown, names: ReadonlySet<string>, format: string): void {
  if (names.size === 0) {
    return;
  }
  const matrix = deref(get(deref(get(job, 'strategy'), ctx.doc), 'matrix'), ctx.doc);
  if (!isMap(matrix)) {
    return;
  }
  for (const name of names) {
    const note = `matrix value consumed by \${{ matrix.${name} }}`;
    const list = deref(get(matrix, name), ctx.doc);
    for (const item of isSeq(list) ? list.items : [get(matrix, name)]) {
      addScalar(ctx, item, { format, note });
    }
    for (const include of items(deref(get(matrix, 'include'), ctx.doc))) {
      addScalar(ctx, get(deref(include, ctx.doc), name), { format, note: `matrix.include ${note}` });
    }
  }
}

/**
 * `docker pull` in a shell script (the source span [start, end) of a `run:`/`script:` value):
 * a literal image, or a variable assigned in the same script (`IMAGE_URI="…"`), reported where
 * the value is written. Shell is not a structured format: this scans its lines.
 */
export function extractShellPulls(ctx: YamlContext, start: number, end: number, format: string): void {
  const script = ctx.source.slice(start, end);
  const assignments = new Map<string, { offset: number; text: string }>();
  const pulled: Array<{ offset: number; word: string }> = [];
  let lineOffset = 0;
  for (const line of script.split('\n')) {
    const assignment = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(["']?)([^"'\s;]+)\3\s*(?:$|[;#])/.exec(line);
    if (assignment?.[2] && assignment[4]) {
      const valueOffset = start + lineOffset + (assignment[1]?.length ?? 0) + assignment[2].length + 1 + (assignment[3]?.length ?? 0);
      assignments.set(assignment[2], { offset: valueOffset, text: assignment[4] });
    }
    const pull = /\bdocker\s+(?:image\s+)?pull\s+(?:-[-\w=]+\s+)*(["']?)([^"'\s;|&]+)\1/.exec(line);
    if (pull?.[2]) {
      pulled.push({ offset: start + lineOffset + pull.index + pull[0].length - pull[2].length - (pull[1]?.length ?? 0), word: pull[2] });
    }
    lineOffset += line.length + 1;
  }
  for (const { offset, word } of pulled) {
    const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word);
    if (variable?.[1]) {
      const assigned = assignments.get(variable[1]);
      if (assigned) {
        ctx.out.add({ offset: assigned.offset, text: assigned.text, format, note: `shell variable ${variable[1]} pulled by docker pull` });
      }
    } else {
      ctx.out.add({ offset, text: word, format, note: 'docker pull in a script' });
    }
  }
}

export function extractAzurePipeline(ctx: YamlContext, format = 'azure-pipelines'): void {
  const aliases = new Set<string>();
  for (const item of items(deref(get(deref(get(ctx.doc.contents, 'resources'), ctx.doc), 'containers'), ctx.doc))) {
    const body = deref(item, ctx.doc);
    const alias = scalarText(get(body, 'container'), ctx.source, ctx.doc);
    if (alias) {
      aliases.add(alias.text);
    }
    addScalar(ctx, get(body, 'image'), { format, note: `resources.containers entry '${alias?.text ?? '?'}'` });
  }
  walkCollections(ctx.doc, ctx.budget, (visit) => {
    if (visit.key === 'pool' || visit.key === 'resources') {
      return false;
    }
    if (!isMap(visit.node)) {
      return true;
    }
    const candidates: unknown[] = [];
    const container = deref(get(visit.node, 'container'), ctx.doc);
    if (isMap(container)) {
      candidates.push(get(container, 'image'));
    } else if (isScalar(container)) {
      candidates.push(get(visit.node, 'container'));
    }
    if (visit.key !== 'variables') {
      for (const service of entries(deref(get(visit.node, 'services'), ctx.doc))) {
        candidates.push(service.value);
      }
    }
    for (const node of candidates) {
      const written = scalarText(node, ctx.source, ctx.doc);
      if (written && !aliases.has(written.text)) {
        addScalar(ctx, node, { format, note: 'container image' });
      }
    }
    return true;
  });
}
