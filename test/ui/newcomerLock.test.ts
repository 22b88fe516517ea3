// Newcomer tasks: lock and unlock a tag (asked before anything is sent: "Tag Only" / "Tag and
// Manifest"; Cancel sends nothing), and a change that turns protection off asks first whatever the
// preset (Protect from Deletion on a locked tag).
import * as assert from 'node:assert/strict';
import { description, expandRepository, icon, manifestFlags, sandboxOf, screenshot, setManifest, setTag, tagFlags, tagRow, UNLOCKED } from './tree';
import { useWorkbench, type Workbench } from './workbench';

const REPO = 'team/app';
const TAG = 'latest';
const DIGEST = '94cc36f';

suite('UI newcomer: lock and unlock a tag', () => {
  let workbench: Workbench;
  useWorkbench((opened) => (workbench = opened), {
    prepare: async () => {
      await workbench.openRegistries();
      await workbench.resizeSidebar(420);
    },
    putBack: (info) => [
      setTag(info, REPO, TAG, UNLOCKED),
      setManifest(info, REPO, TAG, UNLOCKED),
    ],
  });

  async function menuOf(tag: string, digest: string, entry: string): Promise<void> {
    const item = tagRow(workbench, tag, digest);
    await item.waitFor({ timeout: 20_000 });
    await workbench.contextMenu(item);
    await workbench.chooseMenuItem(entry);
  }

  test('Lock asks "Tag Only" or "Tag and Manifest" first; Cancel sends nothing; Tag Only locks just the tag', async () => {
    const info = sandboxOf(workbench);
    await expandRepository(workbench, REPO);
    await menuOf(TAG, DIGEST, 'Lock');
    const text = await workbench.dialogText();
    assert.match(text, /Lock team\/app:latest: the tag only, or its manifest too\?/);
    assert.match(text, /Nothing is changed before you choose/);
    for (const button of ['Tag Only', 'Tag and Manifest', 'Cancel']) {
      assert.equal(await workbench.dialog().getByRole('button', { name: button, exact: true }).count(), 1, `button ${button}`);
    }
    await screenshot(workbench, 'newcomer-lock-dialog');
    await workbench.answerDialog('Cancel');
    assert.deepEqual(await tagFlags(info, REPO, TAG), UNLOCKED, 'Cancel: the tag was never changed');

    await menuOf(TAG, DIGEST, 'Lock');
    await workbench.dialogText();
    await workbench.answerDialog('Tag Only');
    const locked = tagRow(workbench, TAG, DIGEST).and(workbench.treeItem(/, locked · /));
    await locked.waitFor({ timeout: 20_000 });
    assert.deepEqual((await icon(locked)).codicons, ['codicon-lock']);
    assert.deepEqual(await tagFlags(info, REPO, TAG), { ...UNLOCKED, writeEnabled: false, deleteEnabled: false });
    assert.deepEqual(await manifestFlags(info, REPO, TAG), UNLOCKED, 'Tag Only leaves the manifest alone');
  });

  test('Protect from Deletion on the locked tag asks before it turns writes back on', async () => {
    const info = sandboxOf(workbench);
    await menuOf(TAG, DIGEST, 'More Lock Options');
    await workbench.chooseMenuItem('Protect from Deletion');
    const text = await workbench.dialogText();
    assert.match(text, /Protect from Deletion team\/app:latest\?/);
    assert.match(text, /This turns protection off: it can be overwritten \(pushed to\) again\./);
    await screenshot(workbench, 'newcomer-loosen-dialog');
    await workbench.answerDialog('Cancel');
    assert.deepEqual(await tagFlags(info, REPO, TAG), { ...UNLOCKED, writeEnabled: false, deleteEnabled: false }, 'nothing sent');
  });

  test('Unlock asks first, then unlocks the tag', async () => {
    const info = sandboxOf(workbench);
    await menuOf(TAG, DIGEST, 'Unlock');
    const text = await workbench.dialogText();
    assert.match(text, /Unlock team\/app:latest\?/);
    assert.match(text, /it can be overwritten and deleted again/);
    await workbench.answerDialog('Unlock');
    const unlocked = tagRow(workbench, TAG, DIGEST).and(workbench.treeItem(/, unlocked · /));
    await unlocked.waitFor({ timeout: 20_000 });
    assert.match(await description(unlocked), /^unlocked · 94cc36f$/);
    assert.deepEqual(await tagFlags(info, REPO, TAG), UNLOCKED);
    await workbench.page.mouse.move(900, 400);
    await screenshot(workbench, 'newcomer-unlocked');
  });
});
