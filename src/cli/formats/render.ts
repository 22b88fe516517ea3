/**
 * Writes a pipeline format: SARIF or JUnit to `--output FILE` (else standard output); GitHub
 * workflow commands to standard output (or the file) plus the Markdown job summary appended to
 * `$GITHUB_STEP_SUMMARY` when it is set; Azure Pipelines logging commands plus a Markdown summary
 * file announced with `task.uploadsummary`.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { azurePipelinesText } from './azurePipelines';
import { githubText } from './github';
import { junitText } from './junit';
import { markdownSummary } from './markdown';
import { type FormatInput } from './model';
import { sarifText } from './sarif';

export const PIPELINE_FORMATS = ['sarif', 'junit', 'github', 'azure-pipelines'] as const;
export type PipelineFormat = (typeof PIPELINE_FORMATS)[number];

export function isPipelineFormat(format: string): format is PipelineFormat {
  return (PIPELINE_FORMATS as readonly string[]).includes(format);
}

export interface RenderTarget {
  readonly stdout: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  /** `--output FILE`, resolved by the caller. */
  readonly output?: string;
  readonly writeFile?: (path: string, text: string) => Promise<void>;
  readonly appendFile?: (path: string, text: string) => Promise<void>;
}

/** The repository root: the CI's checkout folder, else the working folder. */
export function sourceRoot(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.GITHUB_WORKSPACE || env.BUILD_SOURCESDIRECTORY || env.BUILD_REPOSITORY_LOCALPATH || cwd;
}

/** A file as SARIF and annotations want it: relative to the repository root, `/`-separated. */
export function repoRelative(file: string, env: NodeJS.ProcessEnv, cwd: string): string {
  const absolute = resolve(cwd, file);
  const rel = relative(sourceRoot(env, cwd), absolute);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  return (inside ? rel : file).split(sep).join('/');
}

export async function renderPipelineFormat(format: PipelineFormat, input: FormatInput, target: RenderTarget): Promise<void> {
  const write = target.writeFile ?? ((path: string, text: string) => writeFile(path, text, 'utf8'));
  const append = target.appendFile ?? ((path: string, text: string) => appendFile(path, text, 'utf8'));
  const out = async (text: string): Promise<void> => {
    if (target.output === undefined) {
      target.stdout.write(text);
    } else {
      await write(target.output, text);
    }
  };
  switch (format) {
    case 'sarif':
      return out(sarifText(input));
    case 'junit':
      return out(junitText(input));
    case 'github': {
      await out(githubText(input));
      const summary = target.env.GITHUB_STEP_SUMMARY;
      if (summary !== undefined && summary !== '') {
        await append(summary, markdownSummary(input));
      }
      return;
    }
    case 'azure-pipelines': {
      const summaryFile =
        target.output === undefined
          ? join(target.env.AGENT_TEMPDIRECTORY || tmpdir(), `acr-locks-${input.command}-${process.pid}-summary.md`)
          : `${target.output}.md`;
      await write(summaryFile, markdownSummary(input));
      return out(azurePipelinesText(input, resolve(summaryFile)));
    }
  }
}
