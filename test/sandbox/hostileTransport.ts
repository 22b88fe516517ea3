/**
 * A small hostile HTTPS "registry" on 127.0.0.1 for the transport tests (transportLimits.test.ts):
 * its own CA (write `caPem` to a file for NODE_EXTRA_CA_CERTS), one mode at a time, every
 * request recorded. Bounded: `stop()` destroys every open socket, so a stalled answer never
 * keeps the test alive.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createCertificateAuthority, createServerCertificate, keyPairs } from './certs';

export type TransportMode =
  /** Accepts the connection and the request, never answers. */
  | 'silent'
  /** Sends status and headers of a JSON answer, then nothing. */
  | 'stallBody'
  /** A 200 JSON answer, gzip-encoded: ~0.7 MB on the wire, gigabytes decompressed. */
  | 'gzipBomb'
  /** A 500 whose body is 5 MB of text with escape sequences in it. */
  | 'hugeError'
  /** A catalog whose repository name carries an ANSI escape sequence, and tags of it likewise. */
  | 'controlNames'
  /** A catalog with a number where a name belongs. */
  | 'wrongShape';

export interface HostileTransport {
  readonly origin: string;
  readonly host: string;
  readonly caPem: string;
  readonly requests: { method: string; url: string; authorization: boolean }[];
  mode: TransportMode;
  stop(): Promise<void>;
}

const CONTROL_NAME = 'evil\u001b[2J\u001b]0;pwned\u0007name';
export { CONTROL_NAME };

let bomb: Buffer | undefined;
/** 64 MiB of spaces compress to ~64 KiB; gzip members may follow each other, so 11 of them are ~0.7 MB → 704 MiB, repeated. */
function gzipBomb(): Buffer {
  if (bomb === undefined) {
    const member = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    bomb = Buffer.concat(Array.from({ length: 11 }, () => member));
  }
  return bomb;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function answer(mode: TransportMode, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'https://localhost');
  if (url.pathname === '/oauth2/token') {
    json(res, 200, { access_token: 'hostile-token' });
    return;
  }
  switch (mode) {
    case 'silent':
      return;
    case 'stallBody':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.flushHeaders();
      return;
    case 'gzipBomb': {
      const body = gzipBomb();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.byteLength });
      res.end(body);
      return;
    }
    case 'hugeError': {
      const text = `{"errors":[{"code":"INTERNAL","message":"\u001b[31mboom\u001b[0m ${'x'.repeat(5 * 1024 * 1024)}"}]}`;
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(text);
      return;
    }
    case 'controlNames':
      if (url.pathname === '/acr/v1/_catalog') {
        json(res, 200, { repositories: [CONTROL_NAME] });
      } else {
        json(res, 200, {
          registry: 'x',
          imageName: CONTROL_NAME,
          tags: [
            {
              name: `v1${CONTROL_NAME}`,
              digest: `sha256:${'a'.repeat(64)}`,
              createdTime: '2024-01-01T00:00:00Z',
              lastUpdateTime: '2024-01-01T00:00:00Z',
              signed: false,
              changeableAttributes: { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true },
            },
          ],
        });
      }
      return;
    case 'wrongShape':
      json(res, 200, { repositories: [42, { name: 'x' }] });
      return;
  }
}

export async function startHostileTransport(mode: TransportMode): Promise<HostileTransport> {
  const [caKeys, serverKeys] = await keyPairs();
  if (!caKeys || !serverKeys) {
    throw new Error('no key pairs');
  }
  const ca = createCertificateAuthority(caKeys);
  const cert = createServerCertificate(ca, serverKeys, ['localhost'], ['127.0.0.1']);
  const sockets = new Set<Socket>();
  const requests: HostileTransport['requests'] = [];
  const state = { mode };
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization !== undefined });
    req.resume();
    answer(state.mode, req, res);
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `https://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    caPem: ca.certPem,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(value: TransportMode) {
      state.mode = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
