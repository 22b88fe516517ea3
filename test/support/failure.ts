// Awaits a promise that must reject, and returns what it rejected with (checked), for assertions on it.
import * as assert from 'node:assert/strict';

/**
 * `promise` must reject with an error `accept` takes (e.g. `hasKind`, `named('RegistryError')`);
 * returns it. Fulfilling, or rejecting with anything else, fails the test.
 */
export async function failure<E extends Error = Error>(promise: Promise<unknown>, accept: (error: unknown) => boolean = () => true): Promise<E> {
  try {
    await promise;
  } catch (error) {
    assert.ok(accept(error), `unexpected failure: ${String(error)}`);
    return error as E;
  }
  throw new assert.AssertionError({ message: 'expected a failure, but the call succeeded' });
}

/** An error carrying a `kind` (the registry layer's and the lock engine's errors). */
export function hasKind(error: unknown): boolean {
  return error instanceof Error && (error as Error & { kind?: unknown }).kind !== undefined;
}

/** An error of that `name`. */
export function named(name: string): (error: unknown) => boolean {
  return (error) => error instanceof Error && error.name === name;
}
