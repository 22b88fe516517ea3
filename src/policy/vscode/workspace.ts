/**
 * The lock policy of the open workspace, one per activation: the policy file of every folder
 * (acrLocks.policyFile), its diagnostics (at once, also while typing), and the last check — its
 * marks in the tree, the count on the view's badge, the conflicts in Problems and the report
 * document. A FileSystemWatcher re-validates when a policy file changes and, once a check has been
 * made, plans again in the background so marks, badge and report follow the file.
 */
import { restrictedModeError } from '../../workspaceTrust';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type LockDocuments, documentUri } from '../../ui/documents';
import { type Connections } from '../../connections';
import { type DriftIndex } from '../../tree/drift';
import { type Explorer } from '../../tree/explorer';
import { type Node, type RegistryNode } from '../../tree/nodes';
import { checkPolicies, type CheckDeps, configuredRegistry, type PolicyCheck } from './checkRegistries';
import { PolicyDiagnostics } from './diagnostics';
import { registerPolicyQuickFixes } from './quickFix';
import { loadAll, type LoadedPolicy, loadPolicy, policyFileOf, policyFiles, policyInput } from './files';
import { driftEntries } from './marks';
import { checkMarkdown } from './reportMarkdown';

/** The Check Policy report (Markdown, shown in the preview). */
export const POLICY_REPORT_URI = (): vscode.Uri => documentUri('policy', 'lock-policy-check.md');

const DEBOUNCE_MS = 300;

export interface PolicyWorkspaceDeps {
  readonly explorer: Explorer;
  /** The Azure view's registries (listed when a policy names a registry not configured). */
  readonly discover?: () => Promise<readonly RegistryNode[]>;
  readonly connections: Connections;
  readonly documents: LockDocuments;
  readonly log: vscode.LogOutputChannel;
  readonly drift: DriftIndex;
  readonly view: vscode.TreeView<Node>;
  /** Restricted Mode (src/workspaceTrust.ts): false = no check is made (start() is called once trust is granted). */
  readonly isTrusted?: () => boolean;
}

export interface CheckOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: CheckDeps['onProgress'];
}

