/**
 * What a workspace may decide (Restricted Mode), as pure logic for the vscode-side readers:
 * - endpoints (the Resource Manager address of a custom cloud, `microsoft-sovereign-cloud.*`)
 *   come from user or machine settings only, unless the workspace is trusted: a cloned repository's
 *   .vscode/settings.json must not send the user's Azure token to an address it chose;
 * - `acrLocks.policyFile` names a file inside the workspace folder: no absolute path, no `..`
 *   out of it.
 */
import * as path from 'node:path';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { RegistryError } from './registry/errors';

/**
 * Restricted Mode: in a workspace that is not trusted nothing runs or sends — no registry listing,
 * no Azure discovery, no policy watcher or check, no command that sends. The gate is one question
 * (`isTrusted`, VS Code's `workspace.isTrusted`) asked at every place a request can start:
 * - the HTTP client under every registry and Resource Manager client (`gatedHttpClient`), so even
 *   a path missed above sends nothing;
 * - `Connections.clientFor` (before any sign-in or password look-up);
 * - the commands' boundary (`commandAllowedInRestrictedMode`);
 * - the two views' roots (one message row with the command to manage trust) and the policy
 *   watchers (`whenTrusted`), which start once trust is granted (`onDidGrantWorkspaceTrust`).
 */
export interface TrustSource {
  isTrusted(): boolean;
  /** VS Code's `workspace.onDidGrantWorkspaceTrust`. */
  onDidGrant(listener: () => void): { dispose(): void };
}

export const RESTRICTED_MODE = 'RESTRICTED_MODE';
/** VS Code's own command that opens the workspace trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** What a request attempted in Restricted Mode fails with (before anything is sent). */
export function restrictedModeError(): RegistryError {
  return new RegistryError('cancelled', 'Restricted Mode: this workspace is not trusted, so nothing is sent to any registry or to Azure.', { code: RESTRICTED_MODE });
}

/** By its code, not its class: a test's copy of RegistryError is not the bundle's. */
export function isRestrictedModeError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { details?: { code?: unknown } }).details?.code === RESTRICTED_MODE;
}

/** An HTTP client that sends only while the workspace is trusted (asked per request). */
export function gatedHttpClient(inner: HttpClient, isTrusted: () => boolean): HttpClient {
  return {
    sendRequest: (request) => (isTrusted() ? inner.sendRequest(request) : Promise.reject(restrictedModeError())),
  };
}

/** Runs `start` now when the workspace is trusted, else once (when trust is granted). */
export function whenTrusted(source: TrustSource, start: () => void): { dispose(): void } {
  if (source.isTrusted()) {
    start();
    return { dispose: () => undefined };
  }
  let started = false;
  const subscription = source.onDidGrant(() => {
    if (!started) {
      started = true;
      subscription.dispose();
      start();
    }
  });
  return subscription;
}

/**
 * Commands that send nothing and read no registry, so they run in Restricted Mode too; every
 * other command of the extension is refused there with the message and the trust command.
 */
export const RESTRICTED_MODE_COMMANDS: ReadonlySet<string> = new Set([
  'acrLocks.openWalkthrough',
  'acrLocks.sortByName',
  'acrLocks.sortByLastUpdated',
  'acrLocks.toggleSort',
  'acrLocks.clearFilter',
  'acrLocks.removeRegistry',
]);

export function commandAllowedInRestrictedMode(id: string, trusted: boolean): boolean {
  return trusted || RESTRICTED_MODE_COMMANDS.has(id);
}

/** The parts of `WorkspaceConfiguration.inspect()` this reads. */
export interface InspectedSetting<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

/** The effective value, ignoring workspace and folder values unless the workspace is trusted. */
export function trustedValue<T>(inspected: InspectedSetting<T> | undefined, workspaceTrusted: boolean): T | undefined {
  if (inspected === undefined) {
    return undefined;
  }
  if (workspaceTrusted) {
    return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue;
  }
  return inspected.globalValue ?? inspected.defaultValue;
}

export type PolicyPathCheck = { readonly ok: true; readonly relativePath: string } | { readonly ok: false; readonly reason: string };

/** `acrLocks.policyFile` as a path inside the folder (forward slashes), or why it is refused. */
export function checkPolicyPath(setting: string): PolicyPathCheck {
  const text = setting.trim();
  if (text === '') {
    return { ok: false, reason: 'acrLocks.policyFile is empty.' };
  }
  if (path.isAbsolute(text) || path.win32.isAbsolute(text) || /^[a-z][a-z0-9+.-]*:/i.test(text)) {
    return { ok: false, reason: `acrLocks.policyFile must be a path inside the workspace folder, not an absolute path ("${text}").` };
  }
  const normalized = path.posix.normalize(text.replace(/\\/g, '/'));
  if (normalized === '..' || normalized.startsWith('../') || normalized === '.') {
    return { ok: false, reason: `acrLocks.policyFile must stay inside the workspace folder; "${text}" leads out of it.` };
  }
  return { ok: true, relativePath: normalized };
}
