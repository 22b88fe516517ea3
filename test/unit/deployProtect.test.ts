/**
 * The "protect what is deployed" planner (src/deploy/protect/) over an in-memory LockClient:
 * only restrictions are added, floating tags are reported and never locked, it fails closed
 * (no references, unreadable files, missing tags/repositories) before any change, orphans are
 * found (and items a rule keeps are not orphans), other registries are "not managed here",
 * resolution reads listings (not one read per tag), and the policy section parses with positions.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  applyDeploymentPlan,
  DeploymentBlockedError,
  deploymentOptions,
  deploymentsInPolicy,
  type DeploySetInput,
  planDeployments,
  releaseOrphans,
} from '../../src/deploy/protect';
import { type LockAttributes, type LockChange, UNLOCKED } from '../../src/locks/attributes';
import { type LockClient } from '../../src/locks/client';
import { LockEngine } from '../../src/locks/engine';
import { DEFAULT_DEPLOYED_MANIFEST, DEFAULT_DEPLOYED_TAG, DEFAULT_FLOATING_TAGS, parsePolicy } from '../../src/policy';
import { RegistryError } from '../../src/registry/errors';
import { type LockTarget, type ManifestInfo, type Page, type RepositoryInfo, type TagInfo } from '../../src/registry/models';

const D = (n: number): string => `sha256:${String(n).padStart(64, '0')}`;
const T0 = new Date('2024-01-01T00:00:00Z');

interface FakeRepo {
  tags: Map<string, { digest: string; attributes: LockAttributes }>;
  manifests: Map<string, { attributes: LockAttributes; architecture?: string; references?: string[] }>;
}

/** A registry in memory with a count of every call by name. */
class FakeClient implements LockClient {
  readonly calls: string[] = [];
  readonly repos = new Map<string, FakeRepo>();
  constructor(readonly loginServer: string) {}

  add(repository: string, tag: string | undefined, digest: string, tagAttributes: Partial<LockAttributes> = {}, manifestAttributes: Partial<LockAttributes> = {}): void {
    let repo = this.repos.get(repository);
    if (repo === undefined) {
      repo = { tags: new Map(), manifests: new Map() };
      this.repos.set(repository, repo);
    }
    const manifest = repo.manifests.get(digest) ?? { attributes: { ...UNLOCKED }, architecture: 'amd64' };
    Object.assign(manifest.attributes, manifestAttributes);
    repo.manifests.set(digest, manifest);
    if (tag !== undefined) {
      repo.tags.set(tag, { digest, attributes: { ...UNLOCKED, ...tagAttributes } });
    }
  }

