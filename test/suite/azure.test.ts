// The Azure section in the real extension host, against the runner's sandbox (its Resource Manager
// at its endpoint, its registries as <name>.azurecr.io through its CONNECT proxy). The Microsoft
// session is the extension's labelled sandbox double (ACR_LOCKS_SANDBOX); nothing is configured by hand.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { type AzureChild, type AzureNode } from '../../src/azure/azureModel';
import { type ExtensionApi } from '../../src/extension';
import { type Node, type RegistryNode, type TagNode } from '../../src/tree/nodes';
import { readSandboxInfo } from '../runner/sandboxInfo';
import { azEnv, azHome, hasBinary, run } from '../sandbox/testUtil';
import { extensionApi, RecordingUi, setSetting } from './lockSupport';

interface ArmPart {
  subscriptions: { subscriptionId: string; displayName: string; tenantId: string; registries: string[]; error?: string }[];
}

function armOf(): ArmPart {
  const info = readSandboxInfo();
  assert.ok(info && typeof info.arm === 'object' && info.arm !== null, 'the runner passes the sandbox Resource Manager');
  return info.arm as ArmPart;
}

async function children(api: ExtensionApi, node?: AzureChild | Node): Promise<(AzureChild | Node)[]> {
  return (await api.azure.provider.getChildren(node)) ?? [];
}

