import type * as vscode from 'vscode';
import { type Telemetry } from './telemetry';

/** Placeholder until the telemetry reporter is wired (issue "Ship quality"): sends nothing. */
export function createTelemetry(_context: vscode.ExtensionContext): Telemetry {
  return {
    commandRun: () => undefined,
    activated: () => undefined,
    dispose: () => Promise.resolve(),
  };
}
