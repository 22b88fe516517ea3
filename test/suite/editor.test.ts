// The editor features against a dedicated sandbox, through VS Code's own commands: hover, lenses,
// problems and quick fixes on files from the deployment corpus and test/fixtures/editor, the
// registry requests they cost, and Lock from a quick fix confirmed with the real `az`.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { eventually, until } from '../support/poll';
import { azHome, hasBinary } from '../sandbox/testUtil';
import { azShow, RecordingUi, setSetting, useDedicatedSandbox } from './lockSupport';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'editor');
const OURS = 'ACR Image Locks';

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .filter((text) => text.includes(OURS))
    .join('\n');
}

suite('Editor: lock state where images are written', function () {
  this.timeout(180_000);
  const ui = new RecordingUi();
  const dedicated = useDedicatedSandbox({ seed: 'demo' }, ui, { confirmChanges: true, lockManifestWithTag: 'never' });
  let dir = '';
  let policyFile = '';
  let server = '';

  const listings = (): { tags: number; manifests: number } => {
    const records = dedicated.box.sandbox.stats.records.filter((r) => r.method === 'GET');
    return { tags: records.filter((r) => r.path.endsWith('/_tags')).length, manifests: records.filter((r) => r.path.endsWith('/_manifests')).length };
  };
  const acrRequests = (): number => dedicated.box.sandbox.stats.records.filter((r) => r.path.startsWith('/acr/') || r.path.startsWith('/v2/')).length;

  async function open(name: string, text: string): Promise<vscode.TextDocument> {
    const file = join(dir, name);
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    return document;
  }

  function positionOf(document: vscode.TextDocument, text: string): vscode.Position {
    const offset = document.getText().indexOf(text);
    assert.ok(offset >= 0, `${text} is in the document`);
    return document.positionAt(offset + 2);
  }

  async function lensTitles(document: vscode.TextDocument): Promise<string[]> {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    return lenses.map((l) => l.command?.title ?? '').filter((t) => t !== '');
  }

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host opens a workspace folder');
    dir = join(folder.uri.fsPath, 'editor-test');
    server = dedicated.box.registry.config.loginServer;
    policyFile = join(folder.uri.fsPath, '.acr-locks.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        registries: [{ loginServer: server, rules: [{ name: 'releases', repositories: ['**'], tags: ['v*'], level: 'tag', set: { writeEnabled: false } }] }],
        deployments: [{ name: 'production', files: ['editor-test/deploy/**'] }],
      }),
    );
    await setSetting('registries', [dedicated.box.registry.config]);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('registries', undefined);
    rmSync(policyFile, { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  test('a YAML file naming no configured registry: no parser loaded (dist/deploy.js), no lens, nothing sent', async () => {
    const parsers = (): string[] => Object.keys(require.cache).filter((file) => file.endsWith(join('dist', 'deploy.js')));
    assert.deepEqual(parsers(), [], 'no test before this one asked for the parsers');
    dedicated.box.sandbox.stats.reset();
    const document = await open('other/guestbook.yaml', fixture('web__guestbook__all-in-one__guestbook-all-in-one.yaml'));
    assert.deepEqual(await lensTitles(document), []);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'registry.k8s.io/redis'));
    assert.equal(hoverText(hovers), '');
    assert.deepEqual(parsers(), [], 'the cheap check answered: the parsers are not loaded');
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

  test('Reveal in the Tree filters the registries view to the reference\'s repository and tag', async () => {
    const document = await open('deploy/app.yaml', fixture('app.yaml').replaceAll('REGISTRY', server));
    const index = dedicated.api.editor.state.referencesOf(document).findIndex((r) => r.text.endsWith('/team/app:1.0'));
    assert.ok(index >= 0);
    try {
      await vscode.commands.executeCommand('acrLocks.editor.reveal', { uri: document.uri.toString(), index });
      assert.equal(dedicated.api.explorer.activeFilter(), 'team/app:1.0');
    } finally {
      dedicated.api.explorer.setFilter('');
    }
  });

  test('cost: 200 references to 5 repositories, listings once cold, none warm, none while typing', async () => {
    const images = ['hello-world:v1', 'hello-world:v2', 'team/app:1.0', 'team/app:1.1', 'locked-repo:stable', 'multiarch:latest', 'not-pushed:1.0'];
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: many', 'spec:', '  # a comment to type into', '  containers:'];
    for (let i = 0; i < 200; i++) {
      lines.push(`    - name: c${i}`, `      image: ${server}/${images[i % images.length] ?? ''}`);
    }
    const text = `${lines.join('\n')}\n`;
    const api = dedicated.api;
    api.editor.state.lookups.drop();
    dedicated.box.sandbox.stats.reset();
    const document = await open('deploy/many.yaml', text);
    assert.equal((await lensTitles(document)).length, 200, 'one lens per reference');
    await until(() => vscode.languages.getDiagnostics(document.uri).length > 0, 'the problems');
    const cold = listings();
    assert.ok(cold.tags <= 5 && cold.manifests <= 5, `cold: ${JSON.stringify(cold)}`);
    console.log(`    200 references to 5 repositories, cold: ${cold.tags} tag listings + ${cold.manifests} manifest listings, ${acrRequests()} registry requests in all`);

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    dedicated.box.sandbox.stats.reset();
    const again = await open('deploy/many.yaml', text);
    assert.equal((await lensTitles(again)).length, 200);
    const runs = api.editor.diagnostics.runs;
    const editor = await vscode.window.showTextDocument(again);
    const comment = positionOf(again, 'a comment to type into');
    for (let i = 0; i < 50; i++) {
      await editor.edit((b) => b.insert(comment, 'x'));
    }
    await until(() => api.editor.diagnostics.runs > runs, 'the debounced update after typing', { timeoutMs: 10_000 });
    await lensTitles(again);
    assert.equal(acrRequests(), 0, `opened again and 50 characters typed: ${JSON.stringify(dedicated.box.sandbox.stats.records.slice(0, 5))}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
