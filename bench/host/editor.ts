// The editor features' figures in the real extension host (part of `npm run bench -- --host`):
// the hover on one reference cold (no lookup cached, a new registry client: sign-in and both
// listings over the sandbox's latency) and warm, and the lenses of a 1,000-line manifest with 50
// references warm (same version, and after an edit, which parses the file again). Through
// VS Code's own commands, as the editor asks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { type RegistryNode } from '../../src/tree/nodes';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed<T>(work: () => Thenable<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function manifest(loginServer: string, repository: string, references: number, lines: number): string {
  const out = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: bench', 'spec:', '  template:', '    spec:', '      containers:'];
  for (let i = 1; i <= references; i++) {
    out.push(`        - name: c${i}`, `          image: ${loginServer}/${repository}:t${String(i * 7).padStart(5, '0')}`, '          env:');
    while (out.length < Math.round((i / references) * (lines - 1))) {
      out.push(`            - { name: VAR_${out.length}, value: "x" }`);
    }
  }
  return `${out.join('\n')}\n`;
}

export async function measureEditor(api: ExtensionApi, registry: RegistryNode, repository: string, log: (m: string) => void): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'acr-bench-editor-'));
  const settings = vscode.workspace.getConfiguration('acrLocks');
  await settings.update('registries', [registry.config], vscode.ConfigurationTarget.Global);
  try {
    const one = join(dir, 'one.yaml');
    writeFileSync(one, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${registry.config.loginServer}/${repository}:t00001\n`);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(one));
    const at = document.positionAt(document.getText().indexOf(`/${repository}:`) + 2);
    const hover = (): Thenable<vscode.Hover[]> => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const ours = (hovers: readonly vscode.Hover[]): boolean => hovers.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.includes('ACR Image Locks')));
    await hover(); // the providers' code paths compiled once
    const colds: number[] = [];
    for (let i = 0; i < 3; i++) {
      api.editor.state.lookups.drop();
      api.connections.clear();
      const cold = await timed(hover);
      if (!ours(cold.value)) {
        throw new Error('the cold hover has no section of ours');
      }
      colds.push(cold.ms);
    }
    const warms: number[] = [];
    for (let i = 0; i < 20; i++) {
      warms.push((await timed(hover)).ms);
    }
    log(`editor hover: cold ${colds.map((ms) => ms.toFixed(0)).join(' / ')} ms, warm median ${median(warms).toFixed(1)} ms`);

    const big = join(dir, 'big.yaml');
    const text = manifest(registry.config.loginServer, repository, 50, 1000);
    writeFileSync(big, text);
    const bigDocument = await vscode.workspace.openTextDocument(vscode.Uri.file(big));
    const editor = await vscode.window.showTextDocument(bigDocument);
    const lenses = (): Thenable<vscode.CodeLens[]> => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', bigDocument.uri, 100);
    const first = await timed(lenses);
    if (first.value.length !== 50) {
      throw new Error(`expected 50 lenses, got ${first.value.length}`);
    }
    const sameVersion: number[] = [];
    for (let i = 0; i < 10; i++) {
      sameVersion.push((await timed(lenses)).ms);
    }
    const afterEdit: number[] = [];
    for (let i = 0; i < 10; i++) {
      await editor.edit((b) => b.insert(new vscode.Position(3, 8), 'x'));
      afterEdit.push((await timed(lenses)).ms);
    }
    log(`editor lenses (${bigDocument.lineCount} lines, 50 references): first ${first.ms.toFixed(0)} ms, warm median ${median(sameVersion).toFixed(1)} ms, after an edit median ${median(afterEdit).toFixed(1)} ms`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    return {
      editorHoverColdMs: Math.round(median(colds)),
      editorHoverColdMaxMs: Math.round(Math.max(...colds)),
      editorHoverWarmMs: Math.round(median(warms) * 10) / 10,
      editorLensesFirstMs: Math.round(first.ms),
      editorLensesWarmMs: Math.round(median(sameVersion) * 10) / 10,
      editorLensesAfterEditMs: Math.round(median(afterEdit) * 10) / 10,
    };
  } finally {
    await settings.update('registries', undefined, vscode.ConfigurationTarget.Global);
    rmSync(dir, { recursive: true, force: true });
  }
}
