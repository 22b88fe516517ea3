// The explorer's filter finds tags (issue 14): a tag pattern shows the repositories that have
// matching tags, with those tags, after a bounded, cancellable search of the tags not loaded yet;
// `repository:tag` narrows both; clearing keeps what was expanded. And the rows' other fixes:
// a refreshed repository reads its locks again, "5 tags (1 hidden)".
import * as assert from 'node:assert/strict';
import { silentLogger } from '../../src/registry/log';
import { byDigest, parseFilter, registryMatches, showsAllTags, tagMatcher, tagMatches } from '../../src/tree/filterSpec';
import { ExplorerModel } from '../../src/tree/model';
import { type MessageNode, type Node, type RegistryNode, type RepositoryNode, type TagNode } from '../../src/tree/nodes';
import { start, type Sandbox } from '../sandbox/index';
import { until } from '../support/poll';
import { sandboxConnection } from './sandboxConnections';

function tagNames(nodes: readonly Node[]): string[] {
  return nodes.filter((n): n is TagNode => n.kind === 'tag').map((t) => t.tag.name);
}

function repositoryNames(nodes: readonly Node[]): string[] {
  return nodes.filter((n): n is RepositoryNode => n.kind === 'repository').map((r) => r.name);
}

function messageIds(nodes: readonly Node[]): string[] {
  return nodes.filter((n): n is MessageNode => n.kind === 'message').map((m) => m.message.id);
}

suite('filter spec', () => {
  test('plain text or glob matches repository or tag; repository:tag narrows both; a digest stays plain', () => {
    const plain = parseFilter(' v* ');
    assert.equal(plain.form, 'plain');
    assert.equal(plain.text, 'v*');
    assert.ok(tagMatcher(plain)('v1') && !tagMatcher(plain)('latest'));
    assert.ok(showsAllTags(parseFilter('team/*'), 'team/app'), 'a repository matched by name shows all its tags');
    assert.ok(!showsAllTags(plain, 'hello-world'));

    const qualified = parseFilter('team/*:1.*');
    assert.equal(qualified.form, 'qualified');
    assert.ok(!showsAllTags(qualified, 'team/app'), 'the tag part narrows the tags');
    assert.ok(tagMatcher(qualified)('1.1') && !tagMatcher(qualified)('latest'));
    assert.ok(showsAllTags(parseFilter('team/*:'), 'team/app'), 'an empty tag part: every tag');
    assert.equal(parseFilter('sha256:5eb8').form, 'plain');
    assert.equal(parseFilter('   ').form, 'none');
    assert.ok(tagMatcher(parseFilter('LATEST'))('latest'), 'case-insensitive');
  });
});

