// Lock policy in the real extension host, on a dedicated sandbox with the demo data and a policy
// file in the workspace folder: Check Policy marks exactly the drifting items in the tree (and
// counts them on the view's badge) and opens the report in the Markdown preview; Apply Policy asks
// with the counts, makes the registry match (read back through the sandbox and with az), and a
// second Apply sends no PATCH; the file watcher re-plans when the file changes; an invalid file
// or conflicting rules are diagnostics at the offending line and nothing is sent; Export Lock
// Report… writes the CSV the user picked.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type PolicyCheck } from '../../src/policy/vscode/checkRegistries';
import { POLICY_REPORT_URI } from '../../src/policy/vscode/workspace';
import { type Node, type RegistryNode } from '../../src/tree/nodes';
import { azHome, hasBinary } from '../sandbox/testUtil';
import { eventually } from '../support/poll';
import { azShow, RecordingUi, setSetting, useDedicatedSandbox } from './lockSupport';
import { demoPolicyText } from '../sandbox/demoPolicy';

const LOCKED = { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true };

function tooltipText(item: vscode.TreeItem): string {
  const t = item.tooltip;
  return typeof t === 'string' ? t : (t?.value ?? '');
}

suite('Lock policy: Check Policy, Apply Policy, diagnostics and the lock report', function () {
  this.timeout(120_000);
  const ui = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, ui, { confirmChanges: true });
  let folder: vscode.WorkspaceFolder;
  let policyUri: vscode.Uri;
  let previousRegistries: unknown;
  let home: string | undefined;

  suiteSetup(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test host opens a workspace folder');
    folder = first;
    policyUri = vscode.Uri.joinPath(folder.uri, '.acr-locks.json');
    const { registry } = dedicated.box;
    previousRegistries = vscode.workspace.getConfiguration('acrLocks').inspect('registries')?.globalValue;
    await setSetting('registries', [{ loginServer: registry.config.loginServer, auth: 'password', username: registry.config.username }]);
    await writePolicy(demoPolicyText(registry.config.loginServer));
    home = await azHome('acr-locks-policy-az-');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(policyUri).then(undefined, () => undefined);
    await setSetting('registries', previousRegistries);
    if (home) {
      rmSync(home, { recursive: true, force: true });
    }
  });

  setup(() => ui.reset());

  async function writePolicy(text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(policyUri, new TextEncoder().encode(text));
  }

  function api(): ExtensionApi {
    return dedicated.api;
  }

  function registryNode(): RegistryNode {
    const found = api().explorer.registries().find((r) => r.config.loginServer === dedicated.box.registry.config.loginServer);
    assert.ok(found, 'the dedicated sandbox is in the tree');
    return found;
  }

  async function children(node?: Node): Promise<Node[]> {
    return (await api().tree.provider.getChildren(node)) ?? [];
  }

  /** Every tag and manifest row under the registry (tags under repositories, manifests in their group), as the tree shows them. */
  async function rows(): Promise<{ name: string; item: vscode.TreeItem }[]> {
    const out: { name: string; item: vscode.TreeItem }[] = [];
    for (const repository of await children(registryNode())) {
      if (repository.kind !== 'repository') {
        continue;
      }
      out.push({ name: repository.name, item: await api().tree.provider.getTreeItem(repository) });
      for (const child of await children(repository)) {
        if (child.kind === 'tag') {
          out.push({ name: `${repository.name}:${child.tag.name}`, item: await api().tree.provider.getTreeItem(child) });
        } else if (child.kind === 'manifestGroup') {
          for (const m of await children(child)) {
            if (m.kind === 'manifest') {
              out.push({ name: `${repository.name}@${m.manifest.digest.slice(7, 14)}`, item: await api().tree.provider.getTreeItem(m) });
            }
          }
        }
      }
    }
    return out;
  }

  function digest(repository: string, tag: string): string {
    const found = dedicated.box.sandbox.control.getTag(dedicated.box.name, repository, tag)?.digest;
    assert.ok(found);
    return found;
  }

  function nextCheck(): Promise<PolicyCheck> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no check within 20 s')), 20_000);
      const subscription = api().policy.onDidCheck((check) => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(check);
      });
    });
  }

  function previewOpen(): boolean {
    return vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
  }

  test('Check Policy marks exactly the drifting items (description, tooltip naming the rule, contextValue), counts them on the badge and opens the report preview', async () => {
    const stats = dedicated.box.sandbox.stats;
    stats.reset();
    await vscode.commands.executeCommand('acrLocks.checkPolicy');
    assert.equal(stats.count({ method: 'PATCH' }), 0, 'checking changes nothing');
    assert.equal(stats.filter({ pathPrefix: '/acr/v1/hello-world/_tags/' }).length, 0, 'no request per tag');

    const all = await rows();
    const marked = all.filter((r) => /;policyDrift;/.test(r.item.contextValue ?? ''));
    const team10 = `team/app@${digest('team/app', '1.0').slice(7, 14)}`;
    assert.deepEqual(marked.map((r) => r.name).sort(), ['hello-world', 'hello-world:v2', 'hello-world:v3', 'team/app', team10].sort());
    const v2 = all.find((r) => r.name === 'hello-world:v2');
    assert.ok(v2);
    // Short enough for a 300 px side bar: the mark alone (the shield shows the state; the tooltip and accessible name say all).
    assert.equal(String(v2.item.description), 'out of policy');
    assert.match(v2.item.accessibilityInformation?.label ?? '', /^Tag v2, delete-protected · faa07a8, out of policy$/);
    assert.match(tooltipText(v2.item), /Out of lock policy.*\.acr-locks\.json/);
    assert.match(tooltipText(v2.item), /`writeEnabled`: true → false \(rule “releases are immutable”\)/);
    assert.match(v2.item.accessibilityInformation?.label ?? '', /, out of policy$/);
    const manifest = all.find((r) => r.name === team10);
    assert.match(tooltipText(manifest?.item ?? {}), /`deleteEnabled`: true → false \(rule “team images kept”\)/);
    const hello = all.find((r) => r.name === 'hello-world')?.item;
    // A 300 px side bar: the mark alone (the icon shows the state); the accessible name says all.
    // (Its attributes may still be being read: "reading locks… · 2 out of policy".)
    assert.match(String(hello?.description), /^(reading locks… · )?2 out of policy$/);
    assert.match(hello?.accessibilityInformation?.label ?? '', /^Repository hello-world, .*, 2 out of policy$/);
    for (const inPolicy of ['hello-world:v1', 'hello-world:latest', 'team/app:1.1', 'locked-repo:stable']) {
      assert.doesNotMatch(String(all.find((r) => r.name === inPolicy)?.item.description), /policy/, `${inPolicy} is not marked`);
    }

    assert.deepEqual(api().tree.view.badge, { value: 3, tooltip: '3 items out of lock policy' });
    const report = (await vscode.workspace.openTextDocument(POLICY_REPORT_URI())).getText();
    assert.match(report, /^# Lock policy check/);
    assert.match(report, /\*\*Out of policy:\*\* 3 items to change and 0 in conflict, in 2 repositories; 2 of 5 selected items in policy\./);
    assert.match(report, /\| `hello-world` \| 3 \| 0 \| 1 \| 2 \| 0 \|/);
    assert.match(report, /\| `hello-world:v2` \| tag \| writeEnabled → false \| “releases are immutable” \|/);
    assert.match(report, new RegExp(`\\| \`team/app@sha256:${digest('team/app', '1.0').slice(7, 14)}\` \\| manifest \\| deleteEnabled → false \\| “team images kept” \\|`));
    // The tab model reaches the extension host after the command returns: wait for it (bounded).
    await eventually(() => assert.ok(previewOpen(), 'the report is shown in the Markdown preview, not as source'), 'the report preview');
    assert.deepEqual(
      ui.notified.map((n) => [n.level, n.message, n.actions]),
      [['warn', 'Lock policy: 3 items out of policy in 2 repositories.', ['Apply Policy']]],
    );
  });

  test('Apply Policy asks with the counts, makes the registry match (sandbox and az), and a second Apply sends no PATCH', async function () {
    const { sandbox, name } = dedicated.box;
    sandbox.stats.reset();
    await vscode.commands.executeCommand('acrLocks.applyPolicy');
    assert.equal(ui.asked.length, 1);
    assert.equal(ui.asked[0]?.message, 'Apply the lock policy: change 3 items in 2 repositories?');
    assert.match(ui.asked[0]?.detail ?? '', /: 2 tags and 1 manifest in 2 repositories/);
    assert.deepEqual(ui.asked[0]?.actions, ['Apply Policy', 'Show Report']);
    assert.deepEqual(
      sandbox.stats.filter({ method: 'PATCH' }).map((r) => `${r.path} ${r.status}`).sort(),
      ['/acr/v1/hello-world/_tags/v2 200', '/acr/v1/hello-world/_tags/v3 200', `/acr/v1/team/app/_manifests/${digest('team/app', '1.0')} 200`],
    );
    assert.ok(
      ui.notified.some((n) => n.level === 'info' && n.message === 'Apply Policy: 3 changed.'),
      JSON.stringify(ui.notified),
    );
    assert.equal(api().tree.view.badge, undefined, 'checked again after applying: nothing out of policy');
    assert.deepEqual(sandbox.control.getTag(name, 'hello-world', 'v2')?.changeableAttributes, LOCKED);
    assert.deepEqual(sandbox.control.getTag(name, 'hello-world', 'v3')?.changeableAttributes, LOCKED);
    assert.deepEqual(sandbox.control.getManifest(name, 'team/app', digest('team/app', '1.0'))?.changeableAttributes, { ...LOCKED, writeEnabled: true });

    ui.reset();
    sandbox.stats.reset();
    await vscode.commands.executeCommand('acrLocks.applyPolicy');
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0, 'a second Apply sends no PATCH');
    assert.equal(ui.asked.length, 0, 'nothing to confirm');
    assert.deepEqual(ui.notified.map((n) => n.message), ['Lock policy: everything is in policy; nothing to change.']);

    if (!hasBinary('az')) {
      this.skip(); // az is not installed (apt-get install azure-cli; npm test installs it first, scripts/prerequisites.mjs).
    }
    assert.ok(home);
    assert.deepEqual(await azShow(dedicated.box, home, '--image', 'hello-world:v2'), LOCKED);
    assert.deepEqual(await azShow(dedicated.box, home, '--image', 'hello-world:v3'), LOCKED);
    assert.deepEqual(await azShow(dedicated.box, home, '--image', `team/app@${digest('team/app', '1.0')}`), { ...LOCKED, writeEnabled: true });
  });

  test('the file watcher plans again when the policy file changes: marks and badge follow', async () => {
    const { sandbox, name, registry } = dedicated.box;
    sandbox.control.setTagAttributes(name, 'team/app', '1.1', { writeEnabled: true });
    const checked = nextCheck();
    await writePolicy(
      demoPolicyText(
        registry.config.loginServer,
        `,
        { "name": "team tags write-once", "repositories": ["team/app"], "tags": ["1.*"], "level": "tag", "set": { "writeEnabled": false } }`,
      ),
    );
    const check = await checked;
    assert.equal(check.folders[0]?.registries[0]?.plan?.totals.changes, 2, 'team/app:1.0 and 1.1 are now selected');
    assert.equal(api().tree.view.badge?.value, 2);
    const marked = (await rows()).filter((r) => /;policyDrift;/.test(r.item.contextValue ?? '') && r.name.includes(':'));
    assert.deepEqual(marked.map((r) => r.name).sort(), ['team/app:1.0', 'team/app:1.1']);
    assert.match(tooltipText(marked[0]?.item ?? {}), /rule “team tags write-once”/);
  });

  test('an invalid policy file shows diagnostics at the offending line; Check and Apply send nothing', async () => {
    const { sandbox, registry } = dedicated.box;
    const broken = demoPolicyText(registry.config.loginServer).replace('"level": "tag"', '"level": "image"').replace('"exclude": [', '"exlude": [');
    await writePolicy(broken);
    sandbox.stats.reset();
    await vscode.commands.executeCommand('acrLocks.checkPolicy');
    await vscode.commands.executeCommand('acrLocks.applyPolicy');
    assert.equal(sandbox.stats.count(), 0, 'nothing is sent for an invalid file');
    const diagnostics = vscode.languages.getDiagnostics(policyUri).filter((d) => d.source === 'ACR Image Locks');
    const lines = broken.split('\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.severity]),
      [
        ['unknownProperty', lines.findIndex((l) => l.includes('"exlude"')), vscode.DiagnosticSeverity.Error],
        ['notInEnum', lines.findIndex((l) => l.includes('"image"')), vscode.DiagnosticSeverity.Error],
      ],
    );
    assert.equal(diagnostics[0]?.message, 'Unknown property "exlude" in registries[0].rules[0]. Did you mean "exclude"? Allowed: "name", "description", "enabled", "repositories", "excludeRepositories", "tags", "exclude", "olderThan", "level", "set".');
    assert.equal(diagnostics[1]?.message, 'registries[0].rules[0].level must be one of "tag", "manifest", "both", not "image".');
    assert.deepEqual(
      ui.errors.map((e) => [e.message, e.actions]),
      [
        ['The lock policy file .acr-locks.json has 2 problems (see Problems); nothing was checked or applied. Fix them and run the command again.', ['Show Problems']],
        ['The lock policy file .acr-locks.json has 2 problems (see Problems); nothing was checked or applied. Fix them and run the command again.', ['Show Problems']],
      ],
    );
  });

  test('conflicting rules are diagnostics at both rules; Apply sends nothing', async () => {
    const { sandbox, registry } = dedicated.box;
    const text = demoPolicyText(
      registry.config.loginServer,
      `,
        { "name": "team images deletable", "repositories": ["team/app"], "tags": ["1.0"], "level": "manifest", "set": { "deleteEnabled": true } }`,
    );
    sandbox.control.setManifestAttributes(dedicated.box.name, 'team/app', digest('team/app', '1.0'), { deleteEnabled: true });
    await writePolicy(text);
    sandbox.stats.reset();
    await vscode.commands.executeCommand('acrLocks.applyPolicy');
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0, 'nothing applied while rules conflict');
    assert.equal(ui.asked.length, 0);
    const conflicts = vscode.languages.getDiagnostics(policyUri).filter((d) => d.code === 'conflict');
    const lines = text.split('\n');
    assert.deepEqual(
      conflicts.map((d) => d.range.start.line).sort((a, b) => a - b),
      [lines.findIndex((l) => l.includes('"team images kept"')), lines.findIndex((l) => l.includes('"team images deletable"'))],
    );
    assert.match(conflicts[0]?.message ?? '', /^Conflict: rule “team images kept” sets deleteEnabled to false, but “team images deletable” set it otherwise on 1 item of .* \(e\.g\. team\/app@sha256:42511ec\)\. Nothing is applied until the rules agree\.$/);
    assert.match(ui.errors[0]?.message ?? '', /^The lock policy has 1 item in conflict; nothing was applied\./);
    assert.equal(api().tree.view.badge?.value, 1);
    const marked = (await rows()).filter((r) => /;policyConflict;/.test(r.item.contextValue ?? '') && r.name.includes('@'));
    assert.equal(marked.length, 1);
    // A manifest row fits a 300 px side bar like a tag row: the mark always shows (here alone: the
    // state, platform and tags give way), and the accessible name keeps every word.
    assert.equal(String(marked[0]?.item.description), 'policy conflict');
    assert.match(marked[0]?.item.accessibilityInformation?.label ?? '', /^Manifest 42511ec, .+, policy conflict$/);
  });

  test('Export Lock Report… writes every item with its flags (and its policy status) to the CSV file picked', async () => {
    await writePolicy(demoPolicyText(dedicated.box.registry.config.loginServer));
    const dir = mkdtempSync(join(tmpdir(), 'acr-locks-report-'));
    try {
      const target = vscode.Uri.file(join(dir, 'locks.csv'));
      ui.pickOne = (items) => items.find((i) => i.label.startsWith('CSV'));
      ui.saveAnswer = () => target.toString();
      await vscode.commands.executeCommand('acrLocks.exportLockReport', registryNode());
      assert.deepEqual(ui.saves[0]?.filters, { CSV: ['csv'] });
      const lines = readFileSync(target.fsPath, 'utf8').trimEnd().split('\r\n');
      assert.equal(lines[0], 'registry,kind,repository,tag,digest,writeEnabled,deleteEnabled,readEnabled,listEnabled,lastUpdatedOn,tags,listed,policy,rules,change');
      const tag = (repo: string, name: string): string | undefined => lines.find((l) => l.split(',')[1] === 'tag' && l.split(',')[2] === repo && l.split(',')[3] === name);
      assert.match(tag('hello-world', 'v1') ?? '', /,false,false,true,true,.*,true,inPolicy,releases are immutable,$/);
      assert.match(tag('hello-world', 'beta') ?? '', /,true,true,true,false,.*,false,,,$/, 'the hidden tag is in the report, marked not listed');
      assert.equal(lines.filter((l) => l.split(',')[1] === 'repository').length, 4);
      assert.match(ui.notified.at(-1)?.message ?? '', /^Lock report saved: \d+ items of .* in .*locks\.csv, each marked against the policy in \.acr-locks\.json\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      ui.pickOne = undefined;
      ui.saveAnswer = undefined;
    }
  });
  test('a registry only the Azure view discovers is checked like a configured one; one neither knows leads the report with "Not checked" — never "In policy"', async () => {
    const discovered = 'contosoprod.azurecr.io';
    const unknown = 'nothere.azurecr.io';
    const configured = vscode.workspace.getConfiguration('acrLocks').inspect('registries')?.globalValue;
    const report = async (expected: RegExp): Promise<string> =>
      eventually(async () => {
        const text = (await vscode.workspace.openTextDocument(POLICY_REPORT_URI())).getText();
        assert.match(text, expected);
        return text;
      }, 'the check report');
    await setSetting('registries', []);
    try {
      // acrLocks.registries is empty: the policy's registry is known only to the Azure view (signed in as that view is).
      await writePolicy(demoPolicyText(discovered));
      let checked = nextCheck();
      await vscode.commands.executeCommand('acrLocks.checkPolicy');
      const entry = (await checked).folders.flatMap((f) => f.registries).find((r) => r.entry.loginServer === discovered);
      assert.ok(entry?.plan, `${discovered} was planned: ${entry?.error?.message ?? 'not known here'}`);
      assert.equal(entry.error, undefined);
      const checkedText = await report(new RegExp(`${discovered.replace(/\./g, '\\.')}`));
      assert.doesNotMatch(checkedText, /Not checked|Nothing was checked/, checkedText);
      assert.match(checkedText, /\*\*(In policy|Out of policy):\*\*/);

      // A registry neither configured nor discovered: the report leads with it, and says nothing was checked.
      ui.reset();
      await writePolicy(demoPolicyText(unknown));
      checked = nextCheck();
      await vscode.commands.executeCommand('acrLocks.checkPolicy');
      await checked;
      const text = await report(/Nothing was checked/);
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      assert.match(lines[2] ?? '', /^\*\*Not checked:\*\* 1 registry of the policy could not be read or is not known here/, text);
      assert.equal(lines[3], '**Nothing was checked.**', text);
      assert.doesNotMatch(text, /In policy:/, 'a check that checked nothing is never "in policy"');
      assert.ok(text.includes(`Not checked: \`${unknown}\` is neither in the setting acrLocks.registries nor among the registries the Azure view finds`), text);
      const said = ui.notified.map((n) => `${n.level}: ${n.message}`);
      assert.ok(said.some((m) => m.startsWith('warn: Lock policy: nothing was checked: 1 registry of the policy could not be read or is not known here')), said.join('\n'));
      assert.ok(!said.some((m) => /in policy \(/.test(m)), said.join('\n'));
    } finally {
      await setSetting('registries', configured);
      await writePolicy(demoPolicyText(dedicated.box.registry.config.loginServer));
    }
  });
  test('naming another policy file drops the last check’s marks and badge; nothing is planned in the background until checked', async () => {
    await writePolicy(demoPolicyText(dedicated.box.registry.config.loginServer, ''));
    const checked = nextCheck();
    await vscode.commands.executeCommand('acrLocks.checkPolicy');
    await checked;
    dedicated.box.sandbox.control.setTagAttributes(dedicated.box.name, 'hello-world', 'v2', { writeEnabled: true });
    await vscode.commands.executeCommand('acrLocks.checkPolicy');
    assert.ok(api().policy.lastCheck, 'checked');
    assert.ok(api().tree.view.badge, 'something out of policy');
    const previous = vscode.workspace.getConfiguration('acrLocks').inspect('policyFile')?.globalValue;
    const other = vscode.Uri.joinPath(folder.uri, 'other.acr-locks.json');
    try {
      await setSetting('policyFile', 'other.acr-locks.json');
      assert.equal(api().policy.lastCheck, undefined, 'the check was of another file');
      assert.equal(api().tree.view.badge, undefined, 'its badge is gone');
      assert.equal((await rows()).filter((r) => /;policy(Drift|Conflict);/.test(r.item.contextValue ?? '')).length, 0, 'its marks are gone');
      // The new file appears: it is validated (its problems show), not planned — no listing until the user checks.
      dedicated.box.sandbox.stats.reset();
      await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('{ "registries": [ { "loginServer": "x.azurecr.io", "rules": [ { "name": "r", "repositories": ["**"], "tags": ["*"], "set": { "writeEnabled": false }, "bogus": 1 } ] } ] }'));
      await eventually(() => assert.ok(vscode.languages.getDiagnostics(other).length > 0, 'the new file is validated'), 'validation of the new file', { timeoutMs: 10_000 });
      assert.equal(dedicated.box.sandbox.stats.records.length, 0, 'nothing sent');
      assert.equal(api().policy.lastCheck, undefined);
    } finally {
      await setSetting('policyFile', previous);
      await vscode.workspace.fs.delete(other).then(undefined, () => undefined);
      dedicated.box.sandbox.control.setTagAttributes(dedicated.box.name, 'hello-world', 'v2', { writeEnabled: false });
    }
  });
  test('the report an open preview shows is the new check’s as soon as Check Policy returns', async () => {
    await writePolicy(demoPolicyText(dedicated.box.registry.config.loginServer, ''));
    await vscode.commands.executeCommand('acrLocks.checkPolicy');
    // The report's document stays open (as under its preview); the next check changes its text.
    const report = await vscode.workspace.openTextDocument(POLICY_REPORT_URI());
    const before = report.getText();
    const { name } = dedicated.box;
    const v2 = dedicated.box.sandbox.control.getTag(name, 'hello-world', 'v2')?.changeableAttributes;
    dedicated.box.sandbox.control.setTagAttributes(name, 'hello-world', 'v2', { writeEnabled: !(v2?.writeEnabled ?? true) });
    try {
      await vscode.commands.executeCommand('acrLocks.checkPolicy');
      const after = report.getText();
      assert.notEqual(after, before, 'the open document was updated before the command returned');
      assert.equal(after, (await vscode.workspace.openTextDocument(POLICY_REPORT_URI())).getText());
    } finally {
      dedicated.box.sandbox.control.setTagAttributes(name, 'hello-world', 'v2', { writeEnabled: v2?.writeEnabled ?? true });
    }
  });
});
