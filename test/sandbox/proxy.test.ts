/** The CONNECT proxy survives client errors and closes what it opens (tunnels, refusals, stop()). */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { start, type Sandbox } from './index';
import { closed, connectThrough, getThroughProxy } from './proxyClient';

/** Polls (no fixed sleep) until `check` holds or `ms` pass. */
async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('sandbox CONNECT proxy', () => {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    sandbox = await start({ registries: ['sandbox'], arm: { subscriptions: [{ displayName: 'One', registries: [{ name: 'sandbox' }] }] } });
  });
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('a client that resets a refused CONNECT does not crash the sandbox; the next request is answered', async () => {
    assert.ok(sandbox);
    for (let i = 0; i < 5; i++) {
      const { socket, status } = await connectThrough(sandbox, 'nopenope.azurecr.io:443');
      assert.equal(status, 'HTTP/1.1 403 Forbidden');
      socket.resetAndDestroy();
      await closed(socket);
    }
    // A reset in the middle of a tunnel (client side), too.
    const { socket, status } = await connectThrough(sandbox, 'sandbox.azurecr.io:443');
    assert.equal(status, 'HTTP/1.1 200 Connection Established');
    socket.resetAndDestroy();
    await closed(socket);
    // A client that sends garbage instead of an HTTP request.
    const garbage = connect(Number(new URL(sandbox.proxy).port), '127.0.0.1', () => garbage.write('\x16\x03\x01 not http\r\n\r\n'));
    garbage.on('error', () => undefined);
    garbage.resume();
    await closed(garbage);
    assert.equal(await getThroughProxy(sandbox), 401, 'the sandbox still answers through the proxy');
    await eventually(() => sandbox?.proxyStats.openSockets === 0);
    assert.equal(sandbox.proxyStats.openSockets, 0);
    assert.ok(sandbox.proxyStats.socketErrors >= 1, `client errors are counted: ${JSON.stringify(sandbox.proxyStats)}`);
  });

  it('TLS clients that reset mid-handshake do not crash the HTTPS server', async () => {
    assert.ok(sandbox);
    const port = Number(new URL(sandbox.endpoint).port);
    for (let i = 0; i < 5; i++) {
      // Half a TLS record (a ClientHello's header), then a reset: the handshake fails mid-way.
      const raw = connect(port, '127.0.0.1', () => raw.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])));
      raw.on('error', () => undefined);
      await new Promise<void>((resolve) => raw.once('connect', () => setTimeout(resolve, 20)));
      raw.resetAndDestroy();
      await closed(raw);
      // A complete handshake, then a reset before any request.
      const tcp = connect(port, '127.0.0.1');
      tcp.on('error', () => undefined);
      const tls = tlsConnect({ socket: tcp, servername: 'localhost', ca: readFileSync(sandbox.caFile) });
      tls.on('error', () => undefined);
      await new Promise<void>((resolve) => tls.once('secureConnect', () => resolve()));
      tcp.resetAndDestroy();
      await closed(tcp);
    }
    const garbage = connect(port, '127.0.0.1', () => garbage.write('GET / HTTP/1.1\r\n\r\n'));
    garbage.on('error', () => undefined);
    garbage.resume();
    await closed(garbage);
    assert.equal(await getThroughProxy(sandbox), 401);
    // One connection left mid-handshake: stop() still ends promptly.
    const stuck = connect(port, '127.0.0.1', () => stuck.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00])));
    stuck.on('error', () => undefined);
    await new Promise<void>((resolve) => stuck.once('connect', () => setTimeout(resolve, 20)));
    const began = Date.now();
    await sandbox.stop();
    assert.ok(Date.now() - began < 2000, `stop took ${Date.now() - began} ms`);
    await closed(stuck);
  });

  it('closes both sides of every tunnel: 500 tunnels opened and closed leave no socket open', async function () {
    this.timeout(60_000);
    assert.ok(sandbox);
    const s = sandbox;
    const batch = 25;
    for (let i = 0; i < 500; i += batch) {
      await Promise.all(
        Array.from({ length: batch }, async (_, j) => {
          if ((i + j) % 2 === 0) {
            assert.equal(await getThroughProxy(s), 401);
          } else {
            // Opened, then closed by the client without a word (tunnel established, nothing sent).
            const { socket } = await connectThrough(s, 'sandbox.azurecr.io:443');
            socket.end();
            await closed(socket);
          }
        }),
      );
    }
    await eventually(() => s.proxyStats.openSockets === 0);
    assert.deepEqual({ open: s.proxyStats.openSockets, tunnels: s.proxyStats.tunnels }, { open: 0, tunnels: 500 });
  });

  it('stop() resolves promptly with tunnels open (idle and mid-TLS), and ends them', async () => {
    assert.ok(sandbox);
    const open = await Promise.all(Array.from({ length: 20 }, () => connectThrough(sandbox as Sandbox, 'sandbox.azurecr.io:443')));
    const half = open.slice(0, 10).map(({ socket }) => {
      const tls = tlsConnect({ socket, servername: 'sandbox.azurecr.io', rejectUnauthorized: false });
      tls.on('error', () => undefined);
      return tls;
    });
    await eventually(() => (sandbox?.proxyStats.openSockets ?? 0) >= 40);
    assert.ok(sandbox.proxyStats.openSockets >= 40, `client and upstream sockets are tracked: ${JSON.stringify(sandbox.proxyStats)}`);
    const began = Date.now();
    await sandbox.stop();
    assert.ok(Date.now() - began < 2000, `stop took ${Date.now() - began} ms`);
    assert.equal(sandbox.proxyStats.openSockets, 0);
    await Promise.all(open.map(({ socket }) => closed(socket)));
    for (const tls of half) {
      tls.destroy();
    }
  });
});
