// Newcomer (issue 22, item 1): a request through the sandbox's CONNECT proxy to a host it refuses —
// read to its 403, and one whose client resets the connection as the 403 is written — used to stop
// the sandbox (and with it the demo). After both, locking a tag through the UI still works, and the
// registry says so through the sandbox's control API.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { sandboxControl } from '../runner/sandbox';
import { expandRepository, icon, sandboxOf, screenshot, setTag, tagRow, UNLOCKED } from './tree';
import { useWorkbench, type Workbench } from './workbench';

const REPO = 'team/app';
const TAG = 'latest';
const DIGEST = '94cc36f';
const REFUSED = 'nopenope.azurecr.io:443';

/** CONNECT through the proxy, as `curl -x $proxy https://nopenope.azurecr.io/v2/` does: the proxy's status. */
function connectStatus(proxy: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: proxy.hostname, port: Number(proxy.port), method: 'CONNECT', path: REFUSED, agent: false });
    request.on('connect', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

/** CONNECT, then a TCP reset before the proxy's answer is read (the ECONNRESET of the issue). */
function connectAndReset(proxy: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(proxy.port), proxy.hostname, () => {
      socket.write(`CONNECT ${REFUSED} HTTP/1.1\r\nHost: ${REFUSED}\r\n\r\n`, () => {
        socket.resetAndDestroy();
        resolve();
      });
    });
    socket.on('error', reject);
  });
}

suite('UI newcomer: a refused proxy request, then a lock through the UI', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openRegistries();
      await workbench.resizeSidebar(420);
    },
    putBack: (info) => [setTag(info, REPO, TAG, UNLOCKED)],
  });

  test('the proxy refuses nopenope.azurecr.io (403), survives a client reset, and a lock through the UI reaches the registry', async () => {
    const info = sandboxOf(workbench);
    assert.ok(info.proxy, 'the sandbox has a CONNECT proxy');
    const proxy = new URL(info.proxy);
    for (let attempt = 0; attempt < 2; attempt++) {
      assert.equal(await connectStatus(proxy), 403, `refused request ${attempt + 1}`);
      await connectAndReset(proxy);
    }
    assert.equal(await connectStatus(proxy), 403, 'the proxy still answers after the resets');

    // The demo goes on: lock a tag as a user would.
    await expandRepository(workbench, REPO);
    const row = tagRow(workbench, TAG, DIGEST);
    await row.waitFor({ timeout: 20_000 });
    await workbench.contextMenu(row);
    await workbench.chooseMenuItem('Lock');
    await workbench.dialogText();
    await workbench.answerDialog('Tag Only');
    const locked = tagRow(workbench, TAG, DIGEST).and(workbench.treeItem(/, locked · /));
    await locked.waitFor({ timeout: 20_000 });
    assert.deepEqual((await icon(locked)).codicons, ['codicon-lock']);
    const tag = sandboxControl().getTag(info.registries[0]?.name ?? 'sandbox', REPO, TAG);
    assert.deepEqual(
      tag && { writeEnabled: tag.changeableAttributes.writeEnabled, deleteEnabled: tag.changeableAttributes.deleteEnabled },
      { writeEnabled: false, deleteEnabled: false },
      'the registry has the lock (sandbox control API)',
    );
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-proxy-refused-then-lock');
  });
});