  private repo(repository: string): FakeRepo {
    const repo = this.repos.get(repository);
    if (repo === undefined) {
      throw new RegistryError('notFound', `repository ${repository} not found`);
    }
    return repo;
  }
  private tagInfo(repository: string, name: string): TagInfo {
    const tag = this.repo(repository).tags.get(name);
    if (tag === undefined) {
      throw new RegistryError('notFound', `tag ${name} not found`);
    }
    return { kind: 'tag', repository, name, digest: tag.digest, attributes: { ...tag.attributes }, createdOn: T0, lastUpdatedOn: T0 };
  }
  private manifestInfo(repository: string, digest: string, direct: boolean): ManifestInfo {
    const repo = this.repo(repository);
    const m = repo.manifests.get(digest);
    if (m === undefined) {
      throw new RegistryError('notFound', `manifest ${digest} not found`);
    }
    const tags = [...repo.tags].filter(([, t]) => t.digest === digest).map(([n]) => n);
    return {
      kind: 'manifest',
      repository,
      digest,
      attributes: { ...m.attributes },
      tags,
      createdOn: T0,
      lastUpdatedOn: T0,
      ...(m.architecture === undefined ? {} : { architecture: m.architecture }),
      references: direct ? (m.references ?? []).map((d) => ({ digest: d })) : [],
    };
  }
  getRepository(repository: string): Promise<RepositoryInfo> {
    this.calls.push(`getRepository ${repository}`);
    const repo = this.repo(repository);
    return Promise.resolve({ kind: 'repository', name: repository, attributes: { ...UNLOCKED }, createdOn: T0, lastUpdatedOn: T0, manifestCount: repo.manifests.size, tagCount: repo.tags.size });
  }
  getTag(repository: string, tag: string): Promise<TagInfo> {
    this.calls.push(`getTag ${repository}:${tag}`);
    return Promise.resolve().then(() => this.tagInfo(repository, tag));
  }
  getManifest(repository: string, digest: string): Promise<ManifestInfo> {
    this.calls.push(`getManifest ${repository}@${digest}`);
    return Promise.resolve().then(() => this.manifestInfo(repository, digest, true));
  }
  listTags(repository: string, options: { pageSize: number; continuationToken?: string }): Promise<Page<TagInfo>> {
    this.calls.push(`listTags ${repository}`);
    const names = [...this.repo(repository).tags.keys()].sort();
    const start = options.continuationToken === undefined ? 0 : Number(options.continuationToken);
    const items = names.slice(start, start + options.pageSize).map((n) => this.tagInfo(repository, n));
    const next = start + options.pageSize < names.length ? String(start + options.pageSize) : undefined;
    return Promise.resolve({ items, ...(next === undefined ? {} : { continuationToken: next }) });
  }
  listManifests(repository: string, options: { pageSize: number; continuationToken?: string }): Promise<Page<ManifestInfo>> {
    this.calls.push(`listManifests ${repository}`);
    const digests = [...this.repo(repository).manifests.keys()].sort();
    const start = options.continuationToken === undefined ? 0 : Number(options.continuationToken);
    const items = digests.slice(start, start + options.pageSize).map((d) => this.manifestInfo(repository, d, false));
    const next = start + options.pageSize < digests.length ? String(start + options.pageSize) : undefined;
    return Promise.resolve({ items, ...(next === undefined ? {} : { continuationToken: next }) });
  }
  read(target: LockTarget): Promise<TagInfo | ManifestInfo | RepositoryInfo> {
    this.calls.push(`read ${target.kind}`);
    switch (target.kind) {
      case 'tag':
        return Promise.resolve().then(() => this.tagInfo(target.repository, target.tag));
      case 'manifest':
        return Promise.resolve().then(() => this.manifestInfo(target.repository, target.digest, true));
      case 'repository':
        return this.getRepository(target.repository);
    }
  }
  update(target: LockTarget, change: LockChange): Promise<TagInfo | ManifestInfo | RepositoryInfo> {
    this.calls.push(`update ${target.kind === 'tag' ? `${target.repository}:${target.tag}` : target.kind === 'manifest' ? `${target.repository}@${target.digest}` : target.repository} ${JSON.stringify(change)}`);
    if (target.kind === 'tag') {
      const tag = this.repo(target.repository).tags.get(target.tag);
      assert.ok(tag);
      Object.assign(tag.attributes, change);
    } else if (target.kind === 'manifest') {
      const m = this.repo(target.repository).manifests.get(target.digest);
      assert.ok(m);
      Object.assign(m.attributes, change);
    }
    return this.read(target);
  }
  updates(): string[] {
    return this.calls.filter((c) => c.startsWith('update '));
  }
}

const REG = 'myreg.azurecr.io';

function set(overrides: Partial<DeploySetInput> = {}): DeploySetInput {
  return { name: 'prod', files: ['**'], exclude: [], tag: DEFAULT_DEPLOYED_TAG, manifest: DEFAULT_DEPLOYED_MANIFEST, floatingTags: DEFAULT_FLOATING_TAGS, baseImages: false, ...overrides };
}

