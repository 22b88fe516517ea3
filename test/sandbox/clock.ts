/**
 * ACR timestamps: ISO-8601 UTC with up to 7 fractional digits, trailing zeros dropped as real
 * ACR does (`2023-02-28T18:36:48.80817Z`, `…:48.1Z`, `…:48Z`), strictly increasing within a process.
 */

let lastTicks = 0n;

/** 100-ns ticks since the epoch for a millisecond time. */
function ticksOf(ms: number): bigint {
  return BigInt(ms) * 10000n;
}

export function formatTicks(ticks: bigint): string {
  const ms = Number(ticks / 10000n);
  const fraction = (ticks % 10000000n).toString().padStart(7, '0').replace(/0+$/, '');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, fraction === '' ? 'Z' : `.${fraction}Z`);
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/;

/** A fixed-width form of an ACR timestamp (7 fractional digits) that sorts as the instants do. */
export function sortableTime(timestamp: string): string {
  const match = TIMESTAMP.exec(timestamp);
  if (!match) {
    throw new Error(`not an ACR timestamp: ${timestamp}`);
  }
  return `${match[1]}.${(match[2] ?? '').padEnd(7, '0')}Z`;
}

/** Sub-millisecond ticks (0–9999) from the high-resolution clock, so digit counts vary as in ACR. */
function subMillisecond(): bigint {
  return (process.hrtime.bigint() / 100n) % 10000n;
}

/** The current time as an ACR timestamp; never returns the same value twice. */
export function now(): string {
  let ticks = ticksOf(Date.now()) + subMillisecond();
  if (ticks <= lastTicks) {
    ticks = lastTicks + 1n;
  }
  lastTicks = ticks;
  return formatTicks(ticks);
}

/**
 * Sub-second parts of the seeds' timestamps, cycling so that fixed data covers every digit count
 * from 0 to 7 (7, 5, 3, 1, 0, 6, 4, 2 digits after dropping trailing zeros).
 */
const SEED_FRACTIONS: readonly bigint[] = [1794832n, 8081700n, 4540000n, 5000000n, 0n, 8012760n, 3012000n, 1200000n];

/** A fixed timestamp `offsetSeconds` after `base` (used by seeds for stable data). */
export function at(base: string, offsetSeconds: number): string {
  const whole = Math.floor(offsetSeconds);
  // Minute-spaced seeds (demo) and second-spaced ones (large) both walk through every entry.
  const index = Math.abs(whole + Math.floor(whole / 60)) % SEED_FRACTIONS.length;
  const fraction = SEED_FRACTIONS[index];
  return formatTicks(ticksOf(Date.parse(base)) + BigInt(whole) * 10000000n + fraction);
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
