// Helpers that drive the code-server workbench with playwright-core. UI tests use these
// instead of raw selectors so that workbench changes are fixed in one place.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../runner/browser';
import { quietSettings } from '../runner/runFolder';
import type { SandboxInfo } from '../runner/sandboxInfo';
import { type UiContext, uiContext } from './context';
import { recordRetry } from './retries';

export const VIEW_TITLE = 'ACR Image Locks';

/**
 * The workbench's answer to a gesture can be lost (a key press while it is busy, a menu or hover
 * that a redraw or a focus change closes): `act` (its failures are not retried), then `check`, up
 * to three times; `recover` runs between attempts. `check` is told when it is the last attempt
 * (to wait longer); the last failure is thrown. Every retry is counted and said, with `gesture`
 * and why (retries.ts): the run's summary shows them, and CI has a budget for them.
 */
async function withRetries<T>(
  gesture: string,
  act: () => Promise<void>,
  check: (last: boolean) => Promise<T>,
  recover?: () => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await act();
    try {
      return await check(attempt >= 3);
    } catch (error) {
      if (attempt >= 3) {
        throw error;
      }
      recordRetry(gesture, attempt, error);
      await recover?.();
    }
  }
}

let browser: Promise<BrowserContext> | undefined;

/**
 * The run's one Chromium (its profile is the run folder's, as before): each suite opens its own
 * window (page) in it and closes it at its end, so Chromium starts once per run, not per suite.
 */
function sharedBrowser(ui: UiContext): Promise<BrowserContext> {
  browser ??= launchBrowser(ui.run).then(async (context) => {
    // The window a persistent context opens with: each suite opens its own instead.
    await Promise.all(context.pages().map((page) => page.close()));
    return context;
  });
  return browser;
}

/** Closes the run's Chromium (runUi, once every suite has run). */
export async function closeBrowser(): Promise<void> {
  const closing = browser;
  browser = undefined;
  await (await closing?.catch(() => undefined))?.close();
}

export class Workbench {
  private constructor(readonly page: Page, readonly ui: UiContext) {}

  /** Opens a new browser window on the workbench and waits until the activity bar is ready. */
  static async open(ui: UiContext = uiContext()): Promise<Workbench> {
    const context = await sharedBrowser(ui);
    const page = await context.newPage();
    await page.goto(ui.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await page.locator('.part.activitybar').getByRole('tab').first().waitFor({ timeout: 30_000 });
    const workbench = new Workbench(page, ui);
    // Editors an earlier suite left open come back with the workbench (its storage is the same):
    // closed first, so a webview loading among them cannot take the focus from this suite's menus.
    await page.locator('.part.editor').waitFor({ timeout: 30_000 });
    if (await page.locator('.part.editor .tabs-container .tab').count() > 0) {
      await workbench.closeAllEditors();
    }
    return workbench;
  }

  /** The view container's tab in the activity bar (its accessible name comes from the icon's label). */
  activityBarTab(title: string = VIEW_TITLE): Locator {
    return this.page.locator('.part.activitybar').getByRole('tab', { name: new RegExp(`^${title}`) });
  }

  sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** Shows the view container (clicking its activity-bar tab only if it is not already shown). */
  async openView(title: string = VIEW_TITLE): Promise<Locator> {
    const tab = this.activityBarTab(title);
    await tab.waitFor({ timeout: 30_000 });
    if (await tab.getAttribute('aria-selected') !== 'true') {
      await tab.click();
    }
    const sidebar = this.sidebar();
    await sidebar.locator('.composite.title').getByText(title, { exact: false }).waitFor({ timeout: 15_000 });
    return sidebar;
  }

  /** Collapses a view's pane in the container (e.g. the Azure section), so the other views get its height. */
  async collapsePane(title: RegExp): Promise<void> {
    const header = this.sidebar().locator('.pane-header', { hasText: title }).first();
    await header.waitFor({ timeout: 15_000 });
    if ((await header.getAttribute('aria-expanded')) === 'true') {
      await header.locator('.title').first().click();
      await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'false', await header.elementHandle());
      // The other panes grow into its place (animated): a menu opened meanwhile would close.
      await this.settled(this.sidebar().locator('.pane-header').last());
    }
  }

