import * as assert from 'node:assert/strict';
import { CommandTelemetry } from '../../src/telemetry/commandTelemetry';
import { type TelemetrySender } from '../../src/telemetry/sender';

interface Recorded {
  name: string;
  properties: Record<string, string>;
  measurements: Record<string, number>;
}

function recorder(): { sender: TelemetrySender; events: Recorded[] } {
  const events: Recorded[] = [];
  return {
    events,
    sender: {
      sendTelemetryEvent: (name, properties, measurements) => events.push({ name, properties, measurements }),
      dispose: () => Promise.resolve(),
    },
  };
}

suite('CommandTelemetry', () => {
  test('sends one command event with result, duration, count and error kind/status', () => {
    const { sender, events } = recorder();
    const telemetry = new CommandTelemetry(sender);
    telemetry.commandRun({ command: 'acrLocks.lock', result: 'failed', durationMs: 12.6, itemCount: 3, errorKind: 'locked', errorStatus: 405 });
    assert.deepEqual(events, [
      {
        name: 'command',
        properties: { command: 'acrLocks.lock', result: 'failed', errorKind: 'locked' },
        measurements: { durationMs: 13, itemCount: 3, errorStatus: 405 },
      },
    ]);
  });

  test('never forwards free text: unknown command ids and odd error kinds are dropped', () => {
    const { sender, events } = recorder();
    const telemetry = new CommandTelemetry(sender);
    telemetry.commandRun({ command: 'myregistry.azurecr.io/team/app:v1', result: 'succeeded', durationMs: 1, errorKind: 'team/app:v1' });
    assert.equal(events[0].properties.command, 'acrLocks.unknown');
    assert.equal('errorKind' in events[0].properties, false);
    assert.equal(JSON.stringify(events).includes('azurecr'), false);
    telemetry.commandRun({ command: 'acrLocks.editor.lock', result: 'succeeded', durationMs: 1 });
    telemetry.commandRun({ command: 'acrLocks.myregistry.azurecr.io', result: 'succeeded', durationMs: 1 });
    assert.deepEqual(events.slice(1).map((e) => e.properties.command), ['acrLocks.editor.lock', 'acrLocks.unknown'], 'a feature command id is ours; a dotted name is not');
  });

  test('activation event carries only numbers', () => {
    const { sender, events } = recorder();
    new CommandTelemetry(sender).activated(41.2, 2);
    assert.deepEqual(events, [{ name: 'activation', properties: {}, measurements: { durationMs: 41, registryCount: 2 } }]);
  });

  test('setSender swaps the destination and returns the previous sender', () => {
    const first = recorder();
    const second = recorder();
    const telemetry = new CommandTelemetry(first.sender);
    assert.equal(telemetry.setSender(second.sender), first.sender);
    telemetry.activated(1, 0);
    assert.equal(first.events.length, 0);
    assert.equal(second.events.length, 1);
  });
});
