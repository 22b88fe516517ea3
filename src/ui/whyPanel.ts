/**
 * "Why is this protected?" as a rendered page (a webview panel), not Markdown source: the report
 * (whyProtected.ts writes it as Markdown, rendered by VS Code's own Markdown engine) with
 * **Unlock for Deletion** and **Refresh** buttons in the page itself. One panel per item; it is
 * read again when a change to its repository shows in the tree, and after Unlock for Deletion.
 * Scripts are limited to the page's own (nonce), nothing is loaded from elsewhere.
 */
import { describeError } from '../errorText';
import { toRegistryError } from '../registry/errors';
import { markdownText } from '../util/safeText';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type Event } from '../util/emitter';
import { type LockableNode, type Node, registryOf } from '../tree/nodes';

export interface WhyContent {
  readonly title: string;
  readonly markdown: string;
  /** Whether Unlock for Deletion has something to clear. */
  readonly canUnlock: boolean;
}

/** What a page is about and how to read it. */
export interface WhyPage {
  /** The item in words (`team/app:1.1`): a read that finds it gone names it. */
  readonly subject: string;
  readonly render: () => Promise<WhyContent>;
  /** Told the Markdown of each reading the page shows, a failed one included. */
  readonly shown?: (markdown: string) => void;
}

interface Open {
  readonly panel: vscode.WebviewPanel;
  readonly node: LockableNode;
  readonly page: WhyPage;
  rendering?: Promise<void>;
  /** Closed by the user: a read still under way is dropped, never written into the disposed page. */
  disposed?: boolean;
}

/** Tree changes re-read open panels at most this often. */
const REFRESH_MS = 500;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function repositoryKey(node: LockableNode | Node): string | undefined {
  switch (node.kind) {
    case 'repository':
      return `${node.registry.config.loginServer}/${node.name}`;
    case 'tag':
    case 'manifest':
    case 'manifestGroup':
      return `${node.repository.registry.config.loginServer}/${node.repository.name}`;
    default:
      return undefined;
  }
}

export class WhyPanels implements vscode.Disposable {
  private readonly open = new Map<string, Open>();
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** Runs Unlock for Deletion for the panel's item (in the commands' boundary). */
    private readonly unlock: (node: LockableNode) => Thenable<unknown>,
    treeChanged: Event<Node | undefined>,
  ) {
    this.subscription = treeChanged((node) => this.treeChanged(node));
  }

  /** Opens (or brings forward and re-reads) the panel of `key`. */
  async show(key: string, node: LockableNode, page: WhyPage): Promise<void> {
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, false);
      await this.render(existing);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'acrLocks.whyProtected',
      vscode.l10n.t('Why protected?'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
    );
    const entry: Open = { panel, node, page };
    this.open.set(key, entry);
    panel.onDidDispose(() => {
      entry.disposed = true;
      this.open.delete(key);
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const type = typeof message === 'object' && message !== null && 'type' in message ? (message as { type: unknown }).type : undefined;
      if (type === 'unlock') {
        void this.unlock(node);
      } else if (type === 'refresh') {
        void this.render(entry);
      }
    });
    await this.render(entry);
  }

  /** Re-reads the panels about `node`'s repository (every panel when undefined). */
  refresh(node?: LockableNode): Promise<void> {
    const key = node ? repositoryKey(node) : undefined;
    return Promise.all([...this.open.values()].filter((o) => key === undefined || repositoryKey(o.node) === key).map((o) => this.render(o))).then(
      () => undefined,
    );
  }

  /** Whether a panel is open for the key (tests). */
  isOpen(key: string): boolean {
    return this.open.has(key);
  }

  private treeChanged(node: Node | undefined): void {
    if (this.open.size === 0) {
      return;
    }
    const key = node ? repositoryKey(node) : '*';
    if (node && key === undefined) {
      return;
    }
    this.pending.add(key ?? '*');
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const keys = new Set(this.pending);
      this.pending.clear();
      for (const entry of this.open.values()) {
        if (keys.has('*') || keys.has(repositoryKey(entry.node) ?? '')) {
          void this.render(entry);
        }
      }
    }, REFRESH_MS);
  }

  private render(entry: Open): Promise<void> {
    entry.rendering ??= this.renderNow(entry).finally(() => {
      entry.rendering = undefined;
    });
    return entry.rendering;
  }

  private async renderNow(entry: Open): Promise<void> {
    let content: WhyContent;
    try {
      content = await entry.page.render();
    } catch (error: unknown) {
      const failure = toRegistryError(error);
      const loginServer = registryOf(entry.node).config.loginServer;
      this.log.error(`why protected ${loginServer}: ${failure.kind} ${failure.details.status ?? ''} ${failure.message}`);
      // In words, never the registry's raw error body: what is gone is the item (or its repository); anything else is about the registry.
      const where = failure.kind === 'notFound' ? entry.page.subject : loginServer;
      content = {
        // The tab still names the item it is about.
        title: vscode.l10n.t('Why: {0}', entry.page.subject),
        markdown: vscode.l10n.t('Could not read the locks: {0}', markdownText(describeError(failure, where).message)),
        canUnlock: false,
      };
    }
    let body: string;
    try {
      body = await vscode.commands.executeCommand<string>('markdown.api.render', content.markdown);
    } catch {
      body = `<pre>${escapeHtml(content.markdown)}</pre>`;
    }
    if (entry.disposed) {
      return;
    }
    entry.page.shown?.(content.markdown);
    entry.panel.title = content.title;
    entry.panel.webview.html = this.page(body, content.canUnlock);
  }

  private page(body: string, canUnlock: boolean): string {
    const nonce = randomBytes(16).toString('base64');
    const read = escapeHtml(vscode.l10n.t('Read at {0}', new Date().toLocaleTimeString()));
    const unlock = canUnlock
      ? `<button id="unlock" title="${escapeHtml(vscode.l10n.t('Clear exactly the locks that block deleting it (asks first)'))}">${escapeHtml(vscode.l10n.t('Unlock for Deletion'))}</button>`
      : '';
    return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; line-height: 1.45; }
.actions { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 10px 0; display: flex; gap: 8px; align-items: center; border-bottom: 1px solid var(--vscode-panel-border); }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; color: var(--vscode-button-foreground); background: var(--vscode-button-background); cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.read { color: var(--vscode-descriptionForeground); margin-left: auto; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vscode-panel-border); padding: 3px 10px; text-align: left; vertical-align: top; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow-x: auto; }
</style></head>
<body>
<div class="actions" role="toolbar">${unlock}<button id="refresh" class="secondary">${escapeHtml(vscode.l10n.t('Refresh'))}</button><span class="read">${read}</span></div>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const id of ['unlock', 'refresh']) {
  document.getElementById(id)?.addEventListener('click', () => vscode.postMessage({ type: id }));
}
</script>
</body></html>`;
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.subscription.dispose();
    for (const entry of this.open.values()) {
      entry.panel.dispose();
    }
    this.open.clear();
  }
}
