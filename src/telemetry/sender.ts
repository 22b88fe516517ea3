/** The part of TelemetryReporter we use; tests substitute a recording sender. */
export interface TelemetrySender {
  sendTelemetryEvent(name: string, properties: Record<string, string>, measurements: Record<string, number>): void;
  dispose(): Promise<unknown>;
}

export const nullSender: TelemetrySender = {
  sendTelemetryEvent: () => undefined,
  dispose: () => Promise.resolve(),
};
