// Newcomer task: find the locked images and read their tooltips (issue 14), and the rows a
// newcomer tripped over: "5 tags (1 hidden)", a repository that stayed "reading locks…" after its
// inline Refresh or the view's Refresh.
import * as assert from 'node:assert/strict';
import { description, eventually, expandRepository, icon, registryRow, row, screenshot, tagRow } from './tree';
import { useWorkbench, type Workbench } from './workbench';

suite('UI newcomer: find locked images and read tooltips', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openRegistries();
    },
  });

  test('locked repositories and tags stand out by icon and words; tooltips give every flag', async () => {
    await expandRepository(workbench, 'hello-world');
    const lockedRepo = row(workbench, 'Repository', 'locked-repo', ' locked');
    await lockedRepo.waitFor({ timeout: 20_000 });
    assert.deepEqual((await icon(lockedRepo)).codicons, ['codicon-lock']);
    assert.match(await description(lockedRepo), /^locked · 1 tag$/);

    // The tag count says that one of the five is hidden (beta, listEnabled=false).
    const hello = row(workbench, 'Repository', 'hello-world', ' unlocked · 5 tags \\(1 hidden\\)');
    await hello.waitFor({ timeout: 20_000 });
    const helloTooltip = await workbench.hoverText(hello, /hidden from tag listings/);
    assert.match(helloTooltip, /1 tag is hidden from tag listings \(listEnabled=false\): find it under its manifest in Manifests\./);

    const v1 = tagRow(workbench, 'v1', '5eb8bff');
    await v1.waitFor({ timeout: 20_000 });
    const tooltip = await workbench.hoverText(v1, /hello-world:v1/);
    assert.match(tooltip, /State: locked/);
    assert.match(tooltip, /Write \(push\/overwrite\)\s*no/);
    assert.match(tooltip, /Delete\s*no/);
    assert.match(tooltip, /Read \(pull\)\s*yes/);
    assert.match(tooltip, /Digest: sha256:5eb8bff/);
    await screenshot(workbench, 'newcomer-find-tooltip');

    // team/app:1.1 is unlocked, but its manifest is locked: a pin, and the tooltip says why.
    await expandRepository(workbench, 'team/app');
    const pinned = tagRow(workbench, '1.1', '162209f');
    await pinned.waitFor({ timeout: 20_000 });
    assert.deepEqual((await icon(pinned)).codicons, ['codicon-pinned']);
    const pinnedTooltip = await workbench.hoverText(pinned, /team\/app:1\.1/);
    assert.match(pinnedTooltip, /The manifest this tag points to is locked: deleting the image is blocked/);
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-find-pinned');
  });

  test('after a repository\'s inline Refresh and after the view\'s Refresh, repositories show their locks again', async () => {
    await expandRepository(workbench, 'hello-world');
    const hello = row(workbench, 'Repository', 'hello-world', ' unlocked');
    await hello.waitFor({ timeout: 20_000 });
    await hello.hover();
    await hello.getByRole('button', { name: 'Refresh' }).click();
    // Not stuck at "reading locks…": the lock icon and words come back.
    const back = row(workbench, 'Repository', 'hello-world', ' unlocked · 5 tags');
    await back.waitFor({ timeout: 20_000 });
    assert.deepEqual((await icon(back)).codicons, ['codicon-unlock']);

    await (await workbench.titleButton('Refresh')).click();
    for (const [name, words] of [['hello-world', 'unlocked'], ['locked-repo', 'locked'], ['team/app', 'unlocked']] as const) {
      await row(workbench, 'Repository', name, ` ${words} · `).waitFor({ timeout: 20_000 });
    }
    // "Stays": the rows not waited for above (multiarch) may still be reading at this instant; each
    // must be done within the same bound as the rows above, not one left behind.
    await eventually(async () => {
      assert.equal(await workbench.treeItem(/reading locks/).count(), 0, 'no repository stays "reading locks…"');
    }, 'every repository row reads its locks again', 20_000);
    assert.ok(await registryRow(workbench).isVisible());
  });
});