suite('tree model: filter and rows against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let model: ExplorerModel;
  let registry: RegistryNode;

  setup(async () => {
    sandbox = await start({ seed: 'demo', log: () => undefined });
    const { connections, registry: config } = sandboxConnection(sandbox);
    model = new ExplorerModel((r) => connections.clientFor(r.config), { pageSize: () => 100, sortOrder: () => 'name' }, silentLogger);
    model.setRegistries([config]);
    const [first] = model.registries();
    assert.ok(first);
    registry = first;
  });

  teardown(async () => {
    await sandbox.stop();
  });

  async function repository(name: string): Promise<RepositoryNode> {
    const found = (await model.children(registry)).find((n): n is RepositoryNode => n.kind === 'repository' && n.name === name);
    assert.ok(found, `repository ${name}`);
    return found;
  }

  const tagListings = (): number => sandbox.stats.filter({ method: 'GET' }).filter((r) => r.path.endsWith('/_tags')).length;

  test('a tag pattern shows the repositories with matching tags, with just those tags, listing each repository once', async () => {
    await model.children(registry);
    sandbox.stats.reset();
    model.setFilter('v*');
    // Before the search: nothing loaded matches, so no repository is shown yet.
    assert.deepEqual(repositoryNames(await model.children(registry)), []);
    const progress: number[] = [];
    const outcome = await model.findTags({ onProgress: (p) => progress.push(p.searched) });
    assert.ok(outcome);
    assert.equal(outcome.searched, 4, 'every repository searched');
    assert.equal(tagListings(), 4, 'one _tags listing per repository');
    assert.deepEqual(progress, [0, 1, 2, 3, 4]);
    assert.deepEqual(repositoryNames(await model.children(registry)), ['hello-world']);
    const hello = await repository('hello-world');
    assert.ok(model.isExpanded(hello), 'a repository shown for its tags is drawn expanded');
    assert.deepEqual(tagNames(await model.children(hello)), ['v1', 'v2', 'v3']);
    assert.deepEqual(model.filterSummary(), { repositories: 1, tags: 3 });
    assert.equal(tagListings(), 4, 'shown from the search, no further listing');

    model.setFilter('team/*:1.*');
    await model.findTags();
    assert.deepEqual(repositoryNames(await model.children(registry)), ['team/app']);
    assert.deepEqual(tagNames(await model.children(await repository('team/app'))), ['1.0', '1.1']);

    model.setFilter('team/*');
    assert.equal(await model.findTags(), undefined, 'a repository name needs no search');
    assert.deepEqual(repositoryNames(await model.children(registry)), ['team/app']);
    assert.deepEqual(tagNames(await model.children(await repository('team/app'))), ['1.0', '1.1', 'latest'], 'matched by name: all tags');

    model.setFilter('latest');
    await model.findTags();
    assert.deepEqual(repositoryNames(await model.children(registry)), ['hello-world', 'multiarch', 'team/app']);

    model.setFilter('nothing-like-this');
    await model.findTags();
    assert.deepEqual(messageIds(await model.children(registry)), ['noRepositoryMatch']);
  });

  test('repository@sha256:… finds the tags on that manifest, in a repository with a slash too (team/app)', async () => {
    for (const [repo, tag] of [['hello-world', 'v2'], ['team/app', '1.0']] as const) {
      const digest = sandbox.control.getTag('sandbox', repo, tag)?.digest;
      assert.ok(digest);
      for (const text of [`${repo}@${digest}`, `${repo}@${digest.slice(0, 19)}`]) {
        model.setFilter(text);
        await model.findTags();
        assert.deepEqual(repositoryNames(await model.children(registry)), [repo], text);
        assert.ok(tagNames(await model.children(await repository(repo))).includes(tag), text);
      }
    }
  });

  test('after a filter whose search read the catalog, Clear Filter shows every repository reading its locks (none stays “reading locks…”)', async () => {
    model.setFilter('team/app:1.0');
    await model.findTags();
    model.setFilter('');
    const shown = (await model.children(registry)).filter((n): n is RepositoryNode => n.kind === 'repository');
    assert.deepEqual(repositoryNames(shown), ['hello-world', 'locked-repo', 'multiarch', 'team/app']);
    await until(() => shown.every((r) => r.info !== undefined), 'every repository’s locks read', { timeoutMs: 10_000 });
  });

  test('a repository whose tags are all loaded is filtered without a search request', async () => {
    const hello = await repository('hello-world');
    await model.children(hello);
    sandbox.stats.reset();
    model.setFilter('hello-world:v1');
    await model.findTags();
    assert.equal(tagListings(), 0);
    assert.deepEqual(tagNames(await model.children(hello)), ['v1']);
  });

  test('a cancelled search keeps what it found and says what it did not search; bounds cut a listing and say so', async () => {
    await model.children(registry);
    model.setFilter('v*');
    const cancel = new AbortController();
    cancel.abort();
    const outcome = await model.findTags({ signal: cancel.signal });
    assert.ok(outcome?.cancelled);
    const rows = await model.children(registry);
    assert.deepEqual(messageIds(rows), ['noRepositoryMatch', 'searchIncomplete']);
    const note = rows.find((n): n is MessageNode => n.kind === 'message' && n.message.id === 'searchIncomplete');
    assert.deepEqual(note?.message, { id: 'searchIncomplete', repositories: 4 });

    model.setFilter('v*');
    const bounded = await model.findTags({ bounds: { maxRepositories: 2, maxTagsPerRepository: 2, pageSize: 2, concurrency: 1 } });
    assert.equal(bounded?.skipped, 2, 'two repositories over the bound');
    const hello = await repository('hello-world');
    const shown = await model.children(hello);
    assert.deepEqual(messageIds(shown).filter((id) => id === 'searchCut'), ['searchCut'], 'the first 2 tags only: says so');
    assert.ok(messageIds(await model.children(registry)).includes('searchIncomplete'));
  });

  test('clearing the filter keeps what was expanded before it; expansions under a filter are not remembered', async () => {
    const hello = await repository('hello-world');
    const team = await repository('team/app');
    model.setExpanded(registry, true);
    model.setExpanded(hello, true);
    model.setFilter('team/*');
    model.setExpanded(team, true);
    model.setExpanded(hello, false);
    model.setFilter('');
    assert.ok(model.isExpanded(registry));
    assert.ok(model.isExpanded(hello), 'hello-world comes back expanded');
    assert.ok(!model.isExpanded(team));
    assert.equal(model.filterEpoch, undefined);
  });

  test('a refreshed repository reads its locks again; its row counts the hidden tag once every tag is listed', async () => {
    const hello = await repository('hello-world');
    await until(() => hello.info !== undefined, 'hello-world attributes');
    assert.equal(model.hiddenTagCount(hello), undefined, 'not known before its tags are listed');
    await model.children(hello);
    assert.equal(model.hiddenTagCount(hello), 1, '5 tags, 4 listed: beta is hidden');
    sandbox.control.setRepositoryAttributes(sandbox.registries[0].name, 'hello-world', { writeEnabled: false });
    await model.refresh(hello);
    assert.equal(hello.info, undefined);
    await until(() => hello.info !== undefined, 'attributes read again after the refresh');
    const reread = (node: RepositoryNode): boolean | undefined => node.info?.attributes.writeEnabled;
    assert.equal(reread(hello), false);
  });

  test('a filter started in one view filters that view’s registries only; expansions of the others are still remembered', async () => {
    // A registry the Azure view discovered: its own node, not one of My Registries'.
    const discovered: RegistryNode = { kind: 'registry', config: { ...registry.config } };
    const shownIn = async (node: RegistryNode): Promise<string[]> => repositoryNames(await model.children(node));
    assert.deepEqual(await shownIn(discovered), ['hello-world', 'locked-repo', 'multiarch', 'team/app']);
    const team = (await model.children(discovered)).find((n): n is RepositoryNode => n.kind === 'repository' && n.name === 'team/app');
    assert.ok(team);
    model.setExpanded(team, true);
    model.setFilter('team/*:1.0', (r) => r === discovered);
    await model.findTags({ registries: [discovered] });
    assert.deepEqual(await shownIn(discovered), ['team/app'], 'the filtered view');
    assert.deepEqual(tagNames(await model.children(team)), ['1.0']);
    assert.deepEqual(await shownIn(registry), ['hello-world', 'locked-repo', 'multiarch', 'team/app'], 'the other view is not filtered');
    assert.deepEqual(model.filterSummary([discovered]), { repositories: 1, tags: 1 });
    assert.deepEqual(model.filterSummary([registry]), { repositories: 0, tags: 0 }, 'nothing of the other view counts');
    assert.equal(model.filterEpochOf(team), model.filterEpoch);
    assert.equal(model.filterEpochOf(registry), undefined, 'rows of the other view keep their ids');
    model.setFilter('');
    assert.ok(model.isExpanded(team), 'Clear Filter: expanded as before');
    assert.deepEqual(tagNames(await model.children(team)), ['1.0', '1.1', 'latest']);
  });

  test('probe reads the first catalog page and keeps its error for the registry row', async () => {
    assert.equal(await model.probe(registry), undefined);
    assert.equal(model.registryError(registry), undefined);
    sandbox.control.setHostile('malformedJson');
    await model.refresh(registry);
    const error = await model.probe(registry);
    assert.equal(error?.kind, 'badResponse', 'the catalog cannot be read');
    assert.equal(model.registryError(registry)?.kind, error.kind);
  });
});

