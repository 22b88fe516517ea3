// End-to-end, against the sandbox's demo data (test/sandbox/README.md): the tree shows each
// tag's lock state (codicon + words), a hidden tag is revealed under its manifest, and Lock
// from a tag's context menu locks it (in the registry, and then in the tree).
// ACR_LOCKS_UPDATE_SCREENSHOTS=1 also writes the README's media/screenshot-*.png.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { type SandboxInfo } from '../runner/sandboxInfo';
import { acr, description, expandRepository as expand, flagsOf, icon, row as treeRow, type RowKind, screenshot as shot, tagRow as treeTagRow, themeColor as color } from './tree';
import { useWorkbench, type Workbench } from './workbench';

suite('UI: lock state in the tree and Lock from the context menu', () => {
  let workbench: Workbench;

  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openView();
      // My Registries gets the side bar's height (the Azure section has its own UI test).
      await workbench.collapsePane(/^\s*Azure/i);
      // Wide enough for descriptions such as "unlocked, manifest locked · 162209f".
      await workbench.resizeSidebar(480);
    },
    putBack: (info) => {
      // Later UI suites share the sandbox: put team/app:latest back as the demo data has it.
      const unlocked = { writeEnabled: true, deleteEnabled: true };
      return [
        acr(info, 'PATCH', '/acr/v1/team%2Fapp/_tags/latest', unlocked),
        acr(info, 'PATCH', '/acr/v1/team%2Fapp/_manifests/latest', unlocked),
      ];
    },
  });

  function sandbox(): SandboxInfo {
    assert.ok(workbench.ui.sandbox, 'runUi starts the sandbox with demo data');
    return workbench.ui.sandbox;
  }

  function row(kind: RowKind, name: string, rest = ''): Locator {
    return treeRow(workbench, kind, name, rest);
  }

  function tagRow(tag: string, digest: string): Locator {
    return treeTagRow(workbench, tag, digest);
  }

  const themeColor = (id: string): Promise<string> => color(workbench, id);
  const expandRepository = async (name: string): Promise<void> => {
    await expand(workbench, name);
  };
  const screenshot = async (name: string, mediaName?: string): Promise<void> => {
    await shot(workbench, name, mediaName);
  };

  test('tag rows show their lock state as a codicon and in words', async () => {
    await expandRepository('hello-world');
    const expected = [
      { tag: 'latest', digest: '5eb8bff', codicon: 'codicon-unlock', words: /^unlocked · 5eb8bff$/, color: undefined },
      { tag: 'v1', digest: '5eb8bff', codicon: 'codicon-lock', words: /^locked · 5eb8bff$/, color: 'acrLocks.locked' },
      { tag: 'v2', digest: 'faa07a8', codicon: 'codicon-shield', words: /^delete-protected · faa07a8$/, color: 'acrLocks.deleteProtected' },
      { tag: 'v3', digest: '4b0b40d', codicon: 'codicon-lock-small', words: /^write-protected · 4b0b40d$/, color: 'acrLocks.writeProtected' },
    ];
    for (const { tag, digest, codicon, words, color } of expected) {
      const item = tagRow(tag, digest);
      await item.waitFor({ timeout: 20_000 });
      assert.match(await description(item), words, `description of hello-world:${tag}`);
      const shown = await icon(item);
      assert.deepEqual(shown.codicons, [codicon], `icon of hello-world:${tag}: ${shown.codicons.join(' ')}`);
      if (color) {
        assert.equal(shown.color, await themeColor(color), `colour of hello-world:${tag} should be ${color}`);
      } else {
        // No colour of its own: not any lock's colour either.
        for (const lockColor of ['acrLocks.locked', 'acrLocks.deleteProtected', 'acrLocks.writeProtected']) {
          assert.notEqual(shown.color, await themeColor(lockColor), `hello-world:${tag} has no lock colour (${lockColor})`);
        }
      }
      assert.equal(await item.locator(`.custom-view-tree-node-item-icon.${codicon}`).count(), 1);
    }
    assert.equal(await row('Tag', 'beta').count(), 0, 'the hidden tag beta is not in the tag list');
  });

  test('a hidden tag is shown under its manifest in the Manifests group, marked hidden', async () => {
    await expandRepository('hello-world');
    // The group has no accessibilityInformation: its accessible name is its tooltip.
    const manifests = workbench.treeItem(/^Manifests of hello-world$/).first();
    await manifests.waitFor({ timeout: 20_000 });
    assert.equal((await manifests.locator('.label-name').innerText()).trim(), 'Manifests');
    await workbench.expand(manifests);
    const manifest = row('Manifest', '6606b61', ' .*· beta$');
    await manifest.waitFor({ timeout: 20_000 });
    await workbench.expand(manifest);
    const beta = tagRow('beta', '6606b61');
    await beta.waitFor({ timeout: 20_000 });
    assert.match(await description(beta), /^hidden · 6606b61$/);
    assert.deepEqual((await icon(beta)).codicons, ['codicon-eye-closed']);
    // team/app shows the rest of the legend: pulls blocked, and an unlocked tag whose manifest is locked.
    await expandRepository('team/app');
    const blocked = tagRow('1.0', '42511ec');
    await blocked.waitFor({ timeout: 20_000 });
    assert.match(await description(blocked), /^pulls blocked · 42511ec$/);
    assert.deepEqual((await icon(blocked)).codicons, ['codicon-circle-slash']);
    const manifestLocked = tagRow('1.1', '162209f');
    // The digest gives way so the words fit a 300 px side bar (it is in the tooltip and the accessible name).
    assert.match(await description(manifestLocked), /^unlocked, manifest locked$/);
    // Its own icon and colour: a user scanning icons sees that deleting it is blocked.
    const pinned = await icon(manifestLocked);
    assert.deepEqual(pinned.codicons, ['codicon-pinned']);
    assert.equal(pinned.color, await themeColor('acrLocks.manifestLocked'));
    await workbench.page.mouse.move(900, 400);
    await screenshot('tree-locks', 'screenshot-tree.png');
  });

  test('Lock from the context menu of an unlocked tag locks the tag (and, when asked, its manifest)', async () => {
    const info = sandbox();
    const tagPath = '/acr/v1/team%2Fapp/_tags/latest';
    const manifestPath = '/acr/v1/team%2Fapp/_manifests/latest';
    assert.equal(flagsOf(await acr(info, 'GET', tagPath)).writeEnabled, true, 'demo data: team/app:latest starts unlocked');
    await expandRepository('team/app');
    const item = tagRow('latest', '94cc36f');
    await item.waitFor({ timeout: 20_000 });
    assert.match(await description(item), /^unlocked · 94cc36f$/);

    await workbench.contextMenu(item);
    const lock = workbench.page.getByRole('menuitem', { name: 'Lock', exact: true });
    await lock.waitFor({ timeout: 10_000 });
    const labels = await workbench.menuLabels();
    assert.ok(labels.includes('Lock') && !labels.includes('Unlock'), `menu entries of an unlocked tag: ${JSON.stringify(labels)}`);
    await lock.hover();
    await screenshot('context-menu', 'screenshot-menu.png');
    await lock.click();

    // acrLocks.lockManifestWithTag defaults to "ask": asked before anything is sent.
    assert.match(await workbench.dialogText(), /Lock team\/app:latest: the tag only, or its manifest too\?/);
    assert.equal(flagsOf(await acr(info, 'GET', tagPath)).writeEnabled, true, 'nothing is sent before the answer');
    await screenshot('lock-manifest-dialog');
    await workbench.answerDialog('Tag and Manifest');

    const locked = row('Tag', 'latest', ' locked\\b.* · 94cc36f$');
    await locked.waitFor({ timeout: 20_000 });
    // Once the row knows the manifest's lock too, the digest gives way to the words (side bar width).
    assert.match(await description(locked), /^locked( · 94cc36f|, manifest locked)$/);
    assert.deepEqual((await icon(locked)).codicons, ['codicon-lock']);
    assert.deepEqual(flagsOf(await acr(info, 'GET', tagPath)), { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true });
    // The row follows the manifest's new lock as well (tag and manifest locks are separate); the
    // manifest is changed after the tag, so its lock is read once the row shows it.
    const both = row('Tag', 'latest', ' locked, manifest locked · 94cc36f$');
    await both.waitFor({ timeout: 10_000 });
    const manifestFlags = flagsOf(await acr(info, 'GET', manifestPath));
    assert.equal(manifestFlags.writeEnabled, false, 'the manifest is locked too');
    assert.equal(manifestFlags.deleteEnabled, false, 'the manifest is locked too');
    await workbench.page.mouse.move(900, 400);
    await screenshot('tag-locked');

    await workbench.contextMenu(locked);
    const after = await workbench.menuLabels();
    await workbench.closeMenus();
    assert.ok(after.includes('Unlock') && !after.includes('Lock'), `menu entries of a locked tag: ${JSON.stringify(after)}`);
  });
});
