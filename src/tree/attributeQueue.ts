/**
 * Repository attributes read in the background (the catalog does not carry them): visible
 * repositories are queued, read with bounded concurrency, and redrawn once read or failed.
 */
import { type RegistryError, toRegistryError } from '../registry/errors';
import { type RepositoryInfo } from '../registry/models';
import { type Generation } from './generation';
import { type RepositoryNode } from './nodes';

/** Repository attributes are read with at most this many requests at a time. */
const ATTRIBUTE_CONCURRENCY = 4;

export class AttributeQueue {
  /** Why a repository's attributes could not be read. */
  readonly errors = new Map<RepositoryNode, RegistryError>();
  private readonly waiting: RepositoryNode[] = [];
  private readonly queued = new Set<RepositoryNode>();
  private running = 0;

  constructor(
    private readonly read: (repository: RepositoryNode) => Promise<RepositoryInfo>,
    private readonly generation: Generation,
    /** A repository's read settled (in the current generation): redraw it. */
    private readonly settled: (repository: RepositoryNode) => void,
  ) {}

  /** Queues a read unless the attributes are known, queued, or failed already. */
  add(repository: RepositoryNode): void {
    if (repository.info || this.queued.has(repository) || this.errors.has(repository)) {
      return;
    }
    this.queued.add(repository);
    this.waiting.push(repository);
    this.pump();
  }

  /** Forgets every error and every read not started yet (reads under way finish into nothing). */
  clear(): void {
    this.errors.clear();
    for (const dropped of this.waiting) {
      this.queued.delete(dropped);
    }
    this.waiting.length = 0;
  }

  private pump(): void {
    while (this.running < ATTRIBUTE_CONCURRENCY) {
      const next = this.waiting.shift();
      if (!next) {
        return;
      }
      this.running++;
      const current = this.generation.snapshot();
      void this.read(next)
        .then(
          (info) => {
            if (current()) {
              next.info = info;
              this.errors.delete(next);
            }
          },
          (thrown: unknown) => {
            if (current()) {
              this.errors.set(next, toRegistryError(thrown));
            }
          },
        )
        .finally(() => {
          this.running--;
          this.queued.delete(next);
          if (current()) {
            this.settled(next);
          }
          this.pump();
        });
    }
  }
}
