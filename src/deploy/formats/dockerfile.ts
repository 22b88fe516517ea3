/**
 * Dockerfiles through `dockerfile-ast` (positions, comments, line continuations, parser directives):
 * `FROM` base images (`base-image`), `FROM <earlier stage>` (`build-stage`, not an image),
 * `FROM scratch` skipped, `ARG` defaults declared before the first `FROM` applied (an ARG default
 * may use an earlier ARG), and the BuildKit `# syntax=` directive (the frontend image, `image`).
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { Collector } from '../collector';
import { interpolate } from '../interpolate';
import type { LineIndex } from '../lines';

interface AstRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function extractDockerfile(text: string, lines: LineIndex, out: Collector): void {
  const dockerfile = DockerfileParser.parse(text);
  const offsetOf = (position: AstRange['start']): number => lines.lineStart(position.line + 1) + position.character;

  for (const directive of dockerfile.getDirectives()) {
    if (directive.getName().toLowerCase() === 'syntax') {
      const range = directive.getValueRange();
      const value = directive.getValue();
      out.add({ offset: offsetOf(range.start), text: value, note: "BuildKit '# syntax=' parser directive: the Dockerfile frontend image" });
    }
  }

  const args = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    const value = property?.getValue();
    if (property && value !== null && value !== undefined) {
      args.set(property.getName(), interpolate(value, (name) => args.get(name)).value);
    } else if (property && !args.has(property.getName())) {
      args.delete(property.getName());
    }
  }

  const stages = new Set<string>();
  for (const from of dockerfile.getFROMs()) {
    const range = from.getImageRange();
    if (range) {
      const start = offsetOf(range.start);
      const written = text.slice(start, offsetOf(range.end));
      const resolved = interpolate(written, (name) => args.get(name));
      const line = range.start.line + 1;
      if (stages.has(resolved.value.toLowerCase())) {
        out.addStage(start, written, `FROM of earlier stage '${resolved.value}': not an image`);
      } else if (resolved.value.toLowerCase() !== 'scratch') {
        const notes = resolved.looked.length > 0 ? `ARG ${resolved.looked.join(', ')} default (before the first FROM) resolves line ${line}` : undefined;
        out.add({
          offset: start,
          text: written,
          value: resolved.value,
          kind: 'base-image',
          template: resolved.unresolved.length > 0,
          ...(notes ? { note: notes } : {}),
        });
      }
    }
    const stage = from.getBuildStage();
    if (stage) {
      stages.add(stage.toLowerCase());
    }
  }
}
