/** HTTP CONNECT proxy on loopback: tunnels `<name>.azurecr.io:443`, `management.azure.com:443` (and localhost) to the sandbox, refuses anything else. */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface ProxyOptions {
  /** Registry names whose `<name>.azurecr.io` may be tunnelled. */
  registries: readonly string[];
  /** Further host names tunnelled on port 443 (the Resource Manager's `management.azure.com`). */
  hosts?: readonly string[];
  sandboxPort: number;
  port: number;
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

export function startProxy(options: ProxyOptions): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('sandbox proxy: only CONNECT is supported\n');
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, clientSocket: Socket, head: Buffer) => {
    const target = req.url ?? '';
    if (!isAllowedTarget(target, options)) {
      clientSocket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nsandbox proxy refuses ${target}\n`);
      return;
    }
    const upstream = connect(options.sandboxPort, '127.0.0.1', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        upstream.write(head);
      }
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        server,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) {
              socket.destroy();
            }
            server.close(() => done());
          }),
      });
    });
  });
}
