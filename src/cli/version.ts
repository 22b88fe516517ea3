/** The tool's version (set by the bundler from package.json) and the Node.js it needs. */
declare const __ACR_LOCKS_VERSION__: string | undefined;

export const CLI_VERSION: string = typeof __ACR_LOCKS_VERSION__ === 'string' ? __ACR_LOCKS_VERSION__ : '0.0.0-dev';

/** The oldest Node.js the tool runs on. */
export const MIN_NODE_MAJOR = 22;

/** Why this Node.js cannot run the tool (`process.versions.node`), or undefined when it can. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= MIN_NODE_MAJOR) {
    return undefined;
  }
  return `acr-locks needs Node.js ${MIN_NODE_MAJOR} or later; this is Node.js ${version}. Install a current Node.js (https://nodejs.org) and run it again.`;
}
