/** ACR timestamps: ISO-8601 UTC with 7 fractional digits, strictly increasing within a process. */

let lastTicks = 0n;

/** 100-ns ticks since the epoch for a millisecond time. */
function ticksOf(ms: number): bigint {
  return BigInt(ms) * 10000n;
}

export function formatTicks(ticks: bigint): string {
  const ms = Number(ticks / 10000n);
  const fraction = (ticks % 10000000n).toString().padStart(7, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}

/** The current time as an ACR timestamp; never returns the same value twice. */
export function now(): string {
  let ticks = ticksOf(Date.now());
  if (ticks <= lastTicks) {
    ticks = lastTicks + 1n;
  }
  lastTicks = ticks;
  return formatTicks(ticks);
}

/** A fixed timestamp `offsetSeconds` after `base` (used by seeds for stable data). */
export function at(base: string, offsetSeconds: number): string {
  return formatTicks(ticksOf(Date.parse(base)) + BigInt(Math.round(offsetSeconds * 1000)) * 10000n + 1234567n % 10000n);
}

/**
 * The sandbox's "now" (ms since the epoch) for token lifetimes. Tests move it forward with
 * `control.advanceClock(ms)` instead of sleeping until a token expires.
 */
export class SandboxClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new Error(`advanceClock needs a number of ms >= 0, got ${ms}`);
    }
    this.offsetMs += ms;
  }
}
