/** Activation only wires the parts together; each part lives in its own folder. */
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import * as vscode from 'vscode';
import { AuthFactory } from './auth/authFactory';
import { readSandboxEnv } from './auth/sandbox';
import { PasswordStore } from './auth/secrets';
import { TrustedDomains } from './auth/trustedDomains';
import { type SessionSource, vscodeSessions } from './auth/sessions';
import { registerCommand, runInBoundary } from './commands/support/boundary';
import { type Command } from './commands/support/command';
import { LockDocuments } from './ui/documents';
import { WhyPanels } from './ui/whyPanel';
import { registerCommands } from './commands/support/registerCommands';
import { type AzureParts, registerAzure } from './azure/vscode/register';
import { Connections } from './connections';
import { LockEngine } from './locks/engine';
import { policyMarks } from './policy/vscode/marks';
import { PolicyWorkspace } from './policy/vscode/workspace';
import { createFetchHttpClient } from './registry/fetchHttpClient';
import { limitedHttpClient } from './registry/transportLimits';
import { gatedHttpClient, type TrustSource, whenTrusted } from './workspaceTrust';
import { createFollowUps, type Services } from './services';
import { createTelemetry } from './telemetry/createTelemetry';
import { type TelemetrySender } from './telemetry/sender';
import { createExplorer } from './tree/vscode/createExplorer';
import { readTransportLimits, SECTION } from './tree/vscode/settings';
import { DriftIndex } from './tree/drift';
import { DeployedIndex } from './tree/deployed';
import { deployedMarks } from './deploy/vscode/marks';
import { type Explorer } from './tree/explorer';
import { type Node } from './tree/nodes';
import { type Ui } from './ui/ui';
import { vscodeUi } from './ui/vscodeUi';
import { AuditTrail } from './ui/auditTrail';
import { type EditorParts, registerEditor } from './editor/vscode/register';

/** Returned from activate(): what other extensions (and tests) may read. */
export interface PublicApi {
  /** What the commands see of the tree. */
  readonly explorer: Explorer;
  /** The tree's provider and view, to read the tree as VS Code shows it. */
  readonly tree: { readonly provider: vscode.TreeDataProvider<Node>; readonly view: vscode.TreeView<Node> };
  /** The workspace's lock policy (tests await its checks). */
  readonly policy: PolicyWorkspace;
  /** The registry clients of this activation. */
  readonly connections: Connections;
  /** Where passwords are stored (VS Code's secret storage). */
  readonly passwords: PasswordStore;
  /** Custom domains the user trusts with the Azure sign-in token (tests confirm and forget them). */
  readonly trust: TrustedDomains;
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
  /** The Azure section (discovered registries). */
  readonly azure: AzureParts;
}

/**
 * The test hooks: only in `ExtensionMode.Test` (the extension-host suite and the host
 * benchmark run there), never on an installed extension's API.
 */
export interface ExtensionApi extends PublicApi {
  /** Replaces the VS Code sign-in sessions (tests); returns the previous source. */
  setSessions(sessions: SessionSource): SessionSource;
  /** Replaces the UI seam (VS Code's test host suppresses dialogs); returns the previous one. */
  setUi(ui: Ui): Ui;
  /** Runs a command object inside the commands' boundary with the extension's services (tests). */
  runInBoundary(command: Command, node?: Node, selected?: readonly Node[]): Promise<void>;
  /** Resolves once every notification action started by commands so far has run. */
  whenIdle(): Promise<void>;
  /** Replaces where telemetry events go (tests record them); returns the previous sender. */
  setTelemetrySender(sender: TelemetrySender): TelemetrySender;
  /**
   * Replaces the HTTP client under every registry connection (the benchmark compares Node's
   * `https`) and drops the cached connections; returns the previous client.
   */
  setHttpClient(client: HttpClient): HttpClient;
  /** The editor features (hover, lens, problems, quick fixes) and their shared lookups. */
  readonly editor: EditorParts;
}

/**
 * Registry requests go through VS Code's global `fetch`: it pools connections and applies the
 * user's proxy and certificate settings. With `http.fetchAdditionalSupport` off that `fetch` is
 * Node's own, without them, so the SDK's Node client (through VS Code's patched `https`) is used,
 * created with the first request (it loads the SDK).
 */
function switchableHttpClient(): { client: HttpClient; replace(next: HttpClient): HttpClient } {
  let current: HttpClient | undefined =
    vscode.workspace.getConfiguration('http').get<boolean>('fetchAdditionalSupport') === false ? undefined : createFetchHttpClient(globalThis.fetch);
  const active = (): HttpClient => (current ??= createDefaultHttpClient());
  return {
    client: { sendRequest: (request) => active().sendRequest(request) },
    replace(next) {
      const previous = active();
      current = next;
      return previous;
    },
  };
}