  /** Waits (5 s at most) until `target` stays where it is for two readings 100 ms apart. */
  async settled(target: Locator): Promise<void> {
    let before = await target.boundingBox();
    for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
      await this.page.waitForTimeout(100);
      const now = await target.boundingBox();
      if (before && now && before.x === now.x && before.y === now.y && before.width === now.width && before.height === now.height) {
        return;
      }
      before = now;
    }
  }

  /** Drags the side bar's sash until the side bar is about `width` pixels wide. */
  async resizeSidebar(width: number): Promise<void> {
    const box = await this.sidebar().boundingBox();
    if (!box || Math.abs(box.width - width) < 4) {
      return;
    }
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** All rows of the tree(s) in the side bar. */
  treeItems(): Locator {
    return this.sidebar().getByRole('treeitem');
  }

  treeItem(label: string | RegExp): Locator {
    return this.sidebar().getByRole('treeitem', { name: label });
  }

  /** Waits for at least `count` tree rows and returns their labels. */
  async treeLabels(count = 1, timeout = 20_000): Promise<string[]> {
    await this.treeItems().nth(count - 1).waitFor({ timeout });
    return (await this.treeItems().allInnerTexts()).map((text) => text.trim());
  }

  /** Expands a collapsed tree row. */
  async expand(item: Locator): Promise<void> {
    if (await item.getAttribute('aria-expanded') === 'false') {
      await item.click();
      await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await item.elementHandle());
    }
  }

  /** Right-clicks an element and waits for its context menu. */
  async contextMenu(target: Locator): Promise<Locator> {
    const menu = this.page.getByRole('menu');
    // A menu closes when something else takes the focus as it opens (e.g. a walkthrough opening its
    // next step): try again a few times.
    return withRetries(
      'contextMenu (right-click, the menu opens)',
      async () => {
        // No tooltip of an earlier hover in the way.
        await this.page.mouse.move(1, 1);
        await target.click({ button: 'right' });
      },
      async (last) => {
        await menu.first().waitFor({ timeout: last ? 10_000 : 3_000 });
        await menu.first().getByRole('menuitem').first().waitFor({ timeout: 2_000 });
        return menu;
      },
    );
  }

  /** A context-menu entry, plain or with a check mark (the menu lives in a shadow DOM; role locators reach it). */
  menuItem(name: string | RegExp): Locator {
    return this.page.getByRole('menuitem', { name }).or(this.page.getByRole('menuitemcheckbox', { name }));
  }

  /** The header of the My Registries view (its title actions show while it is hovered). */
  registriesHeader(): Locator {
    return this.sidebar().locator('.pane-header', { hasText: /My Registries/i }).first();
  }

  /** A button of the My Registries view's title ("Filter Repositories and Tags…", "Refresh", …), hovered into view. */
  async titleButton(name: string): Promise<Locator> {
    const header = this.registriesHeader();
    await header.hover();
    const button = header.getByRole('button', { name, exact: true });
    await button.waitFor({ timeout: 10_000 });
    return button;
  }

  /**
   * The lines of the extension's own log (its "ACR Image Locks" output channel, as the user sees it in
   * the Output panel) that contain `text`: what the extension did when the screen does not change.
   */
  extensionLogLines(text: string): string[] {
    const logs = path.join(this.ui.run.userDataDir, 'logs');
    // One folder per window session, one exthostN folder per extension host it started (each reload is another).
    const files = (fs.existsSync(logs) ? fs.readdirSync(logs) : []).flatMap((session) => {
      const dir = path.join(logs, session);
      return fs.statSync(dir).isDirectory()
        ? fs.readdirSync(dir).filter((name) => /^exthost\d+$/.test(name)).map((host) => path.join(dir, host, 'acr-image-locks.acr-image-locks', 'ACR Image Locks.log'))
        : [];
    }).filter((f) => fs.existsSync(f));
    return files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).filter((line) => line.includes(text));
  }

  /** Opens the My Registries view title's "More Actions..." menu. */
  async titleMenu(): Promise<void> {
    const header = this.registriesHeader();
    await header.hover();
    const more = header.getByRole('button', { name: /More Actions/ });
    await more.waitFor({ timeout: 10_000 });
    await this.settled(header);
    await withRetries(
      'titleMenu (More Actions, the menu opens)',
      async () => {
        await more.hover();
        await more.click();
      },
      async (last) => {
        const menu = this.page.getByRole('menu').first();
        await menu.waitFor({ timeout: last ? 10_000 : 3_000 });
        // Its entries are in (not the menu closed a moment ago, empty while it goes).
        await menu.locator('[role=menuitem], [role=menuitemcheckbox]').first().waitFor({ timeout: 2_000 });
      },
    );
  }

  /** Opens the view and gives My Registries the side bar (the Azure section has its own UI test). */
  async openRegistries(): Promise<Locator> {
    const sidebar = await this.openView();
    await this.collapsePane(/^\s*Azure/i);
    return sidebar;
  }

  /** Chooses a context-menu entry by its exact label (hovered first: a menu ignores clicks right after it opens). */
  async chooseMenuItem(name: string, timeout = 10_000): Promise<void> {
    const item = this.page.getByRole('menuitem', { name, exact: true }).or(this.page.getByRole('menuitemcheckbox', { name, exact: true })).first();
    await item.waitFor({ timeout });
    // A menu closes as soon as it runs an entry (an entry with a submenu opens it); a click it
    // ignored (a submenu just opened) is repeated, three times at most.
    const opensSubmenu = (await item.getAttribute('aria-haspopup')) === 'true';
    await withRetries(
      `chooseMenuItem "${name}" (the click is taken)`,
      async () => {
        await item.hover({ timeout });
        await item.click({ timeout });
      },
      async () => {
        if (opensSubmenu) {
          await this.page.getByRole('menu').nth(1).waitFor({ timeout: 2_000 });
        } else {
          await item.waitFor({ state: 'hidden', timeout: 2_000 });
        }
      },
    );
  }

  /**
   * Opens the view title's "More Actions" menu and chooses `name`. In a window just opened, VS Code
   * can redraw the title bar's actions once, which closes the open menu: then it is opened again
   * (three times at most).
   */
  async chooseFromTitleMenu(name: string): Promise<void> {
    await this.chooseFromMenu(() => this.titleMenu(), name);
  }

  /**
   * Right-clicks `target` and chooses `name` from its context menu, opened again if something took
   * the focus and closed it first (a walkthrough opening its next step), three times at most.
   */
  async chooseFromContextMenu(target: Locator, name: string): Promise<void> {
    await this.chooseFromMenu(() => this.contextMenu(target), name);
  }

  /** Opens a menu with `open` and chooses `name`; a menu closed under the choice is opened again. */
  private async chooseFromMenu(open: () => Promise<unknown>, name: string): Promise<void> {
    await withRetries(
      `chooseFromMenu "${name}" (the menu stays open for the choice)`,
      async () => {
        await open();
      },
      () => this.chooseMenuItem(name, 5_000),
      () => this.closeMenus(),
    );
  }

  /** Labels of the open context menu's entries. */
  async menuLabels(): Promise<string[]> {
    const items = this.page.getByRole('menu').first().locator('[role=menuitem], [role=menuitemcheckbox]');
    return (await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text.length > 0);
  }

  /** Closes the open menus (Escape) and waits until they are gone: a click meanwhile would reach the one closing. */
  async closeMenus(): Promise<void> {
    const menus = this.page.getByRole('menu');
    // Still shown: Escape again; still shown after the third, the caller's next step says so.
    await withRetries(
      'closeMenus (Escape closes them)',
      () => this.page.keyboard.press('Escape'),
      () => menus.first().waitFor({ state: 'detached', timeout: 2_000 }),
    ).catch(() => undefined);
  }

  /** The modal dialog (confirmations), once shown. */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Waits for the modal dialog and returns its text. */
  async dialogText(timeout = 15_000): Promise<string> {
    await this.dialog().waitFor({ timeout });
    return (await this.dialog().innerText()).trim();
  }

  /** Clicks a button of the modal dialog and waits for it to close. */
  async answerDialog(button: string): Promise<void> {
    await this.dialog().getByRole('button', { name: button, exact: true }).click();
    await this.dialog().waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Notification toasts now shown, as text (message and buttons). */
  toasts(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** Waits for a toast whose text matches, and returns it. */
  async toast(text: RegExp, timeout = 20_000): Promise<Locator> {
    const toast = this.toasts().filter({ hasText: text }).first();
    await toast.waitFor({ timeout });
    return toast;
  }

  /** Closes every notification. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.toasts().first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  }

  /** Hovers an element and returns the text of the hover that appears (tree tooltips). */
  async hoverText(target: Locator, expected?: RegExp): Promise<string> {
    const hover = this.page.locator('.monaco-hover, .workbench-hover').filter(expected ? { hasText: expected } : {}).first();
    // A hover that a notification or a redraw cut short is asked for again.
    return withRetries(
      'hoverText (the hover shows)',
      async () => {
        await this.page.mouse.move(1, 1);
        await target.hover();
      },
      async (last) => {
        await hover.waitFor({ timeout: last ? 10_000 : 4_000 });
        return (await hover.innerText()).trim();
      },
    );
  }

  /** The quick input (palette, picks, input boxes). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Labels of the quick pick's rows as shown (label and description), in list order (the DOM order is not). */
  async quickPickRows(): Promise<string[]> {
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const shown: { index: number; text: string }[] = [];
    for (const item of await rows.all()) {
      shown.push({ index: Number(await item.getAttribute('data-index')), text: (await item.innerText()).replace(/\s+/g, ' ').trim() });
    }
    return shown.sort((a, b) => a.index - b.index).map((r) => r.text);
  }

  /** Waits until the quick input's title says `title` (a new pick or input box is up). */
  async waitForQuickInput(title: string | RegExp): Promise<void> {
    await this.quickInput().locator('.quick-input-title').filter({ hasText: title }).waitFor({ timeout: 20_000 });
  }

  /** Waits for the input box's validation (or prompt) message to match, and returns it. */
  async inputMessage(expected: RegExp): Promise<string> {
    const message = this.quickInput().locator('.quick-input-message').filter({ hasText: expected });
    await message.waitFor({ timeout: 10_000 });
    return (await message.innerText()).trim();
  }

  /** Types into the open input box, replacing its text. */
  async fillInput(text: string): Promise<void> {
    const input = this.quickInput().locator('input').first();
    await input.waitFor({ timeout: 10_000 });
    await input.fill(text);
  }

  /** The content frame of the active webview panel (VS Code nests it in two iframes). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** Runs a command by its palette label, e.g. "ACR Image Locks: Refresh" (the entry with exactly that label). */
  async runCommand(label: string): Promise<void> {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const option = await this.typeInPalette(label, new RegExp(`^${escaped}`), { fill: true });
    await option.click();
  }

  /**
   * Opens the palette, types `text` and waits for the option named `expected`. On a first start the
   * palette can open before the extension's commands are listed in it, or close again while the
   * workbench is still busy: then the whole sequence is tried again (three times at most). `fill`
   * sets the text at once; otherwise it is typed key by key after F1's ">", as a user does.
   */
  async typeInPalette(text: string, expected: RegExp, options: { fill?: boolean } = {}): Promise<Locator> {
    const option = this.page.locator('.quick-input-list').getByRole('option', { name: expected }).first();
    return withRetries(
      `typeInPalette "${text}" (the option is listed)`,
      () => this.openPalette(),
      async (last) => {
        // The palette can also close under the typing (the workbench took the focus): tried again too.
        if (options.fill) {
          await this.page.locator('.quick-input-widget input').fill(`>${text}`, { timeout: 5_000 });
        } else {
          await this.page.keyboard.type(text);
        }
        await option.waitFor({ timeout: last ? 20_000 : 10_000 });
        return option;
      },
      async () => {
        await this.page.keyboard.press('Escape');
        await this.quickInput().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      },
    );
  }

  /** Closes every editor (none stays to be restored by the next workbench); a failure is only logged. */
  async closeAllEditors(): Promise<void> {
    try {
      await this.closeMenus();
      await this.runCommand('View: Close All Editors');
      await this.page.locator('.part.editor .tabs-container .tab').first().waitFor({ state: 'detached', timeout: 5_000 });
    } catch (error) {
      process.stderr.write(`[ui] could not close the editors: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    }
  }

  /** Opens the command palette (F1), again if a key press was lost while the workbench was busy. */
  async openPalette(): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await withRetries(
      'openPalette (F1 opens it)',
      () => this.page.keyboard.press('F1'),
      (last) => input.waitFor({ state: 'visible', timeout: last ? 10_000 : 3_000 }),
    );
  }

  /** Saves test-results/ui/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(this.ui.resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Closes this window (the browser stays for the next suite). */
  async close(): Promise<void> {
    await this.page.close();
  }
}

/** Current user settings.json of the run (seeded by runUi with the sandbox registries). */
export function readUserSettings(ui: UiContext = uiContext()): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(ui.settingsFile, 'utf8')) as Record<string, unknown>;
}

/**
 * Merges `changes` into user settings.json (a value of undefined removes the key); the
 * workbench picks the file up live. Start from `quietSettings` with `reset`.
 */
export function updateUserSettings(changes: Record<string, unknown>, ui: UiContext = uiContext(), reset = false): void {
  const merged: Record<string, unknown> = { ...(reset ? quietSettings : readUserSettings(ui)), ...changes };
  const cleaned = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  fs.writeFileSync(ui.settingsFile, `${JSON.stringify(cleaned, null, 2)}\n`);
}

export interface WorkbenchSuiteOptions {
  /** After opening (the workbench is already handed over): e.g. open My Registries, widen the side bar. */
  readonly prepare?: () => Promise<void>;
  /** Before closing: put back what the suite changed, so later suites see the demo data. */
  readonly restore?: () => Promise<void>;
  /**
   * Before closing: the sandbox changes that put the demo data back (later suites share the
   * sandbox); each is tried, whatever the others do.
   */
  readonly putBack?: (sandbox: SandboxInfo) => Promise<unknown>[];
}

/**
 * The hooks every UI suite has: a workbench opened in suiteSetup and handed to `use`, a
 * `FAILED-<title>` screenshot of each failing test (menus closed after it), and, at the end,
 * `restore` and closing the workbench.
 */
export function useWorkbench(use: (workbench: Workbench) => void, options: WorkbenchSuiteOptions = {}): void {
  let opened: Workbench | undefined;
  suiteSetup(async function () {
    const started = Date.now();
    opened = await Workbench.open();
    const ready = Date.now();
    use(opened);
    await options.prepare?.();
    // Where a UI run spends its time besides the tests: each suite's window (see runUi's hook total).
    process.stdout.write(`      [ui] ${this.test?.parent?.title ?? 'suite'}: window ready in ${((ready - started) / 1000).toFixed(1)}s, prepared in ${((Date.now() - ready) / 1000).toFixed(1)}s\n`);
  });
  teardown(async function () {
    if (opened && this.currentTest?.state === 'failed') {
      await opened.screenshot(`FAILED-${this.currentTest.title}`);
      await opened.closeMenus();
    }
  });
  suiteTeardown(async () => {
    // The next suite's workbench would restore them, and a webview taking the focus as it loads
    // closes any menu or palette that suite has just opened.
    await opened?.closeAllEditors();
    const sandbox = opened?.ui.sandbox;
    if (sandbox && options.putBack) {
      await Promise.allSettled(options.putBack(sandbox));
    }
    await options.restore?.();
    await opened?.close();
  });
}
