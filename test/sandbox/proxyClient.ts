// A client of the sandbox's CONNECT proxy, as curl or an SDK would be: CONNECT by hand, or GET through a
// tunnel. Used by the proxy's own tests and by the npm start test (which reads the proxy from the
// sandbox JSON line that npm start prints).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect, type Socket } from 'node:net';
import { TunnelAgent } from './arm/tunnel';

/** Where a sandbox's proxy listens and the CA its registry's certificate chains to. */
export interface ProxyEnds {
  readonly proxy: string;
  readonly caFile: string;
}

/** Sends CONNECT and resolves with the socket once the proxy's status line is in. */
export function connectThrough(sandbox: ProxyEnds, target: string): Promise<{ socket: Socket; status: string }> {
  const proxy = new URL(sandbox.proxy);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(proxy.port), proxy.hostname, () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n')) {
        socket.off('data', onData);
        resolve({ socket, status: head.split('\r\n')[0] ?? '' });
      }
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

/** GET /v2/ on `<name>.azurecr.io` through the proxy (a fresh tunnel, no keep-alive). */
export function getThroughProxy(sandbox: ProxyEnds, host = 'sandbox.azurecr.io'): Promise<number> {
  const agent = new TunnelAgent(sandbox.proxy, { ca: readFileSync(sandbox.caFile), keepAlive: false });
  return new Promise((resolve, reject) => {
    const req = request(`https://${host}/v2/`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

export function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
}

