/** "1 error", "2 errors": a count with its noun in the right number (the CLI's texts are English only). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 of 3 changes in place", "0 of 1 change in place". */
export function inPlace(done: number, total: number): string {
  return `${done} of ${countOf(total, 'change')} in place`;
}
