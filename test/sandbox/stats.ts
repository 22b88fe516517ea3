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
  /** Host header as sent, lower-case (e.g. `sandbox.azurecr.io` through the proxy, `localhost:PORT` direct). */
  host: string;
  /** Who the request counted against for rate limits: token subject, Basic user name or `anonymous` ('' without a registry). */
  identity: string;
  /** Set when the answer was injected: throttled (429), error (5xx) or reset. */
  fault?: 'throttle' | 'error' | 'reset';
  /** For a 429: the bucket that was empty (the registry's or the identity's). */
  throttledBy?: 'registry' | 'identity';
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
  /** Exact Host header, lower-case. */
  host?: string;
  identity?: string;
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
    (f.host === undefined || record.host === f.host.toLowerCase()) &&
    (f.identity === undefined || record.identity === f.identity) &&
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
