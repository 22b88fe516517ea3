// The registry explorer inside the real extension host, against the sandbox registry
// (ACR_LOCKS_SANDBOX: the runner's demo-seeded sandbox; a second in-process sandbox for the
// 10,000-tag repository and anonymous pull).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerView } from '../../src/tree/createExplorer';
import type { MessageNode, Node, RegistryNode, RepositoryNode, TagNode, ManifestNode } from '../../src/tree/nodes';
import { adminUser, readSandboxInfo, type SandboxInfo } from '../runner/sandboxInfo';

const EXTENSION_ID = 'acr-image-locks.acr-image-locks';

interface SettingEntry {
  loginServer: string;
  auth: string;
  username?: string;
}

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, 'extension not loaded');
  return ext.activate();
}

async function configure(view: ExplorerView, registries: SettingEntry[]): Promise<void> {
  await vscode.workspace.getConfiguration('acrLocks').update('registries', registries, vscode.ConfigurationTarget.Global);
  view.reloadSettings();
  view.refresh();
}

async function children(view: ExplorerView, node?: Node): Promise<Node[]> {
  return (await view.provider.getChildren(node)) ?? [];
}

async function item(view: ExplorerView, node: Node): Promise<vscode.TreeItem> {
  return view.provider.getTreeItem(node);
}

function iconId(treeItem: vscode.TreeItem): string | undefined {
  return treeItem.iconPath instanceof vscode.ThemeIcon ? treeItem.iconPath.id : undefined;
}

function tooltipText(treeItem: vscode.TreeItem): string {
  const t = treeItem.tooltip;
  return typeof t === 'string' ? t : (t?.value ?? '');
}

function registryNode(view: ExplorerView, loginServer: string): RegistryNode {
  const found = view.registries().find((r) => r.config.loginServer === loginServer);
  assert.ok(found, `registry ${loginServer} not in the tree`);
  return found;
}

function byLabel<T extends Node>(nodes: Node[], kind: T['kind'], name: string): T {
  const found = nodes.find((n) => {
    if (n.kind !== kind) {
      return false;
    }
    if (n.kind === 'repository') {
      return n.name === name;
    }
    if (n.kind === 'tag') {
      return n.tag.name === name;
    }
    return false;
  });
  assert.ok(found, `${kind} ${name} not found among ${nodes.map((n) => n.kind).join(',')}`);
  return found as T;
}

