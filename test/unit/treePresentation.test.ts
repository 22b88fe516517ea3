import * as assert from 'node:assert/strict';
import { UNLOCKED, type LockAttributes } from '../../src/locks/attributes';
import {
  formatSize,
  lockedByRepository,
  MANIFEST_LOCKED_PRESENTATION,
  manifestPresentation,
  presentationOf,
  repositoryOnlyDeleteProtected,
  sortItems,
  STATE_PRESENTATION,
  stateWords,
  tagPresentation,
} from '../../src/tree/lockPresentation';

const a = (change: Partial<LockAttributes>): LockAttributes => ({ ...UNLOCKED, ...change });

suite('tree lock presentation', () => {
  test('each state has its own codicon (the README legend)', () => {
    assert.equal(presentationOf(a({ writeEnabled: false, deleteEnabled: false })).icon, 'lock');
    assert.equal(presentationOf(a({ deleteEnabled: false })).icon, 'shield');
    assert.equal(presentationOf(a({ writeEnabled: false })).icon, 'lock-small');
    assert.equal(presentationOf(a({ readEnabled: false })).icon, 'circle-slash');
    assert.equal(presentationOf(a({ listEnabled: false })).icon, 'eye-closed');
    assert.equal(presentationOf(UNLOCKED).icon, 'unlock');
    const icons = Object.values(STATE_PRESENTATION).map((p) => p.icon);
    assert.equal(new Set(icons).size, icons.length, 'no two states share an icon');
  });

  test('an unlocked tag whose manifest blocks deletion has its own icon and colour; a tag\'s own lock wins', () => {
    const manifestLocked = a({ writeEnabled: false, deleteEnabled: false });
    assert.deepEqual(tagPresentation(UNLOCKED, manifestLocked), MANIFEST_LOCKED_PRESENTATION);
    assert.deepEqual(tagPresentation(a({ listEnabled: false }), a({ deleteEnabled: false })), MANIFEST_LOCKED_PRESENTATION);
    assert.equal(tagPresentation(a({ writeEnabled: false }), manifestLocked).icon, 'lock-small');
    assert.equal(tagPresentation(UNLOCKED, UNLOCKED).icon, 'unlock');
    assert.equal(tagPresentation(UNLOCKED, undefined).icon, 'unlock');
    const icons = Object.values(STATE_PRESENTATION).map((p) => p.icon);
    assert.ok(!icons.includes(MANIFEST_LOCKED_PRESENTATION.icon), 'distinct from every lock state');
  });

  test('a tag or manifest in a write-locked repository shows locked (by its repository); a repository delete lock alone does not reach its images', () => {
    const repoWriteLocked = a({ writeEnabled: false });
    const repoDeleteLocked = a({ deleteEnabled: false });
    assert.equal(lockedByRepository(repoWriteLocked), true);
    assert.equal(lockedByRepository(repoDeleteLocked), false);
    assert.equal(lockedByRepository(undefined), false, 'not read yet: nothing claimed');
    assert.deepEqual(tagPresentation(UNLOCKED, undefined, repoWriteLocked), STATE_PRESENTATION.locked);
    assert.deepEqual(tagPresentation(a({ deleteEnabled: false }), undefined, repoWriteLocked), STATE_PRESENTATION.locked);
    assert.deepEqual(manifestPresentation(UNLOCKED, repoWriteLocked), STATE_PRESENTATION.locked);
    assert.equal(tagPresentation(a({ readEnabled: false }), undefined, repoWriteLocked).icon, 'circle-slash', 'a blocked pull still wins');
    assert.equal(tagPresentation(UNLOCKED, undefined, repoDeleteLocked).icon, 'unlock');
    assert.equal(manifestPresentation(UNLOCKED, repoDeleteLocked).icon, 'unlock');
    assert.equal(repositoryOnlyDeleteProtected(repoDeleteLocked), true);
    assert.equal(repositoryOnlyDeleteProtected(a({ writeEnabled: false, deleteEnabled: false })), false);
  });

  test('words name every restriction, most important first', () => {
    assert.deepEqual(stateWords(UNLOCKED), ['unlocked']);
    assert.deepEqual(stateWords(a({ writeEnabled: false, deleteEnabled: false })), ['locked']);
    assert.deepEqual(stateWords(a({ deleteEnabled: false })), ['deleteProtected']);
    assert.deepEqual(stateWords(a({ writeEnabled: false })), ['writeProtected']);
    assert.deepEqual(stateWords(a({ readEnabled: false, writeEnabled: false, deleteEnabled: false, listEnabled: false })), [
      'readBlocked',
      'locked',
      'hidden',
    ]);
  });

  test('sizes and sort orders', () => {
    assert.equal(formatSize(undefined), undefined);
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(1536), '1.5 KB');
    const items = [
      { name: 'b', lastUpdatedOn: new Date(1) },
      { name: 'a', lastUpdatedOn: new Date(3) },
      { name: 'c', lastUpdatedOn: new Date(2) },
    ];
    assert.deepEqual(sortItems(items, 'name').map((i) => i.name), ['a', 'b', 'c']);
    assert.deepEqual(sortItems(items, 'lastUpdated').map((i) => i.name), ['a', 'c', 'b']);
  });
});
