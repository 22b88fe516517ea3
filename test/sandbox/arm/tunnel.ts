/**
 * An HTTPS agent that tunnels through an HTTP CONNECT proxy and verifies the target with a given CA
 * (the SDK's own proxy support ignores `tlsOptions`). Used by the sandbox tests to reach
 * `management.azure.com` and `<name>.azurecr.io` through the sandbox's proxy, as a client behind a
 * corporate proxy would.
 */
import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { type Duplex } from 'node:stream';

export class TunnelAgent extends Agent {
  private readonly proxy: URL;

  constructor(proxy: string, options: AgentOptions) {
    super(options);
    this.proxy = new URL(proxy);
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    const socket = netConnect(Number(this.proxy.port), this.proxy.hostname);
    let head = '';
    const fail = (error: Error): void => {
      socket.destroy();
      callback?.(error, socket);
    };
    socket.once('error', fail);
    socket.once('connect', () => socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`));
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      socket.off('data', onData);
      socket.off('error', fail);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      if (status !== '200') {
        fail(new Error(`proxy refused CONNECT ${host}:${port}: ${head.split('\r\n')[0] ?? ''}`));
        return;
      }
      const { ca, cert, key, rejectUnauthorized } = options;
      const tlsOptions: ConnectionOptions = { ca, cert, key, rejectUnauthorized, socket, servername: host, ALPNProtocols: ['http/1.1'] };
      const secure = tlsConnect(tlsOptions);
      callback?.(null, secure);
    };
    socket.on('data', onData);
    return undefined;
  }
}
