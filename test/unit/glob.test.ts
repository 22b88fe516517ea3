import * as assert from 'node:assert/strict';
import { globToRegExp, isGlob, nameFilter } from '../../src/registry/glob';

suite('glob', () => {
  test('* and ? match, the rest is literal and anchored', () => {
    const v = globToRegExp('v*');
    assert.ok(v.test('v1') && v.test('v') && v.test('V2.0'));
    assert.ok(!v.test('av1'));
    const q = globToRegExp('release-?');
    assert.ok(q.test('release-1') && !q.test('release-10'));
    assert.ok(globToRegExp('1.0').test('1.0') && !globToRegExp('1.0').test('1x0'));
    assert.ok(globToRegExp('team/*').test('team/app'));
    assert.ok(globToRegExp('a+(b)').test('a+(b)'));
  });
  test('nameFilter: empty = all, glob, else substring', () => {
    assert.ok(nameFilter(undefined)('x') && nameFilter('  ')('x'));
    assert.ok(nameFilter('v*')('v9') && !nameFilter('v*')('xv9'));
    assert.ok(nameFilter('App')('team/app') && !nameFilter('zzz')('team/app'));
    assert.ok(isGlob('a*') && isGlob('a?') && !isGlob('abc'));
  });
});
