/**
 * Shapes telemetry events. Only closed vocabularies leave here: the command id (ours), the
 * result, the RegistryError kind; numbers are durations, counts and HTTP status codes.
 * Nothing user-supplied (login servers, repository/tag names, digests, user names, paths,
 * error messages) is ever put into an event.
 *
 * Events:
 * - `command`: properties {command, result, errorKind?}; measurements {durationMs, itemCount?, errorStatus?}
 * - `activation`: measurements {durationMs, registryCount}
 */
import { type TelemetrySender } from './sender';
import { type CommandEvent, type Telemetry } from './telemetry';

/** Our command ids: `acrLocks.name` or, for a feature's own, `acrLocks.feature.name` (never free text). */
const COMMAND_ID = /^acrLocks\.(?:[A-Za-z]+\.)?[A-Za-z]+$/;
const ERROR_KIND = /^[a-zA-Z]+$/;

export class CommandTelemetry implements Telemetry {
  constructor(private sender: TelemetrySender) {}

  /** Swaps the sender (tests record events through this); returns the previous one. */
  setSender(sender: TelemetrySender): TelemetrySender {
    const previous = this.sender;
    this.sender = sender;
    return previous;
  }

  commandRun(event: CommandEvent): void {
    const properties: Record<string, string> = {
      command: COMMAND_ID.test(event.command) ? event.command : 'acrLocks.unknown',
      result: event.result,
    };
    if (event.errorKind && ERROR_KIND.test(event.errorKind)) {
      properties.errorKind = event.errorKind;
    }
    const measurements: Record<string, number> = { durationMs: Math.round(event.durationMs) };
    if (event.itemCount !== undefined) {
      measurements.itemCount = event.itemCount;
    }
    if (event.errorStatus !== undefined) {
      measurements.errorStatus = event.errorStatus;
    }
    this.sender.sendTelemetryEvent('command', properties, measurements);
  }

  activated(durationMs: number, registryCount: number): void {
    this.sender.sendTelemetryEvent('activation', {}, { durationMs: Math.round(durationMs), registryCount });
  }

  dispose(): Promise<void> {
    return this.sender.dispose().then(() => undefined);
  }
}
