// One-line, prefixed log output for the runners.
export function log(scope: string, message: string): void {
  process.stdout.write(`[${scope}] ${message}\n`);
}

export function seconds(startMs: number): string {
  return `${((Date.now() - startMs) / 1000).toFixed(1)}s`;
}
