// The editor features' pure core (src/editor): which references a document has, their status from a
// repository's listing, the problems a deployment set reports, Pin to Digest's edit, and the
// lookups' batching and cache (one per repository, none warm).
import * as assert from 'node:assert/strict';
import { type RepositoryListing } from '../../src/deploy/resolve';
import { coveringSet, problemsOf } from '../../src/editor/coverage';
import { LOOKUP_MAX_AGE_MS, RepositoryLookups } from '../../src/editor/lookups';
import { pinEdit } from '../../src/editor/pin';
import { documentReferences, groupByRepository } from '../../src/editor/refs';
import { statusFromListing } from '../../src/editor/status';
import { type ManifestInfo, type TagInfo } from '../../src/registry/models';

const REG = 'myreg.azurecr.io';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const ON = { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true };
const LOCKED = { ...ON, writeEnabled: false, deleteEnabled: false };

function tag(name: string, digest: string, attributes = ON): TagInfo {
  return { kind: 'tag', name, digest, attributes, createdOn: new Date(0), lastUpdatedOn: new Date(0), repository: 'team/app' } as unknown as TagInfo;
}
function manifest(digest: string, attributes = ON): ManifestInfo {
  return { kind: 'manifest', digest, attributes, tags: [], references: [], repository: 'team/app' } as unknown as ManifestInfo;
}
function listing(tags: TagInfo[], manifests: ManifestInfo[]): RepositoryListing {
  return {
    repository: 'team/app',
    exists: true,
    tags: new Map(tags.map((t) => [t.name, t])),
    manifests: new Map(manifests.map((m) => [m.digest, m])),
    missingTags: new Set(['9.9']),
    missingDigests: new Set(),
  };
}

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
        - name: app
          image: ${REG}/team/app:1.4
        - name: side
          image: docker.io/library/nginx:1.25
        - name: locked
          image: ${REG}/team/app:1.0
`;

suite('editor core', () => {
  test('a document names only known registries; one group per repository', () => {
    const refs = documentReferences('deploy/app.yaml', MANIFEST, [REG]);
    assert.deepEqual(refs.map((r) => [r.range.startLine, r.text, r.repository, r.tag]), [
      [9, `${REG}/team/app:1.4`, 'team/app', '1.4'],
      [13, `${REG}/team/app:1.0`, 'team/app', '1.0'],
    ]);
    assert.equal(groupByRepository(refs).length, 1);
    assert.deepEqual(documentReferences('deploy/app.yaml', MANIFEST, ['other.azurecr.io']), [], 'the cheap check: no known registry named');
  });

  test('status words: floating, locked, not found; problems of a covering set', () => {
    const extra = `        - name: gone\n          image: ${REG}/team/app:9.9\n        - name: moving\n          image: ${REG}/team/app\n`;
    const refs = documentReferences('deploy/app.yaml', `${MANIFEST}${extra}`, [REG]);
    const l = listing([tag('1.4', D1), tag('1.0', D2, LOCKED), tag('latest', D1)], [manifest(D1), manifest(D2, { ...ON, deleteEnabled: false })]);
    const statuses = refs.map((r) => statusFromListing(r, l));
    assert.deepEqual(statuses.map((s) => s.word), ['unlocked', 'locked', 'notFound', 'floating']);
    const set = coveringSet('deploy/app.yaml', [{ name: 'prod', files: ['deploy/**'], exclude: [], tag: { writeEnabled: false, deleteEnabled: false }, manifest: { deleteEnabled: false }, floatingTags: ['latest'], baseImages: false }]);
    assert.ok(set);
    assert.equal(coveringSet('other/app.yaml', [set]), undefined);
    const kinds = refs.map((r, i) => problemsOf(r, statuses[i] ?? { word: 'unknown' }, set).map((p) => p.kind));
    assert.deepEqual(kinds, [['unprotected'], [], ['missing'], ['unprotected', 'floating']]);
  });

  test('Pin to Digest: inline reference, Helm split digest field (quoted empty and null)', () => {
    const refs = documentReferences('deploy/app.yaml', MANIFEST, [REG]);
    const lines = MANIFEST.split('\n');
    const first = refs[0];
    assert.ok(first);
    const edit = pinEdit(first, D1, (n) => lines[n]);
    assert.deepEqual(edit, { range: first.range, newText: `${REG}/team/app:1.4@${D1}` });

    for (const digestLine of ['  digest: ""', '  digest:']) {
      const values = `image:\n  registry: ${REG}\n  repository: team/app\n  tag: "1.4"\n${digestLine}\n`;
      const helm = documentReferences('chart/values.yaml', values, [REG]);
      const ref = helm[0];
      assert.ok(ref, 'the Helm split image is found');
      const valueLines = values.split('\n');
      const pin = pinEdit(ref, D1, (n) => valueLines[n]);
      assert.ok(pin, digestLine);
      const line = valueLines[pin.range.startLine] ?? '';
      const edited = line.slice(0, pin.range.startColumn) + pin.newText + line.slice(pin.range.endColumn);
      assert.equal(edited, digestLine.endsWith('""') ? `  digest: "${D1}"` : `  digest: ${D1}`);
    }
  });

  test('lookups: concurrent asks share one, warm asks send nothing, a new tag asks again, a drop or age forgets', async () => {
    let calls = 0;
    let now = 0;
    const lookups = new RepositoryLookups(
      () => {
        calls++;
        return Promise.resolve(listing([tag('1.4', D1)], [manifest(D1)]));
      },
      () => now,
    );
    const wanted = { tags: new Set(['1.4']), digests: new Set<string>() };
    await Promise.all([lookups.get(REG, 'team/app', wanted), lookups.get(REG, 'team/app', wanted)]);
    assert.equal(calls, 1);
    await lookups.get(REG.toUpperCase(), 'team/app', wanted);
    assert.equal(calls, 1, 'warm');
    await lookups.get(REG, 'team/app', { tags: new Set(['9.9']), digests: new Set() });
    assert.equal(calls, 1, 'a tag the registry reported missing is answered from the cache');
    await lookups.get(REG, 'team/app', { tags: new Set(['2.0']), digests: new Set() });
    assert.equal(calls, 2, 'an unknown tag is looked up');
    lookups.drop(REG, 'team/app');
    await lookups.get(REG, 'team/app', wanted);
    assert.equal(calls, 3);
    now += LOOKUP_MAX_AGE_MS - 1;
    await lookups.get(REG, 'team/app', wanted);
    assert.equal(calls, 3, 'still fresh');
    now += 1;
    await lookups.get(REG, 'team/app', wanted);
    assert.equal(calls, 4, 'too old: asked again (changes made outside VS Code show)');
  });
});
