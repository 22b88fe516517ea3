// The editor features against a dedicated sandbox, through VS Code's own commands: hover, lenses,
// problems and quick fixes on files from the deployment corpus and test/fixtures/editor, and Lock
// from a quick fix confirmed with the real `az` (editorCost.test.ts counts the requests).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { eventually, until } from '../support/poll';
import { azHome, hasBinary } from '../sandbox/testUtil';
import { fixture, hoverText, lensTitles, OURS, positionOf, useEditorWorkspace } from './editorSupport';
import { azShow, RecordingUi } from './lockSupport';

suite('Editor: lock state where images are written', function () {
  this.timeout(180_000);
  const ui = new RecordingUi();
  const workspace = useEditorWorkspace(ui);
  const { dedicated } = workspace;
  const open = (name: string, text: string): Promise<vscode.TextDocument> => workspace.open(name, text);
  const acrRequests = (): number => workspace.acrRequests();
  let server = '';

  suiteSetup(() => {
    server = workspace.server();
  });

  test('a YAML file naming no configured registry: no parser loaded (dist/deploy.js), no lens, nothing sent', async () => {
    // The deploy suite, which runs before, loads the parsers in this same host: when it has, the
    // editor's own count of parsed documents says whether this file reached them.
    const parsers = (): string[] => Object.keys(require.cache).filter((file) => file.endsWith(join('dist', 'deploy.js')));
    const loadedBefore = parsers().length > 0;
    const parsedBefore = dedicated.api.editor.state.parsed;
    dedicated.box.sandbox.stats.reset();
    const document = await open('other/guestbook.yaml', fixture('web__guestbook__all-in-one__guestbook-all-in-one.yaml'));
    assert.deepEqual(await lensTitles(document), []);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'registry.k8s.io/redis'));
    assert.equal(hoverText(hovers), '');
    assert.equal(dedicated.api.editor.state.parsed, parsedBefore, 'the cheap check answered: no document reached the parsers');
    if (!loadedBefore) {
      assert.deepEqual(parsers(), [], 'the parsers are not loaded');
    }
    assert.equal(acrRequests(), 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('hover: a locked, an unlocked and a missing image (a short section of ours, with the actions)', async () => {
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    const hover = async (text: string): Promise<string> =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, text)));
    const locked = await hover(`${server}/hello-world:v1`);
    assert.match(locked, /locked/);
    assert.match(locked, /Tag: writeEnabled=false, deleteEnabled=false, readEnabled=true, listEnabled=true/);
    assert.match(locked, /Manifest: writeEnabled=true, deleteEnabled=true/);
    assert.match(locked, /Deployment set: production/);
    for (const command of ['acrLocks.editor.lock', 'acrLocks.editor.protectFromDeletion', 'acrLocks.editor.whyProtected', 'acrLocks.editor.reveal', 'acrLocks.editor.copyAzCommand']) {
      assert.ok(locked.includes(`command:${command}?`), `the hover links ${command}`);
    }
    const digest = dedicated.box.sandbox.control.getTag(dedicated.box.name, 'hello-world', 'v1')?.digest;
    assert.ok(digest && locked.includes(digest), 'tag → digest');
    const unlocked = await hover(`${server}/team/app:1.0`);
    assert.match(unlocked, /unlocked/);
    assert.match(unlocked, /Tag: writeEnabled=true, deleteEnabled=true, readEnabled=false/);
    const missing = await hover(`${server}/team/app:9.9`);
    assert.match(missing, /not found/);
    assert.match(missing, /The registry has no tag 9\.9 in team\/app/);
    assert.equal(hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'docker.io/library/nginx'))), '', 'no hover of ours on a registry the user has not configured');
  });

  test('one lens per reference, with the tree icon; none on the corpus file as written', async () => {
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    assert.deepEqual(await lensTitles(document), ['$(lock) locked', '$(circle-slash) unlocked', '$(question) not found', '$(unlock) floating tag', '$(shield) delete-protected']);
    const guestbook = fixture('web__guestbook__all-in-one__guestbook-all-in-one.yaml');
    dedicated.box.sandbox.stats.reset();
    const asWritten = await open('other/guestbook.yaml', guestbook);
    assert.deepEqual(await lensTitles(asWritten), []);
    assert.equal(acrRequests(), 0, 'nothing is sent for registries the user has not configured');
    const pointed = await open(
      'other/guestbook-sandbox.yaml',
      guestbook
        .replace('registry.k8s.io/redis:e2e', `${server}/hello-world:v1`)
        .replace('gcr.io/google_samples/gb-redisslave:v1', `${server}/team/app:1.1`)
        .replace('gcr.io/google-samples/gb-frontend:v5', `${server}/team/app:9.9`),
    );
    assert.deepEqual(await lensTitles(pointed), ['$(lock) locked', '$(pinned) delete-protected', '$(question) not found']);
  });

  test('problems in a file a deployments set covers: warning, information and error', async () => {
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === OURS);
      assert.ok(found.length >= 3, `diagnostics so far: ${found.map((d) => d.message).join(' | ')}`);
      return found;
    }, 'the editor diagnostics', { timeoutMs: 30_000 });
    const at = (text: string): vscode.Diagnostic[] => diagnostics.filter((d) => document.getText(d.range).includes(text));
    assert.deepEqual(at('team/app:9.9').map((d) => d.severity), [vscode.DiagnosticSeverity.Error]);
    assert.ok(at('team/app:1.0').some((d) => d.severity === vscode.DiagnosticSeverity.Warning && d.message.includes('not protected as the policy says')));
    assert.ok(at('team/app:latest').some((d) => d.severity === vscode.DiagnosticSeverity.Information && d.message.includes('floating tag')));
    const other = await open('other/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    await until(() => (vscode.languages.getDiagnostics(other.uri).length === 0 ? true : false), 'no problems outside the set');
    assert.equal((await lensTitles(other)).length, 5, 'files outside every set still get lenses (one per reference to the configured registry)');
  });

  test('Pin to Digest edits the file to the digest the registry reports (inline, and Helm split digest field), undoable', async () => {
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    const written = `${server}/team/app:1.0`;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(positionOf(document, written), positionOf(document, written)));
    const titles = actions.map((a) => a.title);
    for (const title of [`Lock ${written}`, `Protect ${written} from Deletion`, `Pin ${written} to Digest`, 'Protect Every Image in This File']) {
      assert.ok(titles.includes(title), `quick fix ${title} in ${titles.join(', ')}`);
    }
    const pin = actions.find((a) => a.title === `Pin ${written} to Digest`);
    assert.ok(pin?.edit);
    assert.ok(await vscode.workspace.applyEdit(pin.edit));
    const digest = dedicated.box.sandbox.control.getTag(dedicated.box.name, 'team/app', '1.0')?.digest;
    assert.ok(digest);
    assert.ok(document.getText().includes(`image: ${written}@${digest}\n`), document.getText());
    await vscode.commands.executeCommand('undo');
    assert.ok(document.getText().includes(`image: ${written}\n`), 'undo puts it back');

    const values = fixture('bitnami__memcached__values.yaml').replace('  registry: docker.io\n  repository: bitnami/memcached\n  tag: 1.6.39-debian-12-r0\n', `  registry: ${server}\n  repository: team/app\n  tag: "1.1"\n`);
    const chart = await open('charts/memcached/values.yaml', values);
    const helmActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', chart.uri, new vscode.Range(positionOf(chart, 'repository: team/app'), positionOf(chart, 'repository: team/app')));
    const helmPin = helmActions.find((a) => a.title.startsWith('Pin ') && a.edit);
    assert.ok(helmPin?.edit, `Pin to Digest on the Helm split image: ${helmActions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(helmPin.edit));
    const helmDigest = dedicated.box.sandbox.control.getTag(dedicated.box.name, 'team/app', '1.1')?.digest;
    assert.ok(chart.getText().includes(`  tag: "1.1"\n  digest: "${helmDigest ?? ''}"\n`), 'the chart\'s digest field is written');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Lock from a quick fix (asked as the tree asks, through the engine), confirmed by az acr repository show; the lens follows', async function () {
    if (!hasBinary('az')) {
      this.skip();
    }
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    const written = `${server}/hello-world:v2`;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(positionOf(document, written), positionOf(document, written)));
    const lock = actions.find((a) => a.title === `Lock ${written}`);
    assert.ok(lock?.command);
    await vscode.commands.executeCommand(lock.command.command, ...(lock.command.arguments ?? []));
    await dedicated.api.whenIdle();
    const home = await azHome('acr-locks-editor-az-');
    try {
      const shown = await azShow(dedicated.box, home, '--image', 'hello-world:v2');
      assert.deepEqual(shown, { deleteEnabled: false, listEnabled: true, readEnabled: true, writeEnabled: false });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    await eventually(async () => assert.equal((await lensTitles(document))[4], '$(lock) locked'), 'the lens after the lock change');
  });

  test('Protect Every Image in This File: one run over every image found (the tree\'s multi-selection, with progress), then the problems follow', async () => {
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    const written = `${server}/team/app:1.0`;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(positionOf(document, written), positionOf(document, written)));
    const all = actions.find((a) => a.title === 'Protect Every Image in This File');
    assert.ok(all?.command);
    ui.reset();
    await vscode.commands.executeCommand(all.command.command, ...(all.command.arguments ?? []));
    await dedicated.api.whenIdle();
    const { control } = dedicated.box.sandbox;
    for (const [repository, tag] of [['hello-world', 'v1'], ['team/app', '1.0'], ['team/app', 'latest'], ['hello-world', 'v2']] as const) {
      assert.equal(control.getTag(dedicated.box.name, repository, tag)?.changeableAttributes.deleteEnabled, false, `${repository}:${tag} is protected from deletion`);
    }
    assert.ok(ui.progress.some((p) => p.title.startsWith('Protect from Deletion: 4 items')), `one run with progress: ${JSON.stringify(ui.progress.map((p) => p.title))}`);
    await eventually(async () => assert.equal((await lensTitles(document))[1], '$(circle-slash) delete-protected'), 'the lens after the change');
  });

  test('Reveal in the Tree filters the registries view to the reference\'s repository and tag', async () => {
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    const index = dedicated.api.editor.state.referencesOf(document).findIndex((r) => r.text.endsWith('/team/app:1.0'));
    assert.ok(index >= 0);
    try {
      await vscode.commands.executeCommand('acrLocks.editor.reveal', { uri: document.uri.toString(), index });
      assert.equal(dedicated.api.explorer.activeFilter(), 'team/app:1.0');
    } finally {
      dedicated.api.explorer.setFilter('');
      // The registries view hidden again: a visible tree lists what it shows (other suites count requests).
      await vscode.commands.executeCommand('workbench.view.explorer');
    }
  });

});
