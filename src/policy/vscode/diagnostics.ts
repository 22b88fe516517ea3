/**
 * The policy file's problems in the Problems view and under the offending text: what the engine
 * found in the file (syntax, schema, duplicates) at once, and the conflicts a check found (two
 * rules setting different values of one flag on one item) at each rule involved. Each once: what
 * VS Code's JSON service reports in an open editor is left to it (jsonService.ts).
 */
import * as vscode from 'vscode';
import { type PolicyConflict, type PolicyDiagnostic, type RegistryPolicy, type TextRange } from '..';
import { targetLabel } from '../../registry/models';
import { type PolicyCheck } from './checkRegistries';
import { diagnosticText } from './diagnosticText';
import { type LoadedPolicy } from './files';
import { itemsText } from '../../ui/counts';
import { onJsonServiceChange, reportedByJsonService } from './jsonService';

export const DIAGNOSTIC_SOURCE = 'ACR Image Locks';

function range(r: TextRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function fileDiagnostic(d: PolicyDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    range(d.range),
    diagnosticText(d),
    d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = d.code;
  return diagnostic;
}

interface ConflictGroup {
  readonly flag: string;
  readonly rules: readonly string[];
  readonly items: PolicyConflict[];
}

/** Conflicts grouped by flag and the rules involved: one diagnostic per rule and group, not per item. */
function groups(conflicts: readonly PolicyConflict[]): ConflictGroup[] {
  const byKey = new Map<string, ConflictGroup>();
  for (const c of conflicts) {
    const rules = [...new Set(c.settings.map((s) => s.rule))];
    const key = JSON.stringify([c.flag, rules]);
    const group = byKey.get(key) ?? { flag: c.flag, rules, items: [] };
    group.items.push(c);
    byKey.set(key, group);
  }
  return [...byKey.values()];
}

function conflictDiagnostics(uri: vscode.Uri, entry: RegistryPolicy, conflicts: readonly PolicyConflict[]): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const group of groups(conflicts)) {
    const example = group.items[0];
    for (const rule of group.rules) {
      const at = entry.rules.find((r) => r.name === rule);
      if (at === undefined) {
        continue;
      }
      const others = group.rules.filter((r) => r !== rule);
      const value = example.settings.find((s) => s.rule === rule)?.value;
      const message = vscode.l10n.t(
        'Conflict: rule “{0}” sets {1} to {2}, but {3} set it otherwise on {4} of {5} (e.g. {6}). Nothing is applied until the rules agree.',
        rule,
        group.flag,
        String(value),
        others.map((o) => `“${o}”`).join(', '),
        itemsText(group.items.length),
        entry.loginServer,
        targetLabel(example.target, true),
      );
      const diagnostic = new vscode.Diagnostic(range(at.range), message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = 'conflict';
      diagnostic.relatedInformation = others.flatMap((o) => {
        const other = entry.rules.find((r) => r.name === o);
        return other === undefined ? [] : [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, range(other.range)), vscode.l10n.t('“{0}” sets {1} otherwise', o, group.flag))];
      });
      out.push(diagnostic);
    }
  }
  return out;
}

export class PolicyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('acrLocksPolicy');
  private readonly fileProblems = new Map<string, vscode.Diagnostic[]>();
  private readonly conflicts = new Map<string, vscode.Diagnostic[]>();
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly jsonService = onJsonServiceChange((uri) => {
    for (const key of uri === undefined ? [...this.uris.keys()] : [uri.toString()]) {
      this.publish(key);
    }
  });

  /** The file's own problems (replacing the previous ones); a missing file has none. */
  setFile(file: LoadedPolicy): void {
    const key = file.uri.toString();
    this.uris.set(key, file.uri);
    this.fileProblems.set(key, file.state === 'loaded' ? file.parsed.diagnostics.map(fileDiagnostic) : []);
    if (file.state !== 'loaded' || file.parsed.policy === undefined) {
      // Conflicts belong to a plan of a valid file.
      this.conflicts.delete(key);
    }
    this.publish(key);
  }

  /** The conflicts a check found, at the rules involved (replacing those of the previous check). */
  setCheck(check: PolicyCheck): void {
    for (const key of this.conflicts.keys()) {
      this.conflicts.set(key, []);
      this.publish(key);
    }
    for (const folder of check.folders) {
      const key = folder.file.uri.toString();
      this.uris.set(key, folder.file.uri);
      const found = folder.registries.flatMap((r) => (r.plan ? conflictDiagnostics(folder.file.uri, r.entry, r.plan.repositories.flatMap((p) => p.conflicts)) : []));
      this.conflicts.set(key, found);
      this.publish(key);
    }
  }

  /** Drops everything about files that are no longer policy files (setting or folders changed). */
  retain(uris: readonly vscode.Uri[]): void {
    const keep = new Set(uris.map((u) => u.toString()));
    for (const [key, uri] of this.uris) {
      if (!keep.has(key)) {
        this.fileProblems.delete(key);
        this.conflicts.delete(key);
        this.collection.delete(uri);
        this.uris.delete(key);
      }
    }
  }

  private publish(key: string): void {
    const uri = this.uris.get(key);
    if (uri !== undefined) {
      const theirs = reportedByJsonService(uri);
      const ours = (this.fileProblems.get(key) ?? []).filter((d) => !theirs.has(String(d.code)));
      this.collection.set(uri, [...ours, ...(this.conflicts.get(key) ?? [])]);
    }
  }

  dispose(): void {
    this.jsonService.dispose();
    this.collection.dispose();
  }
}
