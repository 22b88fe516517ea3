/**
 * HTTP CONNECT proxy on loopback: tunnels `<name>.azurecr.io:443`, `management.azure.com:443` (and localhost) to the
 * sandbox, refuses anything else. Every socket it holds (client and upstream) has an error path, is tracked while
 * open and is closed on `close()`; a tunnel ends both sides when either closes, errs, half-closes or idles.
 */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface ProxyOptions {
  /** Registry names whose `<name>.azurecr.io` may be tunnelled. */
  registries: readonly string[];
  /** Further host names tunnelled on port 443 (the Resource Manager's `management.azure.com`). */
  hosts?: readonly string[];
  sandboxPort: number;
  port: number;
  /** A tunnel with no traffic either way for this long is closed (both sides). Default 120 s. */
  idleTimeoutMs?: number;
  /** After one side of a tunnel ends (FIN), the other gets this long to finish before both are destroyed. Default 1 s. */
  halfCloseGraceMs?: number;
  /** The listener failed or closed without `close()` (the proxy is gone); default: ignored. */
  onFailure?: (error: Error) => void;
}

/** What the proxy holds and has done (for leak tests). */
export interface ProxyStats {
  /** Sockets open now: client connections (before, during and after CONNECT) plus upstream connections. */
  readonly openSockets: number;
  /** CONNECTs tunnelled since start. */
  readonly tunnels: number;
  /** CONNECTs refused (403) since start. */
  readonly refused: number;
  /** Socket errors (resets, parse errors) on either side since start; each closed the connection, none the process. */
  readonly socketErrors: number;
}

export interface RunningProxy {
  server: Server;
  port: number;
  stats: ProxyStats;
  /** Destroys every open socket and closes the listener; resolves promptly with tunnels open. */
  close: () => Promise<void>;
}

export function isAllowedTarget(target: string, options: ProxyOptions): boolean {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
  if (!match?.[1] || !match[2]) {
    return false;
  }
  const host = match[1].toLowerCase();
  const port = Number(match[2]);
  if (host === 'localhost' || host === '127.0.0.1') {
    return port === options.sandboxPort || port === 443;
  }
  return port === 443 && (options.registries.some((name) => host === `${name}.azurecr.io`) || (options.hosts ?? []).includes(host));
}

const REFUSED_LINGER_MS = 5000;

export function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  const graceMs = options.halfCloseGraceMs ?? 1000;
  const sockets = new Set<Socket>();
  const counts = { tunnels: 0, refused: 0, socketErrors: 0 };
  let closing = false;

  /** Tracked until closed; an error (reset, EPIPE …) is counted and closes it, never reaching the process. */
  const track = (socket: Socket): void => {
    if (closing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {
      counts.socketErrors++;
      socket.destroy();
    });
  };

  const server = createServer((_req, res) => {
    res.writeHead(405, { 'Content-Type': 'text/plain', Connection: 'close' });
    res.end('sandbox proxy: only CONNECT is supported\n');
  });
  server.on('connection', track);
  // A malformed request (or a reset while parsing): Node would answer 400 itself; a dead socket just goes.
  server.on('clientError', (_error, socket) => {
    counts.socketErrors++;
    if (socket.writable && !socket.destroyed) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      setTimeout(() => socket.destroy(), REFUSED_LINGER_MS).unref();
    } else {
      socket.destroy();
    }
  });

  server.on('connect', (req, clientSocket: Socket, head: Buffer) => {
    const target = req.url ?? '';
    if (closing) {
      clientSocket.destroy();
      return;
    }
    if (!isAllowedTarget(target, options)) {
      counts.refused++;
      clientSocket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nsandbox proxy refuses ${target}\n`);
      // Read (and drop) whatever the client still sends so its FIN is seen; never wait for it forever.
      clientSocket.on('end', () => clientSocket.destroy());
      clientSocket.setTimeout(REFUSED_LINGER_MS, () => clientSocket.destroy());
      clientSocket.resume();
      return;
    }
    counts.tunnels++;
    const upstream = connect(options.sandboxPort, '127.0.0.1');
    track(upstream);
    let graceTimer: NodeJS.Timeout | undefined;
    const closeBoth = (): void => {
      if (graceTimer) {
        clearTimeout(graceTimer);
        graceTimer = undefined;
      }
      clientSocket.destroy();
      upstream.destroy();
    };
    // Either side gone (closed, reset, errored) → the other goes too.
    clientSocket.once('close', closeBoth);
    upstream.once('close', closeBoth);
    // A half-close is passed on (pipe ends the other side); whoever does not follow within the grace is closed.
    const halfClosed = (): void => {
      graceTimer ??= setTimeout(closeBoth, graceMs);
    };
    clientSocket.once('end', halfClosed);
    upstream.once('end', halfClosed);
    clientSocket.setTimeout(idleTimeoutMs, closeBoth);
    upstream.setTimeout(idleTimeoutMs, closeBoth);
    upstream.once('connect', () => {
      if (clientSocket.destroyed) {
        upstream.destroy();
        return;
      }
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        upstream.write(head);
      }
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      // A later listener error (none is expected on a bound loopback socket) is reported, never thrown.
      server.on('error', (error: Error) => options.onFailure?.(error));
      server.on('close', () => {
        if (!closing) {
          options.onFailure?.(new Error('the proxy listener closed'));
        }
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        server,
        port,
        stats: {
          get openSockets() {
            return sockets.size;
          },
          get tunnels() {
            return counts.tunnels;
          },
          get refused() {
            return counts.refused;
          },
          get socketErrors() {
            return counts.socketErrors;
          },
        },
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            for (const socket of sockets) {
              socket.destroy();
            }
            sockets.clear();
            server.close(() => done());
          }),
      });
    });
  });
}
