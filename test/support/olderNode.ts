// A Node.js older than a major version on this machine (Debian's 20 beside the run's 24): tests
// that show what happens on an older Node (the CLI's refusal, npm's engine check) find it here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first `node` older than `major` among the running one and those on PATH, if any. */
export function olderNode(major: number): { path: string; version: string } | undefined {
  const candidates = [process.execPath, ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'node'))];
  for (const path of candidates) {
    if (!existsSync(path)) {
      continue;
    }
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
    if (/^v\d+\./.test(version) && Number(version.slice(1).split('.')[0]) < major) {
      return { path, version };
    }
  }
  return undefined;
}
