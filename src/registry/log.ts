/** The logging seam of the registry layer; the extension passes its LogOutputChannel. */
export interface RegistryLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: RegistryLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const SECRET_PARAM = /(token|password|secret|sig|key)/i;

/** Path and query of a URL with any secret-looking query value replaced, for log lines. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) {
      parsed.searchParams.set(key, 'REDACTED');
    }
  }
  parsed.searchParams.delete('api-version');
  const query = parsed.searchParams.toString();
  return parsed.pathname + (query ? `?${query}` : '');
}