export function activate(context: vscode.ExtensionContext): PublicApi | ExtensionApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('ACR Image Locks', { log: true });
  const telemetry = createTelemetry(context);
  const passwords = new PasswordStore(context.secrets);
  const auth = new AuthFactory(passwords, vscodeSessions, () => readSandboxEnv());
  const trust = new TrustedDomains(context.globalState);
  // Restricted Mode: nothing runs or sends until the workspace is trusted (src/workspaceTrust.ts).
  const workspaceTrust: TrustSource = { isTrusted: () => vscode.workspace.isTrusted, onDidGrant: (listener) => vscode.workspace.onDidGrantWorkspaceTrust(listener) };
  const transport = switchableHttpClient();
  const gated = gatedHttpClient(transport.client, workspaceTrust.isTrusted);
  // Timeouts from acrLocks.connectTimeoutSeconds / idleTimeoutSeconds: read per client (registries) and per request (Azure).
  const connections = new Connections({ auth, logger: log, isTrusted: (loginServer) => trust.has(loginServer), httpClient: gated, limits: readTransportLimits, isWorkspaceTrusted: workspaceTrust.isTrusted });
  const armHttpClient: HttpClient = { sendRequest: (request) => limitedHttpClient(gated, readTransportLimits()).sendRequest(request) };
  const drift = new DriftIndex();
  const deployed = new DeployedIndex();
  // The Azure view is registered after the policy (it needs the services); the policy and the tree reach it late.
  const late: { azure?: AzureParts; editor?: EditorParts } = {};
  const tree = createExplorer({
    clientFor: (registry) => connections.clientFor(registry.config),
    log,
    subscriptions: context.subscriptions,
    policyMarks: policyMarks(drift),
    deployedMarks: deployedMarks(deployed),
    isTrusted: workspaceTrust.isTrusted,
    discovered: () => late.azure?.model.discoveredRegistries() ?? [],
  });
  const documents = new LockDocuments(log);
  const policy = new PolicyWorkspace({
    explorer: tree.explorer,
    connections,
    documents,
    log,
    drift,
    view: tree.view,
    isTrusted: workspaceTrust.isTrusted,
    discover: () => late.azure?.model.discoverAll() ?? Promise.resolve([]),
  });
  const why = new WhyPanels(log, (node) => vscode.commands.executeCommand('acrLocks.unlockForDeletion', node), tree.explorer.onDidChangeTreeData);
  const audit = new AuditTrail(
    log,
    (loginServer) =>
      [...tree.explorer.registries(), ...(late.azure?.model.discoveredRegistries() ?? [])].find((r) => r.config.loginServer.toLowerCase() === loginServer.toLowerCase())?.config,
    String((context.extension.packageJSON as { version?: unknown }).version ?? ''),
  );
  const services: Services = {
    context,
    explorer: tree.explorer,
    connections,
    auth,
    passwords,
    trust,
    engine: new LockEngine({
      onChanged: (loginServer, result) => {
        audit.record(loginServer, result);
        late.editor?.state.lockChanged(loginServer, result);
      },
    }),
    documents,
    policy,
    deployed,
    why,
    log,
    telemetry,
    followUps: createFollowUps(),
    ui: vscodeUi,
    workspaceTrusted: workspaceTrust.isTrusted,
  };
  registerCommands(services);
  const azure = registerAzure({ services, tree, httpClient: armHttpClient, isTrusted: workspaceTrust.isTrusted });
  late.azure = azure;
  // Hover, lens, problems and quick fixes where images are written: nothing is read until a document names a known registry.
  const editor = registerEditor(
    {
      registries: () => [...tree.explorer.registries(), ...azure.model.discoveredRegistries()],
      clientFor: (registry) => connections.clientFor(registry.config),
      isTrusted: workspaceTrust.isTrusted,
      reveal: async (repository, tag) => {
        await vscode.commands.executeCommand('acrLocks.registries.focus');
        tree.explorer.setFilter(tag === null ? repository : `${repository}:${tag}`);
        await tree.explorer.findTags();
      },
      loadedListing: (loginServer, repository) => tree.explorer.loadedListing(loginServer, repository),
      log,
    },
    workspaceTrust.onDidGrant,
    (command) => registerCommand(services, command),
  );
  late.editor = editor;
  // The tree's Refresh drops the editor's lookups of that registry: the editor never shows older state than the tree.
  context.subscriptions.push(tree.explorer.onDidRefresh((loginServer) => editor.state.treeRefreshed(loginServer)));
  // The policy watchers start now, or once trust is granted; then the views list for the first time.
  context.subscriptions.push(
    // start() returns the policy itself, which context.subscriptions disposes below.
    whenTrusted(workspaceTrust, () => void policy.start()),
    workspaceTrust.onDidGrant(() => {
      tree.explorer.refresh();
      azure.model.refresh();
    }),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.connectTimeoutSeconds`) || event.affectsConfiguration(`${SECTION}.idleTimeoutSeconds`)) {
        connections.clear();
      }
    }),
  );
  context.subscriptions.push(editor, log, documents, why, documents.register(), policy, drift, deployed, { dispose: () => void telemetry.dispose() });
  void vscode.commands.executeCommand('setContext', 'acrLocks.sandboxAvailable', readSandboxEnv() !== undefined);
  const activationMs = Date.now() - started;
  telemetry.activated(activationMs, tree.explorer.registries().length);
  const api: PublicApi = { explorer: tree.explorer, tree: { provider: tree.provider, view: tree.view }, connections, policy, passwords, trust, activationMs, azure };
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return api;
  }
  const hooks: ExtensionApi = {
    ...api,
    editor,
    setSessions: (sessions) => auth.setSessions(sessions),
    setTelemetrySender: (sender) => telemetry.setSender(sender),
    runInBoundary: (command, node, selected) => runInBoundary(services, command, node, selected),
    whenIdle: () => services.followUps.idle(),
    setHttpClient(client) {
      const previous = transport.replace(client);
      connections.clear();
      return previous;
    },
    setUi(ui) {
      const previous = services.ui;
      services.ui = ui;
      return previous;
    },
  };
  return hooks;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
