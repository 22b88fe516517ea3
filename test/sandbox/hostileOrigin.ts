/**
 * `sandbox.evil`: a second HTTPS origin (certificate from the sandbox CA, so a client that trusts
 * the sandbox trusts it too) that records everything sent to it. It plays a registry that wants
 * credentials: resource requests without Authorization get ACR's 401 challenge, its `/oauth2/*`
 * endpoints hand out tokens. A test that finds a credential in `requests` has found a leak.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { closeServer, guardSockets } from './socketErrors';

export interface EvilRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly path: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface EvilOrigin {
  /** `https://127.0.0.1:<port>`: another origin than the sandbox's `https://localhost:<port>`. */
  readonly origin: string;
  readonly requests: readonly EvilRequest[];
}

export interface RunningEvilOrigin extends EvilOrigin {
  close(): Promise<void>;
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The scope a registry would ask for, so SDK and password flows answer the challenge. */
function scopeOf(method: string, path: string): string {
  const repo = /^\/acr\/v1\/([^?]+?)(\/_tags|\/_manifests|\?|$)/.exec(path)?.[1];
  if (!repo || repo === '_catalog') {
    return 'registry:catalog:*';
  }
  return `repository:${decodeURIComponent(repo)}:${method === 'PATCH' ? 'metadata_write' : 'metadata_read'}`;
}

/** A JWT-shaped refresh token with an `exp`, as the SDK requires. */
function fakeRefreshToken(): string {
  const payload = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
  return `evil.${payload}.evil`;
}

export async function startEvilOrigin(tls: { key: string; cert: string }): Promise<RunningEvilOrigin> {
  const requests: EvilRequest[] = [];
  let host = '';
  const server: Server = guardSockets(createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = (req.method ?? 'GET').toUpperCase();
      const path = req.url ?? '/';
      const headers = flatten(req.headers);
      requests.push({ method, path, headers, body: Buffer.concat(chunks).toString('utf8') });
      if (path.startsWith('/oauth2/exchange')) {
        json(res, 200, { refresh_token: fakeRefreshToken() });
      } else if (path.startsWith('/oauth2/token')) {
        json(res, 200, { access_token: 'evil-access-token' });
      } else if (headers.authorization === undefined) {
        const challenge = `Bearer realm="https://${host}/oauth2/token",service="${host}",scope="${scopeOf(method, path)}"`;
        json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'WWW-Authenticate': challenge });
      } else {
        json(res, 200, {});
      }
    });
  }));
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  host = `127.0.0.1:${port}`;
  return {
    origin: `https://${host}`,
    requests,
    close: () => closeServer(server),
  };
}
