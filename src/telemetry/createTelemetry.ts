import type * as vscode from 'vscode';
import { CommandTelemetry } from './commandTelemetry';
import { nullSender, type TelemetrySender } from './sender';

/**
 * The connection string comes from package.json (`telemetryConnectionString`) and is empty in
 * this repository, so development builds send nothing. When set, @vscode/extension-telemetry is
 * loaded lazily; it honours VS Code's telemetry setting itself.
 */
export function createTelemetry(context: vscode.ExtensionContext): CommandTelemetry {
  const manifest: unknown = context.extension.packageJSON;
  const connectionString =
    manifest && typeof manifest === 'object' && 'telemetryConnectionString' in manifest && typeof manifest.telemetryConnectionString === 'string'
      ? manifest.telemetryConnectionString
      : '';
  const telemetry = new CommandTelemetry(nullSender);
  if (connectionString !== '') {
    void import('@vscode/extension-telemetry').then(({ TelemetryReporter }) => {
      const reporter: TelemetrySender = new TelemetryReporter(connectionString);
      telemetry.setSender(reporter);
    });
  }
  return telemetry;
}
