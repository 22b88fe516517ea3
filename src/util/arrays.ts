/**
 * Array helpers for data of any size. Spreading an array into a call (`a.push(...b)`,
 * `Math.max(...b)`) puts every element on the call stack and throws "Maximum call stack size
 * exceeded" at around 125,000 elements; these loop instead. Pure logic.
 */

/** Appends every item of `items` to `target` (in place) and returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) {
    target.push(item);
  }
  return target;
}

/** The largest of `values`, or `initial` when there are none (or all are smaller). */
export function maxOf(values: Iterable<number>, initial: number): number {
  let max = initial;
  for (const value of values) {
    if (value > max) {
      max = value;
    }
  }
  return max;
}
