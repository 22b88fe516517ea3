import * as assert from 'node:assert/strict';
import { UNLOCKED } from '../../src/locks/attributes';
import {
  annotateReport,
  collectReport,
  csvField,
  evaluatePolicy,
  type LockReport,
  planPolicy,
  type ReportSource,
  reportCsv,
  reportJson,
} from '../../src/policy';
import { LOCKED, manifest, NOW, registryWith, tag } from './policyFixtures';

const D1 = 'sha256:1111111aaaa';
const D2 = 'sha256:2222222bbbb';

/** A registry as listings return it: `beta` is hidden from the tag listing but named by its manifest. */
function source(): ReportSource & { reads: string[] } {
  const reads: string[] = [];
  const tags = [tag('v1', D1, 30, LOCKED), tag('v2', D2)];
  const manifests = [manifest(D1, ['v1']), manifest(D2, ['v2', 'beta'])];
  return {
    reads,
    listRepositoryNames: () => Promise.resolve(['api', 'web']),
    listTags: (r) => (reads.push(`tags ${r}`), Promise.resolve(r === 'api' ? tags : [])),
    listManifests: (r) => (reads.push(`manifests ${r}`), Promise.resolve(r === 'api' ? manifests : [])),
    getRepository: (r) => (reads.push(`repository ${r}`), Promise.resolve({ attributes: UNLOCKED, lastUpdatedOn: NOW })),
    getTag: (r, t) => (reads.push(`tag ${r}:${t}`), Promise.resolve(tag(t, D2, 30, { ...UNLOCKED, listEnabled: false }))),
  };
}

suite('policy lock report', () => {
  test('every repository, tag (hidden ones too, read once each) and manifest, with its flags', async () => {
    const s = source();
    const { rows } = await collectReport(s, 'r.azurecr.io');
    assert.deepEqual(
      rows.map((r) => `${r.kind} ${r.repository} ${r.tag ?? r.digest ?? ''} ${r.listed ? 'listed' : 'hidden'}`),
      [
        'repository api  listed',
        `tag api v1 listed`,
        `tag api v2 listed`,
        `tag api beta hidden`,
        `manifest api ${D1} listed`,
        `manifest api ${D2} listed`,
        'repository web  listed',
      ],
    );
    assert.deepEqual(s.reads, ['repository api', 'tags api', 'manifests api', 'tag api:beta', 'repository web', 'tags web', 'manifests web']);
  });

  test('a repository filter reads only those repositories', async () => {
    const s = source();
    const { rows } = await collectReport(s, 'r.azurecr.io', { repositories: (n) => n === 'web' });
    assert.deepEqual(rows.map((r) => r.repository), ['web']);
    assert.ok(!s.reads.some((r) => r.includes('api')));
  });

  test('each selected item is marked in policy, drift (with the change) or conflict; others stay unmarked', async () => {
    const registry = registryWith([
      { name: 'releases', repositories: ['api'], tags: ['v*'], level: 'tag', set: { writeEnabled: false, deleteEnabled: false } },
      { name: 'readable', repositories: ['api'], tags: ['v2'], level: 'tag', set: { readEnabled: true } },
      { name: 'keep manifests', repositories: ['api'], tags: ['v1'], level: 'manifest', set: { deleteEnabled: false } },
      { name: 'deletable manifests', repositories: ['api'], tags: ['v1'], level: 'manifest', set: { deleteEnabled: true } },
    ]);
    const { rows, inventory } = await collectReport(source(), 'r.azurecr.io');
    const evaluation = evaluatePolicy(registry, inventory, { now: NOW });
    const marked = annotateReport(rows, evaluation, planPolicy(evaluation));
    const byName = new Map(marked.map((r) => [`${r.kind} ${r.tag ?? r.digest ?? r.repository}`, r.policy]));
    assert.deepEqual(byName.get('tag v1'), { status: 'inPolicy', rules: ['releases'] });
    assert.deepEqual(byName.get('tag v2'), { status: 'drift', rules: ['releases', 'readable'], change: { writeEnabled: false, deleteEnabled: false } });
    assert.deepEqual(byName.get(`manifest ${D1}`), { status: 'conflict', rules: ['keep manifests', 'deletable manifests'] });
    assert.equal(byName.get('tag beta'), undefined, 'beta is not a v* tag');
    assert.equal(byName.get(`manifest ${D2}`), undefined);
    assert.equal(byName.get('repository api'), undefined);
  });

  test('CSV: one header, one line per item, quoted where needed, formulas defused', () => {
    const report: LockReport = {
      loginServer: 'r.azurecr.io',
      generatedOn: NOW,
      rows: [
        { kind: 'tag', repository: 'api', tag: 'v1', digest: D1, attributes: LOCKED, lastUpdatedOn: NOW, listed: true, policy: { status: 'inPolicy', rules: ['a, "b"', '=cmd'] } },
        { kind: 'manifest', repository: 'api', digest: D2, tags: ['v2', 'beta'], attributes: UNLOCKED, lastUpdatedOn: NOW, listed: true, policy: { status: 'drift', rules: ['x'], change: { deleteEnabled: false } } },
      ],
    };
    const lines = reportCsv([report]).split('\r\n');
    assert.equal(lines[0], 'registry,kind,repository,tag,digest,writeEnabled,deleteEnabled,readEnabled,listEnabled,lastUpdatedOn,tags,listed,policy,rules,change');
    assert.equal(lines[1], `r.azurecr.io,tag,api,v1,${D1},false,false,true,true,2025-06-01T12:00:00.000Z,,true,inPolicy,"a, ""b""; =cmd",`);
    assert.equal(lines[2], `r.azurecr.io,manifest,api,,${D2},true,true,true,true,2025-06-01T12:00:00.000Z,v2 beta,true,drift,x,deleteEnabled=false`);
    assert.equal(lines[3], '');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('-1'), "'-1");
    const json = reportJson([report]);
    assert.deepEqual(json.registries[0]?.items[1], {
      kind: 'manifest',
      repository: 'api',
      digest: D2,
      tags: ['v2', 'beta'],
      ...UNLOCKED,
      lastUpdatedOn: '2025-06-01T12:00:00.000Z',
      listed: true,
      policy: 'drift',
      rules: ['x'],
      change: { deleteEnabled: false },
    });
  });
});
