// Newcomer task: protect a repository, ask Why Is This Protected? about one of its images, and
// Unlock for Deletion from the page itself (rendered, not Markdown source; read again after the
// change; the repository row does not stay "reading locks…").
import * as assert from 'node:assert/strict';
import { expandRepository, icon, manifestFlags, repositoryFlags, row, sandboxOf, screenshot, setManifest, setRepository, tagFlags, tagRow, UNLOCKED } from './tree';
import { useWorkbench, type Workbench } from './workbench';

const REPO = 'team/app';

suite('UI newcomer: protect a repository, Why Is This Protected?, Unlock for Deletion', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openRegistries();
      await workbench.resizeSidebar(420);
    },
    putBack: (info) => [
      // The demo data: team/app unlocked, the manifest of 1.1 locked.
      setRepository(info, REPO, UNLOCKED),
      setManifest(info, REPO, '1.1', { writeEnabled: false, deleteEnabled: false }),
    ],
  });

  test('Lock on a repository locks the repository itself', async () => {
    const info = sandboxOf(workbench);
    const repository = await expandRepository(workbench, REPO);
    await workbench.contextMenu(repository);
    const labels = await workbench.menuLabels();
    assert.ok(labels.includes('Lock') && !labels.includes('Unlock'), `an unlocked repository offers Lock, not Unlock: ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes('Block Pulls') && !labels.includes('Hide from Listings'), 'the rest is in More Lock Options');
    assert.ok(labels.length <= 9, `a short menu: ${JSON.stringify(labels)}`);
    await workbench.chooseMenuItem('Lock');
    const locked = row(workbench, 'Repository', REPO, ' locked · 3 tags');
    await locked.waitFor({ timeout: 20_000 });
    assert.deepEqual((await icon(locked)).codicons, ['codicon-lock']);
    assert.deepEqual(await repositoryFlags(info, REPO), { ...UNLOCKED, writeEnabled: false, deleteEnabled: false });
  });

  test('Why Is This Protected? shows a rendered page naming every level; its Unlock for Deletion clears them and the page follows', async () => {
    const info = sandboxOf(workbench);
    const tag = tagRow(workbench, '1.1', '162209f');
    await tag.waitFor({ timeout: 20_000 });
    await workbench.contextMenu(tag);
    await workbench.chooseMenuItem('Why Is This Protected?');

    const page = workbench.webview();
    const heading = page.getByRole('heading', { name: /Why is team\/app:1\.1 protected\?/ });
    await heading.waitFor({ timeout: 20_000 });
    // A rendered table, not Markdown source.
    const deleteRow = page.getByRole('row', { name: /Delete the image/ });
    await deleteRow.waitFor({ timeout: 10_000 });
    const blockers = await deleteRow.innerText();
    assert.match(blockers, /Repository team\/app \(writeEnabled=false\)/);
    assert.match(blockers, /Manifest sha256:[0-9a-f]{64} \(writeEnabled=false, deleteEnabled=false\)/, 'one entry per level');
    assert.equal(await page.getByText('|---|').count(), 0, 'no Markdown source');
    assert.match(await page.locator('body').innerText(), /No az commands are shown: az reaches a registry only by its Azure name/);
    await screenshot(workbench, 'newcomer-why-page');

    await page.getByRole('button', { name: 'Unlock for Deletion' }).click();
    const text = await workbench.dialogText();
    assert.match(text, /Clear 2 locks that block deleting team\/app:1\.1\?/);
    assert.match(text, /repository team\/app: writeEnabled=true/);
    assert.match(text, /manifest team\/app@sha256:[0-9a-f]{64}: writeEnabled=true, deleteEnabled=true/);
    await screenshot(workbench, 'newcomer-unlock-for-deletion-dialog');
    await workbench.answerDialog('Unlock for Deletion');

    // The page is read again: nothing blocks deleting the image now.
    await page.getByText('Nothing blocks deletion.').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole('button', { name: 'Unlock for Deletion' }).count(), 0, 'nothing left to unlock');
    assert.deepEqual(await repositoryFlags(info, REPO), { ...UNLOCKED, deleteEnabled: false }, 'only writeEnabled cleared on the repository');
    assert.deepEqual(await manifestFlags(info, REPO, '1.1'), UNLOCKED);
    assert.deepEqual(await tagFlags(info, REPO, '1.1'), UNLOCKED);
    await screenshot(workbench, 'newcomer-why-page-after');

    // The rows follow; the repository is not stuck at "reading locks…".
    // Only the repository's own delete lock is left: it protects the repository, not its images.
    await row(workbench, 'Repository', REPO, ' delete-protected \\(repository only\\) · 3 tags').waitFor({ timeout: 20_000 });
    const unpinned = tagRow(workbench, '1.1', '162209f').and(workbench.treeItem(/, unlocked · 162209f$/));
    await unpinned.waitFor({ timeout: 20_000 });
    assert.deepEqual((await icon(unpinned)).codicons, ['codicon-unlock']);
  });

  test('a lock change made in the tree is shown by the open page', async () => {
    const repository = row(workbench, 'Repository', REPO, ' delete-protected');
    await workbench.contextMenu(repository);
    await workbench.chooseMenuItem('Lock');
    await row(workbench, 'Repository', REPO, ' locked · ').waitFor({ timeout: 20_000 });
    const page = workbench.webview();
    await page.getByRole('button', { name: 'Unlock for Deletion' }).waitFor({ timeout: 20_000 });
    assert.match(await page.getByRole('row', { name: /Delete the image/ }).innerText(), /Repository team\/app \(writeEnabled=false\)/);
  });
});
