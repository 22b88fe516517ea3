/**
 * The telemetry seam. Events carry only command ids, results, durations, counts and error
 * kinds/status codes — never login servers, registry/repository/tag names, digests, user names,
 * tokens or paths. Tests pass a recording implementation.
 */
export type CommandResult = 'succeeded' | 'failed' | 'cancelled';

export interface CommandEvent {
  readonly command: string;
  readonly result: CommandResult;
  readonly durationMs: number;
  readonly itemCount?: number;
  /** RegistryError kind, e.g. "locked", "throttled". */
  readonly errorKind?: string;
  /** HTTP status, e.g. 405, 429, 401. */
  readonly errorStatus?: number;
}

export interface Telemetry {
  commandRun(event: CommandEvent): void;
  activated(durationMs: number, registryCount: number): void;
  dispose(): Promise<void>;
}
