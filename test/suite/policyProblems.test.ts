// Each problem of a policy file is reported once (issue 22, 10): in an open editor VS Code's JSON
// service reports syntax and schema problems and the extension does not repeat them; a file not
// open has the extension's diagnostics alone; a misspelt property gets the quick fix
// "Did you mean …?", which replaces the name.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually } from '../support/poll';
import { demoPolicyText } from '../sandbox/demoPolicy';

const OURS = 'ACR Image Locks';

suite('Policy file problems: each once, and the "did you mean" quick fix', function () {
  this.timeout(90_000);
  let uri: vscode.Uri;
  const text = demoPolicyText('example.azurecr.io').replace('"level": "tag"', '"level": "image"').replace('"exclude": [', '"exlude": [');
  const lines = text.split('\n');
  const misspelt = lines.findIndex((l) => l.includes('"exlude"'));
  const badValue = lines.findIndex((l) => l.includes('"image"'));

  suiteSetup(async () => {
    await vscode.extensions.getExtension('acr-image-locks.acr-image-locks')?.activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host opens a workspace folder');
    uri = vscode.Uri.joinPath(folder.uri, '.acr-locks.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  const byLine = (): Map<number, vscode.Diagnostic[]> => {
    const out = new Map<number, vscode.Diagnostic[]>();
    for (const d of vscode.languages.getDiagnostics(uri)) {
      out.set(d.range.start.line, [...(out.get(d.range.start.line) ?? []), d]);
    }
    return out;
  };
  const describe = (m: Map<number, vscode.Diagnostic[]>): string =>
    JSON.stringify([...m].map(([line, ds]) => [line, ds.map((d) => `${d.source ?? '?'}: ${d.message}`)]));

  test('a file not open in an editor: the extension reports both problems, the misspelt name with "Did you mean"', async () => {
    const found = await eventually(() => {
      const m = byLine();
      assert.equal(m.get(misspelt)?.length, 1, describe(m));
      assert.equal(m.get(badValue)?.length, 1, describe(m));
      return m;
    }, 'the extension’s diagnostics', { timeoutMs: 20_000 });
    assert.match(found.get(misspelt)?.[0]?.message ?? '', /^Unknown property "exlude" in registries\[0\]\.rules\[0\]\. Did you mean "exclude"\?/);
    assert.equal(found.get(misspelt)?.[0]?.source, OURS);
  });

  test('open in an editor: the JSON service reports the schema problems and the extension does not repeat them', async () => {
    await vscode.window.showTextDocument(uri);
    const found = await eventually(() => {
      const m = byLine();
      for (const line of [misspelt, badValue]) {
        assert.ok(m.get(line)?.some((d) => d.source !== OURS), `the JSON service reported line ${line}: ${describe(m)}`);
        assert.equal(m.get(line)?.length, 1, `one problem on line ${line}: ${describe(m)}`);
      }
      return m;
    }, 'each problem once', { timeoutMs: 30_000 });
    assert.deepEqual([...found.values()].flat().filter((d) => d.source === OURS).map((d) => d.message), []);
  });

  test('the quick fix "Did you mean "exclude"?" replaces the misspelt name; the problem goes', async () => {
    const range = new vscode.Range(misspelt, lines[misspelt].indexOf('"exlude"') + 1, misspelt, lines[misspelt].indexOf('"exlude"') + 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Did you mean "exclude"? Change "exlude" to "exclude"');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.lineAt(misspelt).text, lines[misspelt].replace('"exlude"', '"exclude"'));
    await eventually(() => {
      const m = byLine();
      assert.equal(m.get(misspelt), undefined, describe(m));
      assert.equal(m.get(badValue)?.length, 1, describe(m));
    }, 'the misspelt name fixed', { timeoutMs: 30_000 });
  });
});