export class PolicyWorkspace implements vscode.Disposable {
  private readonly diagnostics = new PolicyDiagnostics();
  private readonly checked = new vscode.EventEmitter<PolicyCheck>();
  /** Fires after every check (a command's or the watcher's) has been published. */
  readonly onDidCheck = this.checked.event;
  private watchers: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private last: PolicyCheck | undefined;
  /** `policyInput` of the files the last published check was computed from. */
  private lastInput: string | undefined;
  private sequence = 0;
  private background: AbortController | undefined;
  private timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: PolicyWorkspaceDeps) {}

  /** The latest check, if one was made in this session. */
  get lastCheck(): PolicyCheck | undefined {
    return this.last;
  }

  /** Whether `uri` is the policy file of a workspace folder. */
  isPolicyFile(uri: vscode.Uri): boolean {
    return policyFileOf(uri) !== undefined;
  }

  /** Starts watching the policy files and validates them once (no request to any registry). */
  start(): vscode.Disposable {
    this.watch();
    this.subscriptions.push(
      registerPolicyQuickFixes(),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('acrLocks.policyFile')) {
          this.forget();
          this.watch();
          void this.validate();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.forget();
        this.watch();
        void this.validate();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const file = policyFileOf(e.document.uri);
        if (file !== undefined && e.contentChanges.length > 0) {
          this.debounce(`edit ${file.uri.toString()}`, () => void this.validateFile(file));
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const file = policyFileOf(d.uri);
        if (file !== undefined) {
          // Unsaved edits were dropped: the file on disk counts again.
          this.debounce(`edit ${file.uri.toString()}`, () => void this.validateFile(file));
        }
      }),
    );
    void this.validate();
    return this;
  }

  /**
   * Other policy files are named now (the setting or the workspace folders changed): the last check
   * was of other files, so its marks and badge go, a check under way is not published, and nothing
   * is planned in the background until the user checks again.
   */
  private forget(): void {
    this.background?.abort();
    this.sequence++;
    if (this.last === undefined) {
      return;
    }
    this.last = undefined;
    this.lastInput = undefined;
    this.deps.drift.replace([]);
    this.deps.view.badge = undefined;
  }

  private watch(): void {
    for (const w of this.watchers) {
      w.dispose();
    }
    this.watchers = policyFiles().map((file) => {
      // Watched in the folder that holds it, so a path outside the workspace folder works too.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file.uri, '..'), path.posix.basename(file.uri.path)));
      const changed = (): void => this.debounce(`file ${file.uri.toString()}`, () => void this.fileChanged());
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      return watcher;
    });
  }

  private debounce(key: string, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, DEBOUNCE_MS),
    );
  }

  private async validateFile(file: ReturnType<typeof policyFiles>[number]): Promise<void> {
    this.diagnostics.setFile(await loadPolicy(file));
  }

  /** Reads every policy file and shows its problems; returns what was read. */
  async validate(): Promise<LoadedPolicy[]> {
    const files = await loadAll();
    this.diagnostics.retain(files.map((f) => f.uri));
    for (const file of files) {
      this.diagnostics.setFile(file);
    }
    return files;
  }

  /** A policy file changed on disk: validate; once checked in this session, plan again in the background. */
  private async fileChanged(): Promise<void> {
    const files = await this.validate();
    // Not checked yet in this session, or an event for content already checked (watchers can
    // report a write late, after a check that read it): nothing to plan again.
    if (this.last === undefined || policyInput(files) === this.lastInput) {
      return;
    }
    this.background?.abort();
    const controller = new AbortController();
    this.background = controller;
    try {
      this.deps.log.info('Lock policy: a policy file changed; checking again');
      await this.check({ signal: controller.signal }, files);
    } catch (thrown: unknown) {
      if (!controller.signal.aborted) {
        this.deps.log.warn(`Lock policy: the check after the file changed failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      }
    }
  }

  /**
   * The registry a policy entry names, as a check finds it: configured in acrLocks.registries, or
   * else discovered by the Azure view (listed once, signed in as that view is).
   */
  async registryFor(loginServer: string): Promise<RegistryNode | undefined> {
    return configuredRegistry(this.deps.explorer.registries(), loginServer) ?? configuredRegistry((await this.deps.discover?.().catch(() => [])) ?? [], loginServer);
  }

  /** Validates and plans every policy file against its registries, then shows the result everywhere. */
  async check(options: CheckOptions = {}, loaded?: readonly LoadedPolicy[]): Promise<PolicyCheck> {
    if (this.deps.isTrusted?.() === false) {
      throw restrictedModeError();
    }
    const sequence = ++this.sequence;
    const files = loaded ?? (await this.validate());
    const check = await checkPolicies(files, {
      registries: () => this.deps.explorer.registries(),
      ...(this.deps.discover ? { discover: this.deps.discover } : {}),
      clientFor: (registry) => this.deps.connections.clientFor(registry.config),
      now: new Date(),
      signal: options.signal,
      onProgress: options.onProgress,
    });
    if (sequence === this.sequence) {
      this.lastInput = policyInput(files);
      await this.publish(check);
    }
    return check;
  }

  private async publish(check: PolicyCheck): Promise<void> {
    this.last = check;
    const entries = driftEntries(check);
    this.deps.drift.replace(entries);
    this.deps.view.badge =
      entries.length > 0
        ? { value: entries.length, tooltip: entries.length === 1 ? vscode.l10n.t('1 item out of lock policy') : vscode.l10n.t('{0} items out of lock policy', entries.length) }
        : undefined;
    this.diagnostics.setCheck(check);
    const markdown = checkMarkdown(check);
    // The report an open preview shows is this check's before anyone is told (a preview shown at once showed the previous one).
    await this.deps.documents.update(POLICY_REPORT_URI(), markdown);
    this.deps.log.info(`Lock policy checked: out of policy or in conflict: ${entries.length}`);
    this.checked.fire(check);
  }

  dispose(): void {
    this.background?.abort();
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    for (const d of [...this.watchers, ...this.subscriptions]) {
      d.dispose();
    }
    this.diagnostics.dispose();
    this.checked.dispose();
  }
}
