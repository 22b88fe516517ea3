// What runUi hands to the UI tests (env ACR_LOCKS_UI, JSON): where code-server runs, the run
// folder (for the browser's HOME and the user settings file) and the sandbox registry.
import type { RunFolder } from '../runner/runFolder';
import type { SandboxInfo } from '../runner/sandboxInfo';

export const UI_CONTEXT_ENV = 'ACR_LOCKS_UI';

export interface UiContext {
  /** Workbench URL with the run's workspace folder open. */
  url: string;
  run: RunFolder;
  settingsFile: string;
  resultsDir: string;
  sandbox?: SandboxInfo;
}

export function uiContext(env: NodeJS.ProcessEnv = process.env): UiContext {
  const raw = env[UI_CONTEXT_ENV];
  if (!raw) {
    throw new Error(`${UI_CONTEXT_ENV} is not set: run UI tests with \`npm run test:ui\``);
  }
  return JSON.parse(raw) as UiContext;
}
