// The registry explorer inside the real extension host, against the sandbox registry
// (ACR_LOCKS_SANDBOX: the runner's demo-seeded sandbox; a second in-process sandbox for the
// 10,000-tag repository and anonymous pull).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { MessageNode, Node, RegistryNode, RepositoryNode, TagNode, ManifestNode } from '../../src/tree/nodes';
import type { Ui } from '../../src/ui/ui';
import { adminUser, readSandboxInfo, type SandboxInfo } from '../runner/sandboxInfo';
import { RecordingUi } from './lockSupport';
import { until } from '../support/poll';

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

/** Writes the registries setting, then the view's Refresh (settings read again, everything reloaded). */
async function configure(registries: SettingEntry[]): Promise<void> {
  await vscode.workspace.getConfiguration('acrLocks').update('registries', registries, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('acrLocks.refresh');
}

async function children(view: ExtensionApi, node?: Node): Promise<Node[]> {
  return (await view.tree.provider.getChildren(node)) ?? [];
}

async function item(view: ExtensionApi, node: Node): Promise<vscode.TreeItem> {
  return view.tree.provider.getTreeItem(node);
}

function iconId(treeItem: vscode.TreeItem): string | undefined {
  return treeItem.iconPath instanceof vscode.ThemeIcon ? treeItem.iconPath.id : undefined;
}

function tooltipText(treeItem: vscode.TreeItem): string {
  const t = treeItem.tooltip;
  return typeof t === 'string' ? t : (t?.value ?? '');
}

function registryNode(view: ExtensionApi, loginServer: string): RegistryNode {
  const found = view.explorer.registries().find((r) => r.config.loginServer === loginServer);
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

function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  return until(predicate, what, { timeoutMs });
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

/**
 * The tree's message nodes as shown: the row's short label, everything it says (its tooltip and
 * accessible name), the action's command, and the node.
 */
async function shownMessages(view: ExtensionApi, nodes: Node[]): Promise<{ node: MessageNode; label: string; text: string; command?: string }[]> {
  const out = [];
  for (const node of messages(nodes)) {
    const treeItem = await item(view, node);
    const label = String(treeItem.label);
    // Short enough to read in a side-bar row; the details are in the tooltip.
    assert.ok(label.length <= 60, `a short row: "${label}"`);
    assert.ok(tooltipText(treeItem).startsWith(treeItem.accessibilityInformation?.label ?? '\u0000'), 'the tooltip says it all');
    out.push({ node, label, text: treeItem.accessibilityInformation?.label ?? label, command: treeItem.command?.command });
  }
  return out;
}

suite('Explorer', function () {
  this.timeout(120_000);
  let view: ExtensionApi;
  let info: SandboxInfo;
  let host: string;
  let previous: unknown;
  let previousUi: Ui | undefined;
  const ui = new RecordingUi();

  suiteSetup(async function () {
    const sandbox = readSandboxInfo();
    if (!sandbox) {
      this.skip();
    }
    info = sandbox;
    host = new URL(info.endpoint).host;
    view = await api();
    previousUi = view.setUi(ui);
    previous = vscode.workspace.getConfiguration('acrLocks').get('registries');
  });

  suiteTeardown(async () => {
    if (view) {
      await vscode.workspace.getConfiguration('acrLocks').update('registries', previous ?? [], vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('acrLocks.clearFilter');
      if (previousUi) {
        view.setUi(previousUi);
      }
    }
  });

  async function demoRegistry(): Promise<RegistryNode> {
    const admin = adminUser(info);
    assert.ok(admin);
    await configure([{ loginServer: host, auth: 'password', username: admin.username }]);
    return registryNode(view, host);
  }

  test('demo seed: repositories, tags, manifests and the hidden tag show their lock state', async () => {
    const registry = await demoRegistry();
    const registryItem = await item(view, registry);
    assert.equal(registryItem.label, host);
    assert.match(String(registryItem.description), /^user /, 'short: the user name (sign-in and cloud in the tooltip)');
    assert.match(tooltipText(registryItem), /Sign-in: password/);

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
    assert.equal(iconId(t11), 'pinned', 'its own icon: deleting the image is blocked by the manifest lock');
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
    // A 300 px row: the short digest as the label; the full digest in the tooltip, every word in the accessible name.
    const indexItem = await item(view, index);
    assert.equal(indexItem.label, index.manifest.digest.slice('sha256:'.length, 'sha256:'.length + 7));
    assert.ok(tooltipText(indexItem).includes(index.manifest.digest), 'the full digest in the tooltip');
    assert.match(indexItem.accessibilityInformation?.label ?? '', /multi-arch index/);
  });

  test('locking a tag with the sandbox API and refreshing changes its icon and tooltip', async () => {
    const registry = await demoRegistry();
    const hello = byLabel<RepositoryNode>(await children(view, registry), 'repository', 'hello-world');
    const before = await item(view, byLabel<TagNode>(await children(view, hello), 'tag', 'latest'));
    assert.equal(iconId(before), 'unlock');
    await patchTag(info, 'hello-world', 'latest', { writeEnabled: false, deleteEnabled: false });
    try {
      await vscode.commands.executeCommand('acrLocks.refresh', hello);
      const after = await item(view, byLabel<TagNode>(await children(view, hello), 'tag', 'latest'));
      assert.equal(iconId(after), 'lock');
      assert.match(String(after.description), /^locked · /);
      assert.match(tooltipText(after), /Write \(push\/overwrite\) \| \*\*no\*\*/);
    } finally {
      await patchTag(info, 'hello-world', 'latest', { writeEnabled: true, deleteEnabled: true });
    }
  });

  test('filter by glob shows the active filter in the view message; Clear Filter removes it', async () => {
    const registry = await demoRegistry();
    const hello = byLabel<RepositoryNode>(await children(view, registry), 'repository', 'hello-world');
    ui.inputText = 'v*';
    try {
      await vscode.commands.executeCommand('acrLocks.filter');
      const tags = (await children(view, hello)).filter((n): n is TagNode => n.kind === 'tag');
      assert.deepEqual(tags.map((t) => t.tag.name).sort(), ['v1', 'v2', 'v3']);
      assert.match(String(view.tree.view.message), /v\*/);
    } finally {
      ui.inputText = '';
      await vscode.commands.executeCommand('acrLocks.clearFilter');
    }
    assert.equal(view.tree.view.message, undefined);
    const all = (await children(view, hello)).filter((n): n is TagNode => n.kind === 'tag');
    assert.deepEqual(all.map((t) => t.tag.name).sort(), ['latest', 'v1', 'v2', 'v3']);
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

  test('a custom domain with Azure sign-in: nothing is sent until the user trusts it once, through Sign In', async () => {
    const previousSessions = view.setSessions({ getSession: async () => ({ accessToken: info.aadToken }) });
    try {
      await configure([{ loginServer: host, auth: 'microsoft' }]);
      const registry = registryNode(view, host);
      const refused = (await shownMessages(view, await children(view, registry)))[0];
      assert.equal(refused?.node.error?.kind, 'untrustedDomain');
      assert.match(refused.text, new RegExp(`^${host.replace(/[.]/g, '\\.')} is not an Azure Container Registry domain`));
      assert.equal(refused.command, 'acrLocks.signIn');

      // Dismissed: still refused, nothing remembered.
      ui.reset();
      ui.answer = () => undefined;
      await vscode.commands.executeCommand('acrLocks.signIn', registry);
      assert.deepEqual(ui.asked.map((a) => a.message), [`Send your Azure sign-in token to ${host}?`]);
      assert.equal(view.trust.has(host), false);
      assert.equal((await children(view, registry))[0]?.kind, 'message');

      // Confirmed once: remembered, and the registry lists.
      ui.answer = (actions) => actions[0];
      await vscode.commands.executeCommand('acrLocks.signIn', registry);
      assert.equal(view.trust.has(host), true);
      assert.equal((await children(view, registry)).filter((n) => n.kind === 'repository').length, 4);
      ui.reset();
      await vscode.commands.executeCommand('acrLocks.signIn', registry);
      assert.deepEqual(ui.asked, [], 'asked only once per login server');
    } finally {
      view.setSessions(previousSessions);
      await view.trust.forget(host);
    }
  });

  test('Microsoft account mode with a VS Code session double', async () => {
    const previousSessions = view.setSessions({ getSession: async () => ({ accessToken: info.aadToken }) });
    await view.trust.trust(host);
    try {
      await configure([{ loginServer: host, auth: 'microsoft' }]);
      const registry = registryNode(view, host);
      assert.match(String((await item(view, registry)).description), /Microsoft account/);
      const repositories = (await children(view, registry)).filter((n) => n.kind === 'repository');
      assert.equal(repositories.length, 4);
      view.setSessions({ getSession: async () => undefined });
      view.connections.reset(registry.config);
      await vscode.commands.executeCommand('acrLocks.refresh', registry);
      const signIn = (await shownMessages(view, await children(view, registry)))[0];
      assert.ok(signIn, 'a sign-in node without a session');
      assert.equal(signIn.command, 'acrLocks.signIn');
    } finally {
      view.setSessions(previousSessions);
      await view.trust.forget(host);
    }
  });

  test('azure identity mode without any Azure credential shows a sign-in node', async () => {
    await view.trust.trust(host);
    try {
      await configure([{ loginServer: host, auth: 'azureIdentity' }]);
      const nodes = await children(view, registryNode(view, host));
      const message = (await shownMessages(view, nodes))[0];
      assert.ok(message, `an error node, got ${nodes.map((n) => n.kind).join(',')}`);
      assert.equal(message.node.severity, 'error');
      assert.equal(message.node.error?.kind, 'signInRequired', message.text);
      assert.equal(message.command, 'acrLocks.signIn', message.text);
    } finally {
      await view.trust.forget(host);
    }
  });

  test('a read-only token user sees a missing-permission node for catalog listing', async () => {
    const reader = info.users.find((u) => u.username === 'reader');
    assert.ok(reader, 'the sandbox has the reader token user');
    await view.passwords.store(host, 'reader', reader.password);
    try {
      await configure([{ loginServer: host, auth: 'password', username: 'reader' }]);
      const message = (await shownMessages(view, await children(view, registryNode(view, host))))[0];
      assert.ok(message);
      assert.equal(message.node.error?.kind, 'missingPermission');
      assert.match(message.text, /catalog listing/);
      assert.ok(message.command, 'a recovery action');
    } finally {
      await view.passwords.delete(host, 'reader');
    }
  });

  test('a password-mode registry without a stored password offers Enter Credentials', async () => {
    await configure([{ loginServer: host, auth: 'password', username: 'nobody' }]);
    const message = (await shownMessages(view, await children(view, registryNode(view, host))))[0];
    assert.ok(message);
    assert.equal(message.command, 'acrLocks.enterCredentials');
  });

  test('invalid registries entries are shown with the reason and Open Settings', async () => {
    const admin = adminUser(info);
    assert.ok(admin);
    await vscode.workspace.getConfiguration('acrLocks').update(
      'registries',
      [{ loginServer: host, auth: 'password', username: admin.username }, { loginServer: 'bad/path' }, { loginServer: host, auth: 'password', username: admin.username }, { loginServer: 'x.contoso.com', auth: 'kerberos' }],
      vscode.ConfigurationTarget.Global,
    );
    await vscode.commands.executeCommand('acrLocks.refresh');
    const top = await children(view, undefined);
    assert.deepEqual(top.map((n) => n.kind), ['registry', 'message', 'message', 'message']);
    const shown = await shownMessages(view, top);
    assert.deepEqual(
      shown.map((m) => m.text),
      [
        'Entry 2 of acrLocks.registries (“bad/path”) is skipped: Enter only the login server, without a path (for example myregistry.azurecr.io, not …/myrepo).',
        `Entry 3 of acrLocks.registries (“${host}”) is skipped: the same login server is listed before it.`,
        'Entry 4 of acrLocks.registries (“x.contoso.com”) is skipped: "auth" must be microsoft, azureIdentity, password or anonymous.',
      ],
    );
    assert.deepEqual(shown.map((m) => m.command), ['workbench.action.openSettings', 'workbench.action.openSettings', 'workbench.action.openSettings']);
    assert.deepEqual(shown.map((m) => m.label), [
      'Settings entry 2 skipped: invalid login server',
      'Settings entry 3 skipped: duplicate',
      'Settings entry 4 skipped: unknown "auth"',
    ]);
  });

  test('Enter Credentials with a new user name stores its password and deletes the old one', async () => {
    const admin = adminUser(info);
    const reader = info.users.find((u) => u.username === 'reader');
    assert.ok(admin && reader);
    await view.passwords.store(host, 'reader', reader.password);
    await configure([{ loginServer: host, auth: 'password', username: 'reader' }]);
    ui.inputText = (options) => (options.password ? admin.password : admin.username);
    try {
      await vscode.commands.executeCommand('acrLocks.enterCredentials', registryNode(view, host));
    } finally {
      ui.inputText = '';
    }
    assert.equal(await view.passwords.get(host, 'reader'), undefined, 'the old user name\'s password is deleted');
    assert.equal(await view.passwords.get(host, admin.username), admin.password);
    const saved = vscode.workspace.getConfiguration('acrLocks').get<SettingEntry[]>('registries');
    assert.deepEqual(saved, [{ loginServer: host, auth: 'password', username: admin.username }]);
    await view.passwords.delete(host, admin.username);
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
    suiteSetup(async function () {
      // The runner's processes trust the CA in the runner sandbox's folder (test/runner/trust.ts); this sandbox uses it too.
      const caFile = readSandboxInfo()?.caFile;
      if (!caFile) {
        this.skip();
      }
      const sandboxModule = (await import(path.join(__dirname, '..', 'sandbox', 'index.js'))) as {
        start(options: object): Promise<LargeSandbox>;
      };
      large = await sandboxModule.start({ seed: 'large:10000', caDir: path.dirname(caFile), anonymousPull: true, log: () => undefined });
      largeHost = new URL(large.endpoint).host;
    });

    suiteTeardown(async () => {
      await large?.stop();
    });

    test('a 10,000-tag repository shows its first page after exactly one _tags list request', async () => {
      assert.ok(large);
      const admin = large.users[0];
      assert.ok(admin);
      await view.passwords.store(largeHost, admin.username, admin.password);
      await configure([{ loginServer: largeHost, auth: 'password', username: admin.username }]);
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
      await configure([{ loginServer: largeHost, auth: 'anonymous' }]);
      const registry = registryNode(view, largeHost);
      assert.match(String((await item(view, registry)).description), /anonymous/);
      const nodes = await children(view, registry);
      assert.deepEqual(
        nodes.map((n) => (n.kind === 'repository' ? n.name : `${n.kind}:${n.kind === 'message' ? n.message.id : ''}`)),
        ['big'],
      );
    });
  });
});
