/**
 * Error paths for the sandbox's HTTPS servers: a client that resets, sends garbage or fails TLS loses its connection,
 * never the process; and every TCP connection (also one stuck mid-handshake) is closed on stop.
 */
import { type Server } from 'node:https';
import { type Socket } from 'node:net';
import { type Duplex } from 'node:stream';

const open = new WeakMap<Server, Set<Socket>>();
const closing = new WeakSet<Server>();

function drop(socket: Duplex): void {
  if (!socket.destroyed) {
    socket.destroy();
  }
}

/**
 * `clientError` (HTTP parse error or a socket error on a connection; answered 400 where the socket can still take it)
 * and `tlsClientError` (handshake failed or reset): the connection is closed, nothing else happens. TCP connections
 * are tracked from accept, for `closeServer`.
 */
export function guardSockets(server: Server): Server {
  const sockets = new Set<Socket>();
  open.set(server, sockets);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Before TLS takes the socket over (and after it is done), a reset must not become an unhandled 'error'.
    socket.on('error', () => drop(socket));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code !== 'ECONNRESET' && socket.writable && !socket.destroyed) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      setTimeout(() => drop(socket), 1000).unref();
      return;
    }
    drop(socket);
  });
  server.on('tlsClientError', (_error: Error, socket: Duplex) => drop(socket));
  return server;
}

/**
 * After listen(): a listener error or a close that `closeServer` did not ask for is reported (never thrown),
 * so whoever runs the sandbox (npm start's supervisor) can stop everything and say why.
 */
export function watchServer(server: Server, onFailure: (error: Error) => void): void {
  server.on('error', (error: Error) => onFailure(error));
  server.on('close', () => {
    if (!closing.has(server)) {
      onFailure(new Error('the listener closed'));
    }
  });
}

/** Stops listening and destroys every connection (HTTP, idle TLS, half a handshake); resolves when closed. */
export function closeServer(server: Server): Promise<void> {
  closing.add(server);
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    for (const socket of open.get(server) ?? []) {
      socket.destroy();
    }
  });
}
