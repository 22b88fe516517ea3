/** Request records for tests and benchmarks. */

export interface RequestRecord {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  query: string;
  /** 0 for an injected connection reset. */
  status: number;
  /** Registry name; undefined when the Host matched none. */
  registry: string | undefined;
  /** Set when the answer was injected: throttled (429), error (5xx) or reset. */
  fault?: 'throttle' | 'error' | 'reset';
  time: number;
}

export interface StatsFilter {
  method?: string;
  /** Exact decoded path. */
  path?: string;
  /** Decoded path prefix. */
  pathPrefix?: string;
  status?: number;
  registry?: string;
  fault?: RequestRecord['fault'];
}

export interface RequestStats {
  readonly records: readonly RequestRecord[];
  /** TLS connections accepted (direct or through the CONNECT proxy); shows whether a client reuses connections. */
  readonly connections: number;
  count(filter?: StatsFilter): number;
  filter(filter?: StatsFilter): RequestRecord[];
  /** Clears the records and the connection count. */
  reset(): void;
}

function matches(record: RequestRecord, f: StatsFilter): boolean {
  return (
    (f.method === undefined || record.method === f.method.toUpperCase()) &&
    (f.path === undefined || record.path === f.path) &&
    (f.pathPrefix === undefined || record.path.startsWith(f.pathPrefix)) &&
    (f.status === undefined || record.status === f.status) &&
    (f.registry === undefined || record.registry === f.registry) &&
    (f.fault === undefined || record.fault === f.fault)
  );
}

export class StatsRecorder implements RequestStats {
  private list: RequestRecord[] = [];
  private connectionCount = 0;

  get records(): readonly RequestRecord[] {
    return this.list;
  }

  get connections(): number {
    return this.connectionCount;
  }

  addConnection(): void {
    this.connectionCount++;
  }

  add(record: RequestRecord): void {
    this.list.push(record);
  }

  filter(filter: StatsFilter = {}): RequestRecord[] {
    return this.list.filter((r) => matches(r, filter));
  }

  count(filter: StatsFilter = {}): number {
    return this.filter(filter).length;
  }

  reset(): void {
    this.list = [];
    this.connectionCount = 0;
  }
}