suite('deploy: protect what is deployed (planner over a fake LockClient)', () => {
  let root: string;
  let client: FakeClient;
  setup(() => {
    root = mkdtempSync(join(tmpdir(), 'deploy-protect-'));
    client = new FakeClient(REG);
    client.add('team/app', '1.0', D(1));
    client.add('team/app', '1.1', D(2), { writeEnabled: false, deleteEnabled: false }, { deleteEnabled: false });
    client.add('team/app', 'latest', D(3));
    client.add('team/app', '0.9', D(4), { writeEnabled: false });
    client.add('team/app', undefined, D(5), {}, { deleteEnabled: false });
    client.add('team/api', 'v2', D(6), {}, { readEnabled: false });
  });
  teardown(() => rmSync(root, { recursive: true, force: true }));

  function write(file: string, text: string): void {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  function plan(sets: DeploySetInput[] = [set()], withClient = true): ReturnType<typeof planDeployments> {
    return planDeployments({ root, sets, managed: [REG], ...(withClient ? { client: (s: string) => (s === REG ? client : undefined) } : {}) });
  }
  const k8s = (images: string[]): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n${images.map((i, n) => `        - name: c${n}\n          image: ${i}\n`).join('')}`;

  test('only adds restrictions: the change is the flags wanted false that are true now; already-protected items send nothing', async () => {
    write('k8s/app.yaml', k8s([`${REG}/team/app:1.0`, `${REG}/team/app:1.1`, `${REG}/team/api@${D(6)}`]));
    const p = await plan();
    assert.deepEqual(
      p.changes.map((c) => `${c.target.kind} ${c.target.kind === 'tag' ? c.target.tag : c.target.digest} ${JSON.stringify(c.change)} ${c.deployedAt.join(',')}`),
      [`tag 1.0 {"writeEnabled":false,"deleteEnabled":false} ${join(root, 'k8s/app.yaml')}:10`, `manifest ${D(1)} {"deleteEnabled":false} ${join(root, 'k8s/app.yaml')}:10`, `manifest ${D(6)} {"deleteEnabled":false} ${join(root, 'k8s/app.yaml')}:14`],
    );
    assert.deepEqual(
      p.references.map((r) => `${r.line} ${r.status}`),
      ['10 unprotected', '12 protected', '14 unprotected'],
    );
    // A set that "wants" true never unlocks (parse refuses it; the core ignores it too).
    const lax = await plan([set({ tag: { writeEnabled: true, deleteEnabled: false }, manifest: { readEnabled: true } })]);
    assert.ok(lax.changes.every((c) => Object.values(c.change).every((v) => v === false)));
    assert.ok(!lax.changes.some((c) => c.target.kind === 'manifest'), 'readEnabled: true on team/api@… is not "restored"');

    const engine = new LockEngine();
    const report = await applyDeploymentPlan(engine, p, { concurrency: 2 });
    assert.equal(report.changed, 3);
    assert.equal(client.updates().length, 3);
    const again = await plan();
    assert.ok(deploymentsInPolicy(again), JSON.stringify(again.blockers));
    assert.deepEqual(again.changes, []);
  });

  test('floating tags (latest, no tag, dev*) are reported with "pin by digest" and never locked', async () => {
    write('compose.yaml', `services:\n  web:\n    image: ${REG}/team/app:latest\n  worker:\n    image: ${REG}/team/app\n  api:\n    image: ${REG}/team/api:v2\n`);
    const p = await plan();
    const floating = p.references.filter((r) => r.status === 'floating');
    assert.deepEqual(floating.map((r) => r.line), [3, 5]);
    assert.match(floating[0]?.message ?? '', new RegExp(`pin by digest \\(${REG}/team/app@${D(3)}\\)`));
    assert.ok(!p.changes.some((c) => c.target.kind === 'tag' && c.target.tag === 'latest'));
    assert.ok(!p.changes.some((c) => c.target.kind === 'manifest' && c.target.digest === D(3)));
    const custom = await plan([set({ floatingTags: ['v*'] })]);
    assert.deepEqual(custom.references.filter((r) => r.status === 'floating').map((r) => r.line), [7]);
  });

  test('fails closed: a missing tag, digest or repository, a broken file, or a set without references blocks apply before any request', async () => {
    write('k8s/app.yaml', k8s([`${REG}/team/app:1.0`, `${REG}/team/app:9.9`, `${REG}/team/gone:1`, `${REG}/team/app@${D(99)}`]));
    write('broken/values.yaml', 'image: [unclosed\n  - {\n');
    const p = await plan();
    assert.deepEqual(
      p.blockers.map((b) => `${b.kind} ${b.message.replace(root, '')}`).sort(),
      [
        `extraction /broken/values.yaml: ${p.extractionErrors[0]?.error.replace(/^[^:]*: /, '')}`,
        `missing /k8s/app.yaml:12: ${REG}/team/app:9.9: tag 9.9 not found in ${REG}/team/app`,
        `missing /k8s/app.yaml:14: ${REG}/team/gone:1: repository team/gone not found in ${REG}`,
        `missing /k8s/app.yaml:16: ${REG}/team/app@${D(99)}: manifest ${D(99)} not found in ${REG}/team/app`,
      ].sort(),
    );
    const before = client.calls.length;
    await assert.rejects(applyDeploymentPlan(new LockEngine(), p, { concurrency: 1 }), DeploymentBlockedError);
    assert.equal(client.calls.length, before, 'nothing was sent');
    const partial = await applyDeploymentPlan(new LockEngine(), p, { concurrency: 1, allowPartial: true });
    assert.equal(partial.changed, 2, 'with allowPartial the resolvable ones are protected');

    const empty = await plan([set({ name: 'typo', files: ['deploy/**'] })]);
    assert.deepEqual(empty.blockers.map((b) => b.kind), ['noReferences']);
    assert.match(empty.blockers[0]?.message ?? '', /deployment set "typo" found no image reference in 0 files/);
  });

  test('resolution reads listings: tag pages and manifest pages per repository (no read per tag), however many tags', async () => {
    const images: string[] = [];
    for (let i = 0; i < 1500; i += 1) {
      client.add('big', `t${i}`, D(1000 + i));
      images.push(`${REG}/big:t${i}`);
    }
    write('k8s/big.yaml', k8s(images));
    client.calls.length = 0;
    const p = await plan();
    const reads = client.calls.filter((c) => !c.startsWith('update')).length;
    assert.deepEqual(client.calls.filter((c) => c.includes('big')).map((c) => c.split(' ')[0]), ['listTags', 'listTags', 'listManifests', 'listManifests']);
    assert.ok(reads / 1500 <= 1.05, `${reads} reads for 1500 tags`);
    assert.equal(p.changes.length, 3000);
  });

  test('other registries are "not managed here"; base images are left out unless the set asks; templates are listed', async () => {
    write('Dockerfile', `FROM ${REG}/team/app:1.0 AS build\nFROM docker.io/library/alpine:3.20\nCOPY --from=build /x /x\n`);
    write('values.yaml', 'image:\n  repository: nginx\n  tag: "1.27"\nsidecar:\n  image: "{{ .Values.registry }}/x:1"\n');
    const p = await plan();
    assert.deepEqual(
      p.references.map((r) => `${r.file}:${r.line} ${r.status}${r.message === undefined ? '' : ` (${r.message})`}`),
      ['Dockerfile:1 baseImage', 'Dockerfile:2 baseImage', 'values.yaml:2 notManaged (not managed here)', 'values.yaml:5 template'],
    );
    const withBase = await plan([set({ baseImages: true })]);
    assert.deepEqual(withBase.references.map((r) => `${r.file}:${r.line} ${r.status}`).slice(0, 2), ['Dockerfile:1 unprotected', 'Dockerfile:2 notManaged']);
  });

  test('orphans: locked items nothing deployed references, and not kept by a rule; released only on request, never with blockers', async () => {
    write('k8s/app.yaml', k8s([`${REG}/team/app:1.1`]));
    const parsed = parsePolicy(
      JSON.stringify({ registries: [{ loginServer: REG, rules: [{ name: 'old releases kept', repositories: ['team/*'], tags: ['0.*'], set: { writeEnabled: false } }] }] }),
    );
    assert.ok(parsed.policy);
    const withRules = await planDeployments({ root, sets: [set()], managed: [REG], rules: parsed.policy.registries, client: () => client });
    assert.deepEqual(withRules.orphans.map((o) => `${o.target.kind} ${o.target.kind === 'tag' ? o.target.tag : o.target.digest} ${JSON.stringify(o.change)}`), [
      `manifest ${D(5)} {"deleteEnabled":true}`,
    ]);
    const p = await plan();
    assert.deepEqual(p.orphans.map((o) => (o.target.kind === 'tag' ? o.target.tag : o.target.digest)), ['0.9', D(5)]);
    const report = await releaseOrphans(new LockEngine(), p, { concurrency: 1 });
    assert.equal(report.changed, 2);
    assert.deepEqual(client.updates(), [`update team/app:0.9 {"writeEnabled":true}`, `update team/app@${D(5)} {"deleteEnabled":true}`]);

    write('k8s/broken.yaml', 'a: [\n');
    const blocked = await plan();
    const before = client.calls.length;
    await assert.rejects(releaseOrphans(new LockEngine(), blocked, { concurrency: 1 }), DeploymentBlockedError);
    assert.equal(client.calls.length, before);
  });

  test('the platform images of a deployed multi-arch index are not orphans', async () => {
    client.add('multi', 'v1', D(50));
    client.add('multi', undefined, D(51), {}, { deleteEnabled: false });
    client.add('multi', undefined, D(52), {}, { deleteEnabled: false });
    const index = client.repos.get('multi')?.manifests.get(D(50));
    assert.ok(index);
    delete index.architecture;
    index.references = [D(51)];
    write('k8s/multi.yaml', k8s([`${REG}/multi:v1`]));
    const p = await plan();
    assert.deepEqual(p.orphans.map((o) => (o.target.kind === 'manifest' ? o.target.digest : '')), [D(52)]);
  });

  test('without a client, references are listed (managed or not) and nothing is resolved or applied', async () => {
    write('k8s/app.yaml', k8s([`${REG}/team/app:1.0`, 'ghcr.io/x/y:1', `${REG}/team/app:latest`]));
    const p = await plan([set()], false);
    assert.deepEqual(p.references.map((r) => r.status), ['unchecked', 'notManaged', 'floating']);
    assert.equal(client.calls.length, 0);
    await assert.rejects(applyDeploymentPlan(new LockEngine(), p, { concurrency: 1 }), /without the registries/);
  });

  test('exclude globs skip files; globs are relative to the policy file folder (deploymentOptions)', async () => {
    write('deploy/prod/app.yaml', k8s([`${REG}/team/app:1.0`]));
    write('deploy/dev/app.yaml', k8s([`${REG}/team/app:9.9`]));
    const parsed = parsePolicy(JSON.stringify({ registries: [{ loginServer: REG, rules: [] }], deployments: [{ name: 'prod', files: ['deploy/**'], exclude: ['deploy/dev/**'] }] }));
    assert.ok(parsed.policy, JSON.stringify(parsed.diagnostics));
    const p = await planDeployments(deploymentOptions(parsed.policy, join(root, '.acr-locks.json'), { client: () => client }));
    assert.deepEqual(p.references.map((r) => r.file), ['deploy/prod/app.yaml']);
    assert.deepEqual(p.blockers, []);
  });
});

suite('policy: the deployments section', () => {
  test('defaults, positions and what the schema cannot say', () => {
    const ok = parsePolicy('{ "registries": [], "deployments": [ { "name": "prod", "files": ["deploy/**"] } ] }');
    assert.deepEqual(ok.diagnostics, []);
    const prod = ok.policy?.deployments?.[0];
    assert.deepEqual(prod && [prod.tag, prod.manifest, prod.floatingTags, prod.baseImages, prod.exclude], [DEFAULT_DEPLOYED_TAG, DEFAULT_DEPLOYED_MANIFEST, DEFAULT_FLOATING_TAGS, false, []]);
    const bad = parsePolicy(
      '{\n "registries": [],\n "deployments": [\n  { "name": "a", "files": ["../x/**"] },\n  { "name": "a", "files": ["*"], "set": { "tag": { "writeEnabled": true } }, "floatingTags": [] }\n ]\n}',
    );
    assert.equal(bad.policy, undefined);
    assert.deepEqual(
      bad.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`),
      ['deploymentFileOutside 4:28', 'duplicateDeployment 5:13', 'deploymentUnlocks 5:68'],
    );
    const pulls = parsePolicy('{ "registries": [], "deployments": [ { "name": "a", "files": ["*"], "set": { "manifest": { "readEnabled": false } } } ] }');
    assert.ok(pulls.policy, 'a warning, not an error');
    assert.deepEqual(pulls.diagnostics.map((d) => `${d.severity} ${d.code}`), ['warning deploymentBlocksPulls']);
    const unknown = parsePolicy('{ "registries": [], "deployments": [ { "name": "a", "files": ["*"], "floatingTag": [] } ] }');
    assert.match(unknown.diagnostics[0]?.message ?? '', /Unknown property "floatingTag".*Did you mean "floatingTags"\?/);
  });
});
