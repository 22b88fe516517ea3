/**
 * What a workspace may decide (Restricted Mode), as pure logic for the vscode-side readers:
 * - endpoints (the Resource Manager address of a custom cloud, `microsoft-sovereign-cloud.*`)
 *   come from user or machine settings only, unless the workspace is trusted: a cloned repository's
 *   .vscode/settings.json must not send the user's Azure token to an address it chose;
 * - `acrLocks.policyFile` names a file inside the workspace folder: no absolute path, no `..`
 *   out of it.
 */
import * as path from 'node:path';

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