async function waitFor(predicate: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function messages(nodes: Node[]): MessageNode[] {
  return nodes.filter((n): n is MessageNode => n.kind === 'message');
}

/** The sandbox's own HTTP API (not the extension): password grant, then PATCH the tag. */
async function patchTag(info: SandboxInfo, repository: string, tag: string, body: object): Promise<void> {
  const admin = adminUser(info);
  assert.ok(admin);
  const endpoint = new URL(info.endpoint);
  const ca = fs.readFileSync(info.caFile);
  const send = (method: string, pathName: string, headers: Record<string, string>, payload: string): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = https.request(
        { host: endpoint.hostname, port: endpoint.port, path: pathName, method, headers, ca },
        (res) => {
          let data = '';
          res.on('data', (chunk: Buffer) => (data += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const form = new URLSearchParams({
    grant_type: 'password',
    service: endpoint.host,
    scope: `repository:${repository}:metadata_write`,
    username: admin.username,
    password: admin.password,
  }).toString();
  const token = await send('POST', '/oauth2/token', { 'Content-Type': 'application/x-www-form-urlencoded' }, form);
  assert.equal(token.status, 200, token.body);
  const accessToken = (JSON.parse(token.body) as { access_token: string }).access_token;
  const patched = await send(
    'PATCH',
    `/acr/v1/${repository}/_tags/${tag}`,
    { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    JSON.stringify(body),
  );
  assert.equal(patched.status, 200, patched.body);
}

suite('Explorer', function () {
  this.timeout(120_000);
  let view: ExplorerView;
  let info: SandboxInfo;
  let host: string;
  let previous: unknown;

  suiteSetup(async function () {
    const sandbox = readSandboxInfo();
    if (!sandbox) {
      this.skip();
    }
    info = sandbox;
    host = new URL(info.endpoint).host;
    view = (await api()).explorerView;
    previous = vscode.workspace.getConfiguration('acrLocks').get('registries');
  });

  suiteTeardown(async () => {
    if (view) {
      await vscode.workspace.getConfiguration('acrLocks').update('registries', previous ?? [], vscode.ConfigurationTarget.Global);
      await view.setFilter('');
    }
  });

  async function demoRegistry(): Promise<RegistryNode> {
    const admin = adminUser(info);
    assert.ok(admin);
    await configure(view, [{ loginServer: host, auth: 'password', username: admin.username }]);
    return registryNode(view, host);
  }

  test('demo seed: repositories, tags, manifests and the hidden tag show their lock state', async () => {
    const registry = await demoRegistry();
    const registryItem = await item(view, registry);
    assert.equal(registryItem.label, host);
    assert.match(String(registryItem.description), /password/);

    const repositories = (await children(view, registry)).filter((n): n is RepositoryNode => n.kind === 'repository');
    assert.deepEqual(repositories.map((r) => r.name).sort(), ['hello-world', 'locked-repo', 'multiarch', 'team/app']);
    // Repository attributes arrive in the background, then the node is redrawn.
    await waitFor(() => repositories.every((r) => r.info !== undefined), 'repository attributes');
    const lockedRepo = await item(view, byLabel<RepositoryNode>(repositories, 'repository', 'locked-repo'));
    assert.equal(iconId(lockedRepo), 'lock');
    assert.match(String(lockedRepo.description), /^locked/);
    assert.equal(iconId(await item(view, byLabel<RepositoryNode>(repositories, 'repository', 'hello-world'))), 'unlock');

    const hello = byLabel<RepositoryNode>(repositories, 'repository', 'hello-world');
    const helloChildren = await children(view, hello);
    assert.equal(helloChildren[0]?.kind, 'manifestGroup');
    const tags = helloChildren.filter((n): n is TagNode => n.kind === 'tag');
    assert.deepEqual(tags.map((t) => t.tag.name).sort(), ['latest', 'v1', 'v2', 'v3'], 'beta is hidden from the tag listing');
    const expected: Record<string, [string, RegExp]> = {
      latest: ['unlock', /^unlocked · [0-9a-f]{7}$/],
      v1: ['lock', /^locked · [0-9a-f]{7}$/],
      v2: ['shield', /^delete-protected · /],
      v3: ['lock-small', /^write-protected · /],
    };
    for (const tag of tags) {
      const [icon, description] = expected[tag.tag.name] ?? ['', /$^/];
      const treeItem = await item(view, tag);
      assert.equal(iconId(treeItem), icon, `icon of ${tag.tag.name}`);
      assert.match(String(treeItem.description), description, `description of ${tag.tag.name}`);
      assert.ok(treeItem.accessibilityInformation?.label.includes(String(treeItem.description)));
      const tooltip = tooltipText(treeItem);
      for (const flagName of ['Write', 'Delete', 'Read', 'List', 'Digest', 'Created', 'Updated']) {
        assert.ok(tooltip.includes(flagName), `tooltip of ${tag.tag.name} mentions ${flagName}`);
      }
    }
    // v1 expands to its manifest digest.
    const v1Manifest = (await children(view, byLabel<TagNode>(tags, 'tag', 'v1')))[0];
    assert.equal(v1Manifest?.kind, 'manifest');
    assert.equal((v1Manifest as ManifestNode).manifest.digest, byLabel<TagNode>(tags, 'tag', 'v1').tag.digest);

    // The Manifests group: every manifest, including the untagged one; beta revealed through its manifest.
    const group = helloChildren[0];
    assert.ok(group);
    const manifests = (await children(view, group)).filter((n): n is ManifestNode => n.kind === 'manifest');
    assert.equal(manifests.length, 5);
    assert.equal(manifests.filter((m) => m.manifest.tags.length === 0).length, 1, 'one untagged manifest');
    const betaManifest = manifests.find((m) => m.manifest.tags.includes('beta'));
    assert.ok(betaManifest, 'the manifest of the hidden tag lists it');
    const beta = (await children(view, betaManifest)).find((n): n is TagNode => n.kind === 'tag');
    assert.ok(beta && beta.hidden, 'beta is shown under its manifest, marked hidden');
    const betaItem = await item(view, beta);
    assert.equal(iconId(betaItem), 'eye-closed');
    assert.match(String(betaItem.description), /^hidden · /);
    assert.match(String(betaItem.contextValue), /;hidden;/);

    // team/app: pulls blocked on 1.0; 1.1's manifest is locked (the seed caveat).
    const team = byLabel<RepositoryNode>(repositories, 'repository', 'team/app');
    const teamTags = (await children(view, team)).filter((n): n is TagNode => n.kind === 'tag');
    const t10 = await item(view, byLabel<TagNode>(teamTags, 'tag', '1.0'));
    assert.equal(iconId(t10), 'circle-slash');
    assert.match(String(t10.description), /^pulls blocked · /);
    const t11 = await item(view, byLabel<TagNode>(teamTags, 'tag', '1.1'));
    assert.equal(iconId(t11), 'unlock');
    assert.match(String(t11.description), /manifest locked/);
    assert.match(tooltipText(t11), /manifest this tag points to is locked/);
    assert.match(String(t11.contextValue), /;manifestLocked;/);

    // multiarch: the index expands to its two platforms.
    const multi = byLabel<RepositoryNode>(repositories, 'repository', 'multiarch');
    const multiGroup = (await children(view, multi))[0];
    assert.ok(multiGroup);
    const multiManifests = (await children(view, multiGroup)).filter((n): n is ManifestNode => n.kind === 'manifest');
    assert.equal(multiManifests.length, 3);
    const index = multiManifests.find((m) => m.manifest.tags.includes('latest'));
    assert.ok(index);
    const platforms = (await children(view, index)).filter((n): n is ManifestNode => n.kind === 'manifest');
    assert.deepEqual(platforms.map((p) => p.manifest.architecture).sort(), ['amd64', 'arm64']);
    assert.match(String((await item(view, index)).description), /multi-arch index/);
  });

  test('locking a tag with the sandbox API and refreshing changes its icon and tooltip', async () => {
    const registry = await demoRegistry();
    const hello = byLabel<RepositoryNode>(await children(view, registry), 'repository', 'hello-world');
    const before = await item(view, byLabel<TagNode>(await children(view, hello), 'tag', 'latest'));
    assert.equal(iconId(before), 'unlock');
    await patchTag(info, 'hello-world', 'latest', { writeEnabled: false, deleteEnabled: false });
    try {
      view.refresh(hello);
      const after = await item(view, byLabel<TagNode>(await children(view, hello), 'tag', 'latest'));
      assert.equal(iconId(after), 'lock');
      assert.match(String(after.description), /^locked · /);
      assert.match(tooltipText(after), /Write \(push\/overwrite\) \| \*\*no\*\*/);
    } finally {
      await patchTag(info, 'hello-world', 'latest', { writeEnabled: true, deleteEnabled: true });
    }
  });

  test('filter by glob shows the active filter in the view message', async () => {
    const registry = await demoRegistry();
    const hello = byLabel<RepositoryNode>(await children(view, registry), 'repository', 'hello-world');
    await view.setFilter('v*');
    try {
      const tags = (await children(view, hello)).filter((n): n is TagNode => n.kind === 'tag');
      assert.deepEqual(tags.map((t) => t.tag.name).sort(), ['v1', 'v2', 'v3']);
      assert.match(String(view.view.message), /v\*/);
    } finally {
      await view.setFilter('');
    }
    assert.equal(view.view.message, undefined);
  });

  test('the sort toggle lists tags by last update, newest first, and back by name', async () => {
    const registry = await demoRegistry();
    const hello = byLabel<RepositoryNode>(await children(view, registry), 'repository', 'hello-world');
    const names = async (): Promise<string[]> =>
      (await children(view, hello)).filter((n): n is TagNode => n.kind === 'tag').map((t) => t.tag.name);
    assert.deepEqual(await names(), ['latest', 'v1', 'v2', 'v3']);
    await vscode.commands.executeCommand('acrLocks.toggleSort');
    try {
      await waitFor(() => vscode.workspace.getConfiguration('acrLocks').get('sortOrder') === 'lastUpdated', 'the sortOrder setting');
      const ordered = await names();
      const times = (await children(view, hello))
        .filter((n): n is TagNode => n.kind === 'tag')
        .map((t) => t.tag.lastUpdatedOn.getTime());
      assert.deepEqual(times, [...times].sort((x, y) => y - x), `newest first: ${ordered.join(',')}`);
    } finally {
      await vscode.commands.executeCommand('acrLocks.toggleSort');
    }
    await waitFor(() => vscode.workspace.getConfiguration('acrLocks').get('sortOrder') === 'name', 'the sortOrder setting back');
    assert.deepEqual(await names(), ['latest', 'v1', 'v2', 'v3']);
  });

  test('Microsoft account mode with a VS Code session double', async () => {
    const previousSessions = view.auth.setSessions({ getSession: async () => ({ accessToken: info.aadToken }) });
    try {
      await configure(view, [{ loginServer: host, auth: 'microsoft' }]);
      const registry = registryNode(view, host);
      assert.match(String((await item(view, registry)).description), /Microsoft account/);
      const repositories = (await children(view, registry)).filter((n) => n.kind === 'repository');
      assert.equal(repositories.length, 4);
      view.auth.setSessions({ getSession: async () => undefined });
      view.resetClient(registry);
      const signIn = messages(await children(view, registry))[0];
      assert.ok(signIn, 'a sign-in node without a session');
      assert.equal(signIn.action?.command, 'acrLocks.signIn');
    } finally {
      view.auth.setSessions(previousSessions);
    }
  });

  test('azure identity mode without any Azure credential shows a sign-in node', async () => {
    await configure(view, [{ loginServer: host, auth: 'azureIdentity' }]);
    const nodes = await children(view, registryNode(view, host));
    const message = messages(nodes)[0];
    assert.ok(message, `an error node, got ${nodes.map((n) => n.kind).join(',')}`);
    assert.equal(message.severity, 'error');
    assert.equal(message.action?.command, 'acrLocks.signIn', message.text);
  });

  test('a read-only token user sees a missing-permission node for catalog listing', async () => {
    const reader = info.users.find((u) => u.username === 'reader');
    assert.ok(reader, 'the sandbox has the reader token user');
    await view.passwords.store(host, 'reader', reader.password);
    try {
      await configure(view, [{ loginServer: host, auth: 'password', username: 'reader' }]);
      const message = messages(await children(view, registryNode(view, host)))[0];
      assert.ok(message);
      assert.equal(message.error?.kind, 'missingPermission');
      assert.match(message.text, /catalog listing/);
      assert.ok(message.action, 'a recovery action');
    } finally {
      await view.passwords.delete(host, 'reader');
    }
  });

  test('a password-mode registry without a stored password offers Enter Credentials', async () => {
    await configure(view, [{ loginServer: host, auth: 'password', username: 'nobody' }]);
    const message = messages(await children(view, registryNode(view, host)))[0];
    assert.ok(message);
    assert.equal(message.action?.command, 'acrLocks.enterCredentials');
  });

  suite('second sandbox (10,000 tags, anonymous pull)', () => {
    interface LargeSandbox {
      endpoint: string;
      users: { username: string; password: string }[];
      stats: { count(filter: { method?: string; path?: string; status?: number }): number; reset(): void };
      stop(): Promise<void>;
    }
    let large: LargeSandbox | undefined;
    let largeHost = '';
    let caDir = '';

    suiteSetup(async function () {
      const setDefault = (tls as { setDefaultCACertificates?: (certs: string[]) => void }).setDefaultCACertificates;
      const getCerts = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
      if (!setDefault || !getCerts) {
        // Node < 22.15 cannot trust a CA created after start; visible as pending.
        this.skip();
      }
      caDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acr-explorer-ca-'));
      const sandboxModule = (await import(path.join(__dirname, '..', 'sandbox', 'index.js'))) as {
        start(options: object): Promise<LargeSandbox>;
      };
      large = await sandboxModule.start({ seed: 'large:10000', caDir, anonymousPull: true, log: () => undefined });
      setDefault([...getCerts('default'), fs.readFileSync(path.join(caDir, 'ca.pem'), 'utf8')]);
      largeHost = new URL(large.endpoint).host;
    });

    suiteTeardown(async () => {
      await large?.stop();
      if (caDir) {
        fs.rmSync(caDir, { recursive: true, force: true });
      }
    });

    test('a 10,000-tag repository shows its first page after exactly one _tags list request', async () => {
      assert.ok(large);
      const admin = large.users[0];
      assert.ok(admin);
      await view.passwords.store(largeHost, admin.username, admin.password);
      await configure(view, [{ loginServer: largeHost, auth: 'password', username: admin.username }]);
      const registry = registryNode(view, largeHost);
      const big = byLabel<RepositoryNode>(await children(view, registry), 'repository', 'big');
      large.stats.reset();
      const first = await children(view, big);
      assert.equal(large.stats.count({ method: 'GET', path: '/acr/v1/big/_tags', status: 200 }), 1);
      assert.equal(first.filter((n) => n.kind === 'tag').length, 100);
      const more = first.at(-1);
      assert.equal(more?.kind, 'loadMore');
      assert.ok(more);
      await vscode.commands.executeCommand('acrLocks.loadMore', more);
      assert.equal(large.stats.count({ method: 'GET', path: '/acr/v1/big/_tags', status: 200 }), 2);
      const second = await children(view, big);
      assert.equal(second.filter((n) => n.kind === 'tag').length, 200);
      await view.passwords.delete(largeHost, admin.username);
    });

    test('anonymous mode lists a registry that allows anonymous pull', async () => {
      await configure(view, [{ loginServer: largeHost, auth: 'anonymous' }]);
      const registry = registryNode(view, largeHost);
      assert.match(String((await item(view, registry)).description), /anonymous/);
      const nodes = await children(view, registry);
      assert.deepEqual(
        nodes.map((n) => (n.kind === 'repository' ? n.name : `${n.kind}:${n.kind === 'message' ? n.text : ''}`)),
        ['big'],
      );
    });
  });
});