async function label(api: ExtensionApi, node: AzureChild | Node): Promise<string> {
  const item = await api.azure.provider.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** Waits (on the model's change events, no sleeping) until every page of a subscription's registries is in. */
async function settled(api: ExtensionApi, node: Extract<AzureNode, { kind: 'azureSubscription' }>): Promise<void> {
  await children(api, node);
  for (;;) {
    let listener: { dispose(): void } | undefined;
    const changed = new Promise<void>((resolve) => (listener = api.azure.model.onDidChange(() => resolve())));
    if (api.azure.model.stateOf(node.subscription)?.done) {
      listener?.dispose();
      return;
    }
    await changed;
    listener?.dispose();
  }
}

function isSubscription(node: AzureChild | Node): node is Extract<AzureNode, { kind: 'azureSubscription' }> {
  return node.kind === 'azureSubscription';
}

suite('Azure section (discovered registries)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  const ui = new RecordingUi();
  let previousUi: ReturnType<ExtensionApi['setUi']> | undefined;

  suiteSetup(async () => {
    api = await extensionApi();
    previousUi = api.setUi(ui);
    await setSetting('azure.selectedSubscriptions', undefined);
    await vscode.commands.executeCommand('acrLocks.azureRefresh');
  });

  suiteTeardown(async () => {
    if (previousUi) {
      api.setUi(previousUi);
    }
    await setSetting('azure.selectedSubscriptions', undefined);
  });

  async function subscriptions(): Promise<Extract<AzureNode, { kind: 'azureSubscription' }>[]> {
    return (await children(api)).filter(isSubscription);
  }

  async function discovered(loginServer: string): Promise<RegistryNode> {
    for (const subscription of await subscriptions()) {
      await settled(api, subscription);
      const found = (await children(api, subscription)).find((n): n is RegistryNode => n.kind === 'registry' && n.config.loginServer === loginServer);
      if (found) {
        return found;
      }
    }
    assert.fail(`${loginServer} is not in the Azure section`);
  }

  test('lists every registry of every readable subscription, across ARM pages; a 403 subscription is its own error node', async () => {
    const arm = armOf();
    const nodes = await subscriptions();
    // One tenant: no tenant level.
    assert.deepEqual(nodes.map((n) => n.subscription.displayName), [...arm.subscriptions.map((s) => s.displayName)].sort((a, b) => a.localeCompare(b)));
    for (const expected of arm.subscriptions) {
      const node = nodes.find((n) => n.subscription.subscriptionId === expected.subscriptionId);
      assert.ok(node);
      await settled(api, node);
      const below = await children(api, node);
      const registries = below.flatMap((n) => (n.kind === 'registry' ? [n.config.loginServer] : []));
      assert.deepEqual(registries, expected.registries, expected.displayName);
      if (expected.error) {
        const error = below.find((n) => n.kind === 'azureError');
        assert.ok(error && error.kind === 'azureError' && error.error.kind === 'forbidden', `${expected.displayName} shows a 403 node`);
        assert.match(await label(api, error), /No permission to list this subscription’s registries \(AuthorizationFailed\)/);
      }
    }
    // Four registries over three subscriptions, none configured by hand.
    assert.equal(arm.subscriptions.flatMap((s) => s.registries).length, 4);
  });

  test('a discovered registry behaves like a configured one: repositories, tags with lock icons, tooltip from ARM', async () => {
    const registry = await discovered('contosoarchive.azurecr.io');
    assert.deepEqual(registry.config, { loginServer: 'contosoarchive.azurecr.io', auth: 'microsoft' });
    const item = await api.azure.provider.getTreeItem(registry);
    assert.equal(item.description, 'Basic · southeastasia');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /SKU: Basic/);
    assert.match(tooltip, /Throttle limits per minute: 10,000 reads, 2,000 writes, 1,000 deletes/);
    assert.match(tooltip, /Admin user: enabled/);
    assert.match(tooltip, /Anonymous pull: disabled/);
    assert.match(tooltip, /Role assignment mode: RBAC Registry Permissions/);
    assert.match(tooltip, /To change locks: Owner or Contributor, or a role with the repository metadata write permission/);
    const repositories = await children(api, registry);
    const names = await Promise.all(repositories.map((r) => label(api, r)));
    assert.deepEqual(names, ['hello-world', 'locked-repo', 'multiarch', 'team/app']);
    const helloWorld = repositories[0];
    assert.ok(helloWorld);
    const tags = (await children(api, helloWorld)).filter((n): n is TagNode => n.kind === 'tag');
    const v1 = tags.find((t) => t.tag.name === 'v1');
    assert.ok(v1);
    const v1Item = await api.azure.provider.getTreeItem(v1);
    assert.ok(v1Item.iconPath instanceof vscode.ThemeIcon && v1Item.iconPath.id === 'lock', 'v1 shows the lock icon');
    const abac = await api.azure.provider.getTreeItem(await discovered('fabrikamdev.azurecr.io'));
    const abacTip = abac.tooltip instanceof vscode.MarkdownString ? abac.tooltip.value : '';
    assert.match(abacTip, /To view locks: Container Registry Repository Reader or Container Registry Repository Writer or Container Registry Repository Contributor\./);
    assert.match(abacTip, /To change locks: Container Registry Repository Writer or Container Registry Repository Contributor\./);
  });

  test('locking a tag in a discovered registry works, and az acr repository show confirms it', async function () {
    if (!hasBinary('az')) {
      this.skip();
    }
    const info = readSandboxInfo();
    assert.ok(info);
    const registry = await discovered('contosoarchive.azurecr.io');
    const repository = (await children(api, registry))[0];
    assert.ok(repository);
    const latest = (await children(api, repository)).find((n): n is TagNode => n.kind === 'tag' && n.tag.name === 'latest');
    assert.ok(latest);
    const home = await azHome('acr-locks-azure-az-');
    const previous = vscode.workspace.getConfiguration('acrLocks').inspect('lockManifestWithTag')?.globalValue;
    await setSetting('lockManifestWithTag', 'never');
    try {
      await vscode.commands.executeCommand('acrLocks.lock', latest, [latest]);
      await api.whenIdle();
      assert.deepEqual(ui.errors, [], 'no error shown');
      assert.equal(latest.tag.attributes.writeEnabled, false, 'the node shows what the registry answered');
      const admin = info.users.find((u) => u.username === 'contosoarchive');
      assert.ok(admin);
      const env = azEnv(info, home);
      const shown = await run('az', ['acr', 'repository', 'show', '--name', 'contosoarchive', '--image', 'hello-world:latest', '-u', admin.username, `--password=${admin.password}`, '-o', 'json'], env, 90_000);
      assert.equal(shown.status, 0, shown.stderr);
      const attributes = (JSON.parse(shown.stdout) as { changeableAttributes: Record<string, boolean> }).changeableAttributes;
      assert.equal(attributes.writeEnabled, false);
      assert.equal(attributes.deleteEnabled, false);
    } finally {
      // Leave the shared sandbox as the demo seed has it.
      await vscode.commands.executeCommand('acrLocks.unlock', latest, [latest]);
      await api.whenIdle();
      await setSetting('lockManifestWithTag', previous);
      rmSync(home, { recursive: true, force: true });
    }
    assert.equal(latest.tag.attributes.writeEnabled, true);
  });

  test('Refresh Azure Section reads what it shows again: a lock set with az shows in the registry’s tags', async function () {
    if (!hasBinary('az')) {
      this.skip();
    }
    const info = readSandboxInfo();
    assert.ok(info);
    const admin = info.users.find((u) => u.username === 'contosoarchive');
    assert.ok(admin);
    const latestOf = async (): Promise<TagNode> => {
      const repository = (await children(api, await discovered('contosoarchive.azurecr.io')))[0];
      assert.ok(repository);
      const found = (await children(api, repository)).find((n): n is TagNode => n.kind === 'tag' && n.tag.name === 'latest');
      assert.ok(found);
      return found;
    };
    assert.equal((await latestOf()).tag.attributes.writeEnabled, true, 'listed unlocked');
    const home = await azHome('acr-locks-azure-refresh-');
    const env = azEnv(info, home);
    const az = (writeEnabled: boolean) =>
      run('az', ['acr', 'repository', 'update', '--name', 'contosoarchive', '--image', 'hello-world:latest', '--write-enabled', String(writeEnabled), '-u', admin.username, `--password=${admin.password}`, '-o', 'none'], env, 90_000);
    try {
      const updated = await az(false);
      assert.equal(updated.status, 0, updated.stderr);
      await vscode.commands.executeCommand('acrLocks.azureRefresh');
      assert.equal((await latestOf()).tag.attributes.writeEnabled, false, 'read again after Refresh Azure Section');
    } finally {
      await az(true);
      await vscode.commands.executeCommand('acrLocks.azureRefresh');
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('the subscription filter hides and restores subscriptions, stored in the user settings', async () => {
    ui.picks = (items) => items.filter((i) => i.label === 'Contoso Production');
    await vscode.commands.executeCommand('acrLocks.filterSubscriptions');
    await api.whenIdle();
    assert.deepEqual((await subscriptions()).map((n) => n.subscription.displayName), ['Contoso Production']);
    const stored = vscode.workspace.getConfiguration('acrLocks').get<string[]>('azure.selectedSubscriptions');
    const production = armOf().subscriptions.find((s) => s.displayName === 'Contoso Production');
    assert.ok(production);
    assert.deepEqual(stored, [`${production.tenantId}/${production.subscriptionId}`]);
    ui.picks = (items) => items;
    await vscode.commands.executeCommand('acrLocks.filterSubscriptions');
    await api.whenIdle();
    assert.equal((await subscriptions()).length, 3);
    assert.deepEqual(vscode.workspace.getConfiguration('acrLocks').inspect('azure.selectedSubscriptions')?.globalValue, undefined, 'every subscription: no filter stored');
    ui.picks = undefined;
  });

  test('Add to My Registries pins a discovered registry into acrLocks.registries', async () => {
    const previous = vscode.workspace.getConfiguration('acrLocks').inspect('registries')?.globalValue;
    try {
      const registry = await discovered('fabrikamdev.azurecr.io');
      await vscode.commands.executeCommand('acrLocks.addToMyRegistries', registry, [registry]);
      await api.whenIdle();
      const configured = vscode.workspace.getConfiguration('acrLocks').get<{ loginServer: string; auth: string }[]>('registries') ?? [];
      assert.ok(configured.some((r) => r.loginServer === 'fabrikamdev.azurecr.io' && r.auth === 'microsoft'), JSON.stringify(configured));
      assert.ok(api.explorer.registries().some((r) => r.config.loginServer === 'fabrikamdev.azurecr.io'), 'My Registries shows it');
    } finally {
      await setSetting('registries', previous);
    }
  });

  test('signed out (no Microsoft session): the sign-in node', async () => {
    const previous = api.setSessions({ getSession: () => Promise.resolve(undefined) });
    try {
      await vscode.commands.executeCommand('acrLocks.azureRefresh');
      const root = await children(api);
      assert.deepEqual(root.map((n) => n.kind), ['azureSignIn']);
      assert.equal(await label(api, root[0] as AzureChild), 'Sign in to Azure…');
    } finally {
      api.setSessions(previous);
      await vscode.commands.executeCommand('acrLocks.azureRefresh');
    }
    assert.equal((await subscriptions()).length, 3);
  });
});
