// Shared by the lock*.test.ts host suites: a dedicated sandbox registry per suite (so tests can
// change locks and inject faults without disturbing the demo sandbox other suites read), reached
// through the extension's own explorer client (password kept in its SecretStorage).
import * as assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { ContainerRegistryClient } from '@azure/container-registry';
import * as vscode from 'vscode';
import { type ExtensionApi } from '../../src/extension';
import { PasswordTokenCache, passwordGrantPolicy } from '../../src/registry/policies';
import { type RegistryNode, type RepositoryNode, type TagNode, type ManifestNode } from '../../src/tree/nodes';
import { type InputOptions, type PickItem, type PickOptions, type ProgressOptions, type ProgressReport, type SaveOptions, type Ui } from '../../src/ui/ui';
import { readSandboxInfo } from '../runner/sandboxInfo';
import { type Sandbox, type SandboxOptions, start } from '../sandbox/index';
import { azEnv, run } from '../sandbox/testUtil';

const EXTENSION_ID = 'acr-image-locks.acr-image-locks';

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export interface DedicatedSandbox {
  readonly sandbox: Sandbox;
  readonly registry: RegistryNode;
  /** The registry's name inside the sandbox (for `control`). */
  readonly name: string;
  stop(): Promise<void>;
}

export async function dedicatedSandbox(api: ExtensionApi, options: SandboxOptions): Promise<DedicatedSandbox | undefined> {
  // The runner's processes trust the CA in the runner sandbox's folder (test/runner/trust.ts: SSL_CERT_FILE for
  // VS Code's fetch, NODE_EXTRA_CA_CERTS for https); a sandbox on that CA is trusted the same way.
  const caFile = readSandboxInfo()?.caFile;
  if (!caFile) {
    return undefined;
  }
  const sandbox = await start({ ...options, caDir: dirname(caFile), log: () => undefined });
  const name = sandbox.registries[0].name;
  const admin = sandbox.users.find((u) => u.username === name);
  assert.ok(admin, 'the sandbox has an admin user');
  const loginServer = new URL(sandbox.endpoint).host;
  await api.passwords.store(loginServer, admin.username, admin.password);
  const registry: RegistryNode = { kind: 'registry', config: { loginServer, auth: 'password', username: admin.username } };
  return { sandbox, registry, name, stop: () => sandbox.stop() };
}

export interface DedicatedSuite {
  /** The activated extension's API (asserts the suite setup got that far). */
  readonly api: ExtensionApi;
  /** The suite's running sandbox (asserts it started). */
  readonly box: DedicatedSandbox;
}

/**
 * Registers the suite's suiteSetup/suiteTeardown, so call it inside the `suite` callback: activates the
 * extension, starts a dedicated sandbox (skipping the suite when this host cannot trust its CA),
 * installs `ui` and applies `settings` in order. The teardown restores the previous UI and
 * the previous global value of every setting it applied, then stops the sandbox. Hooks the suite
 * registers after this call run after these ones (setup and teardown), and no later suiteSetup runs
 * once the suite is skipped.
 */
export function useDedicatedSandbox(options: SandboxOptions, ui: Ui, settings: Record<string, unknown> = {}): DedicatedSuite {
  let api: ExtensionApi | undefined;
  let box: DedicatedSandbox | undefined;
  let previousUi: Ui | undefined;
  const previousSettings: [key: string, value: unknown][] = [];

  suiteSetup(async function () {
    api = await extensionApi();
    box = await dedicatedSandbox(api, options);
    if (!box) {
      this.skip();
    }
    previousUi = api.setUi(ui);
    for (const [key, value] of Object.entries(settings)) {
      previousSettings.push([key, vscode.workspace.getConfiguration('acrLocks').inspect(key)?.globalValue]);
      await setSetting(key, value);
    }
  });

  suiteTeardown(async () => {
    if (api && previousUi) {
      api.setUi(previousUi);
    }
    for (const [key, value] of previousSettings.splice(0).reverse()) {
      await setSetting(key, value);
    }
    await box?.stop();
  });

  return {
    get api(): ExtensionApi {
      assert.ok(api, 'the extension is active');
      return api;
    },
    get box(): DedicatedSandbox {
      assert.ok(box, 'the dedicated sandbox is running');
      return box;
    },
  };
}

/** An SDK client signed in as the sandbox's admin user (for what the extension itself does not do, e.g. deleting). */
export function sdkClient(box: DedicatedSandbox): ContainerRegistryClient {
  const admin = box.sandbox.users.find((u) => u.username === box.name);
  assert.ok(admin);
  const policy = passwordGrantPolicy({ username: admin.username, getPassword: () => Promise.resolve(admin.password) }, new PasswordTokenCache(), box.sandbox.endpoint);
  return new ContainerRegistryClient(box.sandbox.endpoint, { additionalPolicies: [{ position: 'perRetry', policy }] });
}

export function repositoryNode(registry: RegistryNode, name: string): RepositoryNode {
  return { kind: 'repository', registry, name };
}

export async function tagNode(api: ExtensionApi, registry: RegistryNode, repository: string, tag: string): Promise<TagNode> {
  const client = await api.connections.clientFor(registry.config);
  return { kind: 'tag', repository: repositoryNode(registry, repository), tag: await client.getTag(repository, tag), hidden: false };
}

export async function manifestNode(api: ExtensionApi, registry: RegistryNode, repository: string, reference: string): Promise<ManifestNode> {
  const client = await api.connections.clientFor(registry.config);
  return { kind: 'manifest', repository: repositoryNode(registry, repository), manifest: await client.getManifest(repository, reference) };
}