suite('tree filter: full references', () => {
  test('a reference as written in a deployment file selects its registry, repository and tag; @sha256: a digest', () => {
    const full = parseFilter('contosoprod.azurecr.io/team/app:1.0');
    assert.equal(full.form, 'qualified');
    assert.ok(registryMatches(full, 'ContosoProd.azurecr.io'));
    assert.ok(!registryMatches(full, 'sandbox.azurecr.io'));
    assert.ok(full.form === 'qualified' && full.repository('team/app') && full.tag?.('1.0') === true && full.tag('1.1') === false);
    const port = parseFilter('localhost:5443/hello-world');
    assert.ok(registryMatches(port, 'localhost:5443') && !registryMatches(port, 'localhost:5444'));
    assert.ok(showsAllTags(port, 'hello-world'), 'no tag: every tag of the repository');
    const digest = parseFilter('team/app@sha256:162209f');
    assert.ok(byDigest(digest));
    assert.ok(tagMatches(digest, { name: '1.1', digest: 'sha256:162209fdeadbeef' }), 'a tag on that manifest');
    assert.ok(!tagMatches(digest, { name: '1.0', digest: 'sha256:94cc36f' }));
    const plain = parseFilter('team/*:v1*');
    assert.ok(registryMatches(plain, 'any.azurecr.io'), 'no registry part: every registry');
    assert.ok(!byDigest(parseFilter('a1')), 'plain text never matches digests of tags');
  });
});
