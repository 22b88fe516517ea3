/**
 * The cache generation: bumped when everything is refreshed, so background work started for a
 * dropped generation does not write into the new cache.
 */
export class Generation {
  private value = 0;

  bump(): void {
    this.value++;
  }

  /** A check that stays true until the next bump. */
  snapshot(): () => boolean {
    const at = this.value;
    return () => at === this.value;
  }
}