export type Level = 'info' | 'warn' | 'error';

/**
 * The UI seam's test double: records every prompt, notification, input and progress, and answers
 * as told. Defaults: confirmations take the first action, notifications are dismissed, inputs
 * answer `inputText`, quick picks are dismissed.
 */
export class RecordingUi implements Ui {
  /** Modal dialogs: `warning` confirms a change that removes something (`confirm`), `information` asks a question (`ask`). */
  readonly asked: { message: string; detail: string; actions: string[]; icon: 'warning' | 'information' }[] = [];
  readonly notified: { level: Level; message: string; actions: string[] }[] = [];
  readonly inputs: InputOptions[] = [];
  readonly progress: { title: string; messages: string[] }[] = [];
  answer: (actions: string[], message: string) => string | undefined = (actions) => actions[0];
  notificationAnswer: (level: Level, actions: string[], message: string) => string | undefined = () => undefined;
  inputText: string | undefined | ((options: InputOptions) => string | undefined) = '';
  /** Answers a multi-select quick pick; undefined dismisses it. */
  picks: ((items: readonly PickItem[]) => readonly PickItem[] | undefined) | undefined;
  /** Answers a single quick pick; undefined dismisses it. */
  pickOne: ((items: readonly PickItem[]) => PickItem | undefined) | undefined;
  /** Save dialogs asked. */
  readonly saves: SaveOptions[] = [];
  /** Answers a save dialog (a URI string); undefined dismisses it. */
  saveAnswer: ((options: SaveOptions) => string | undefined) | undefined;
  /** Called when a progress notification opens, with the controller its Cancel button would abort. */
  onProgress: ((title: string, cancel: AbortController) => void) | undefined;
  /** Called on every progress message, with the controller its Cancel button would abort. */
  onProgressReport: ((title: string, message: string, cancel: AbortController) => void) | undefined;

  get errors(): { message: string; actions: string[] }[] {
    return this.notified.filter((n) => n.level === 'error');
  }

  reset(): void {
    this.asked.length = 0;
    this.notified.length = 0;
    this.inputs.length = 0;
    this.progress.length = 0;
    this.saves.length = 0;
  }

  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    this.asked.push({ message, detail, actions, icon: 'warning' });
    return Promise.resolve(this.answer(actions, message));
  }

  ask(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    this.asked.push({ message, detail, actions, icon: 'information' });
    return Promise.resolve(this.answer(actions, message));
  }

  info(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notify('info', message, actions);
  }

  warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notify('warn', message, actions);
  }

  error(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notify('error', message, actions);
  }

  input(options: InputOptions): Promise<string | undefined> {
    this.inputs.push(options);
    return Promise.resolve(typeof this.inputText === 'function' ? this.inputText(options) : this.inputText);
  }

  pick<T extends PickItem>(items: readonly T[], _options: PickOptions): Promise<T | undefined> {
    const chosen = this.pickOne?.(items);
    return Promise.resolve(items.find((i) => i === chosen));
  }

  pickMany<T extends PickItem>(items: readonly T[], _options: PickOptions): Promise<readonly T[] | undefined> {
    if (!this.picks) {
      return Promise.resolve(undefined);
    }
    const chosen = this.picks(items);
    return Promise.resolve(chosen ? items.filter((i) => chosen.includes(i)) : undefined);
  }

  saveLocation(options: SaveOptions): Promise<string | undefined> {
    this.saves.push(options);
    return Promise.resolve(this.saveAnswer?.(options));
  }

  async withProgress<R>(options: ProgressOptions, task: (progress: ProgressReport, signal: AbortSignal) => Promise<R>): Promise<R> {
    const record = { title: options.title, messages: [] as string[] };
    this.progress.push(record);
    const controller = new AbortController();
    this.onProgress?.(options.title, controller);
    return task(
      {
        report: (message) => {
          record.messages.push(message);
          this.onProgressReport?.(options.title, message, controller);
        },
      },
      controller.signal,
    );
  }

  private notify(level: Level, message: string, actions: string[]): Promise<string | undefined> {
    this.notified.push({ level, message, actions });
    return Promise.resolve(this.notificationAnswer(level, actions, message));
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('acrLocks').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * `az acr repository show --name <registry> <target…> -u <admin> -p <password> -o json` against the
 * dedicated sandbox (through its CONNECT proxy, trusting its CA; az's state in `home`) → its changeableAttributes.
 */
export async function azShow(box: DedicatedSandbox, home: string, ...target: string[]): Promise<unknown> {
  const { sandbox: s, name } = box;
  const admin = s.users.find((u) => u.username === name);
  assert.ok(admin, 'the sandbox has an admin user');
  const env = azEnv(s, home);
  const args = ['acr', 'repository', 'show', '--name', name, ...target, '-u', admin.username, `--password=${admin.password}`, '-o', 'json'];
  const result = await run('az', args, env, 90_000);
  assert.equal(result.status, 0, `az acr repository show ${target.join(' ')} failed: ${result.stderr}`);
  const shown = JSON.parse(result.stdout) as { changeableAttributes?: unknown; tag?: { changeableAttributes?: unknown } };
  const attributes = shown.changeableAttributes ?? shown.tag?.changeableAttributes;
  assert.ok(attributes, `no changeableAttributes in ${result.stdout}`);
  return attributes;
}
