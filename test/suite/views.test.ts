// Issue 22, item 6, in the real extension host: the filter's message is in the view it filters
// (the Azure view when started there, My Registries untouched), and palette picks offer the
// registries the Azure view discovered as well as My Registries'.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type AzureChild } from '../../src/azure/azureModel';
import { type ExtensionApi } from '../../src/extension';
import { type Node, type RegistryNode, type RepositoryNode } from '../../src/tree/nodes';
import { type PickItem } from '../../src/ui/ui';
import { dedicatedSandbox, extensionApi, RecordingUi, setSetting } from './lockSupport';

async function children(api: ExtensionApi, node?: AzureChild | Node): Promise<(AzureChild | Node)[]> {
  return (await api.azure.provider.getChildren(node)) ?? [];
}

/** The first discovered registry not in My Registries with a team/app repository, once the Azure view has listed it. */
async function discoveredWithTeamApp(api: ExtensionApi): Promise<RegistryNode> {
  const configured = new Set(api.explorer.registries().map((r) => r.config.loginServer.toLowerCase()));
  for (const subscription of await children(api)) {
    if (subscription.kind !== 'azureSubscription') {
      continue;
    }
    await api.azure.model.discoverAll();
    for (const node of await children(api, subscription)) {
      if (node.kind === 'registry' && !configured.has(node.config.loginServer.toLowerCase()) && (await children(api, node)).some((r) => r.kind === 'repository' && r.name === 'team/app')) {
        return node;
      }
    }
  }
  assert.fail('no discovered registry has team/app');
}

suite('Views: the filter in the view it filters; palette picks with discovered registries', function () {
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
    await vscode.commands.executeCommand('acrLocks.clearFilter');
    if (previousUi) {
      api.setUi(previousUi);
    }
  });

  test('Filter from the Azure view: its message and rows there, My Registries neither filtered nor messaged; Clear Filter clears it', async () => {
    // My Registries holds a registry of its own (a dedicated demo sandbox), so "not filtered" is checked on real rows.
    const box = await dedicatedSandbox(api, { seed: 'demo' });
    assert.ok(box, 'a dedicated sandbox');
    const previous = vscode.workspace.getConfiguration('acrLocks').inspect('registries')?.globalValue;
    await setSetting('registries', [box.registry.config]);
    try {
      await filterFromTheAzureView();
    } finally {
      await setSetting('registries', previous);
      await box.stop();
    }
  });

  async function filterFromTheAzureView(): Promise<void> {
    const registry = await discoveredWithTeamApp(api);
    const reference = `${registry.config.loginServer}/team/app:1.0`;
    ui.inputText = reference;
    await vscode.commands.executeCommand('acrLocks.azureFilter');
    assert.equal(api.explorer.filterView(), 'azure');
    assert.match(api.azure.view.message ?? '', new RegExp(`^Filter “${reference.replace(/[.*/]/g, '\\$&')}”: 1 repository, 1 matching tag\\.`));
    assert.equal(api.tree.view.message, undefined, 'no message in My Registries');
    const shown = (await children(api, registry)).filter((n): n is RepositoryNode => n.kind === 'repository');
    assert.deepEqual(
      shown.map((r) => r.name),
      ['team/app'],
    );
    const tags = (await children(api, shown[0])).flatMap((n) => (n.kind === 'tag' ? [n.tag.name] : []));
    assert.deepEqual(tags, ['1.0']);
    assert.equal(api.explorer.registries().length, 1, 'My Registries has its registry');
    for (const configured of api.explorer.registries()) {
      const mine = ((await api.tree.provider.getChildren(configured)) ?? []).flatMap((n) => (n.kind === 'repository' ? [n.name] : []));
      assert.deepEqual(mine, ['hello-world', 'locked-repo', 'multiarch', 'team/app'], 'My Registries is not filtered by the Azure view’s filter');
    }

    await vscode.commands.executeCommand('acrLocks.clearFilter');
    assert.equal(api.azure.view.message, undefined);
    assert.equal(api.tree.view.message, undefined);
    assert.ok((await children(api, registry)).filter((n) => n.kind === 'repository').length > 1);

    ui.inputText = 'team/*';
    await vscode.commands.executeCommand('acrLocks.filter');
    assert.match(api.tree.view.message ?? '', /^Filter “team\/\*”: /, 'My Registries’ own filter: its message there');
    assert.equal(api.explorer.filterView(), 'registries');
    assert.equal(api.azure.view.message, undefined);
    await vscode.commands.executeCommand('acrLocks.clearFilter');
  }

  test('palette Lock offers the discovered registries after My Registries’', async () => {
    const registry = await discoveredWithTeamApp(api);
    let offered: readonly PickItem[] = [];
    ui.pickOne = (items) => {
      offered = items;
      return undefined;
    };
    await vscode.commands.executeCommand('acrLocks.lock');
    const labels = offered.map((i) => i.label);
    const configured = api.explorer.registries().map((r) => r.config.loginServer);
    assert.deepEqual(labels.slice(0, configured.length), configured, 'My Registries first');
    assert.ok(labels.includes(registry.config.loginServer), `${registry.config.loginServer} is offered: ${labels.join(', ')}`);
    assert.match(offered.find((i) => i.label === registry.config.loginServer)?.description ?? '', /Azure view/);
    ui.pickOne = undefined;
  });
});
